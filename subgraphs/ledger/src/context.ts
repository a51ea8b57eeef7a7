import { oncePerRuntime, type BaseContext, type SubgraphRuntime } from '@kantoor/platform';
import {
  createAccountsLoader,
  createJournalsLoader,
  createVatCodesLoader,
} from './modules/account/account.loaders.js';
import { AccountService } from './modules/account/account.service.js';
import { VatCodeService } from './modules/account/vat-code.service.js';
import {
  createBankRulesLoader,
  createBankStatementsLoader,
  createHandBookedBankLinesLoader,
  createOpenItemsLoader,
  createUnprocessedCountsLoader,
} from './modules/bank/bank.loaders.js';
import { BankAccountService } from './modules/bank/bank-account.service.js';
import { BankImportService } from './modules/bank/bank-import.service.js';
import { BankProcessingService } from './modules/bank/bank-processing.service.js';
import { BankReadService } from './modules/bank/bank-read.service.js';
import { BankRuleService } from './modules/bank/bank-rule.service.js';
import { OpenItemService } from './modules/bank/open-items.service.js';
import {
  createDraftLinesLoader,
  createEntriesLoader,
  createEntryLinesLoader,
  createReversalsLoader,
} from './modules/entry/entry.loaders.js';
import { DraftService } from './modules/entry/draft.service.js';
import { EntryReadService } from './modules/entry/entry-read.service.js';
import { EntryService } from './modules/entry/entry.service.js';
import { ReversalService } from './modules/entry/reversal.service.js';
import { InvoicingBookingService } from './modules/invoicing-booking/invoicing-booking.service.js';
import {
  createFiscalYearsLoader,
  createLockedPeriodsLoader,
} from './modules/period/period.loaders.js';
import { PeriodService } from './modules/period/period.service.js';
import {
  createBalanceSheetLoader,
  createProfitAndLossLoader,
  createTrialBalanceLoader,
} from './modules/report/report.loaders.js';
import { AccountLedgerService } from './modules/report/account-ledger.service.js';
import { ReportService } from './modules/report/report.service.js';
import { createLedgerStatusLoader } from './modules/status/status.loaders.js';
import { StatusService } from './modules/status/status.service.js';
import { YearClosingService } from './modules/period/year-closing.service.js';
import { createTemplateContentsLoader } from './modules/template/template.loaders.js';
import { TemplateChartService } from './modules/template/template-chart.service.js';
import { TemplateService } from './modules/template/template.service.js';
import { XafService } from './modules/xaf/xaf.service.js';

export interface LedgerServices {
  accounts: AccountService;
  bankAccounts: BankAccountService;
  bankImports: BankImportService;
  bankProcessing: BankProcessingService;
  bankRules: BankRuleService;
  bankReads: BankReadService;
  openItems: OpenItemService;
  entries: EntryService;
  reversals: ReversalService;
  drafts: DraftService;
  entryReads: EntryReadService;
  invoicingBookings: InvoicingBookingService;
  periods: PeriodService;
  reports: ReportService;
  accountLedgers: AccountLedgerService;
  status: StatusService;
  templates: TemplateService;
  templateCharts: TemplateChartService;
  vatCodes: VatCodeService;
  xaf: XafService;
  yearClosing: YearClosingService;
}

export function createLedgerServices(
  runtime: Pick<SubgraphRuntime, 'dataSource' | 'events'>,
): LedgerServices {
  const db = runtime.dataSource;
  const entries = new EntryService(db, undefined, runtime.events);
  const reversals = new ReversalService(db, undefined, runtime.events);
  return {
    accounts: new AccountService(db),
    bankAccounts: new BankAccountService(db),
    bankImports: new BankImportService(db),
    bankProcessing: new BankProcessingService(db, entries, runtime.events),
    bankRules: new BankRuleService(db),
    bankReads: new BankReadService(db),
    openItems: new OpenItemService(db, entries, runtime.events),
    entries,
    reversals,
    drafts: new DraftService(db, undefined, runtime.events),
    entryReads: new EntryReadService(db),
    invoicingBookings: new InvoicingBookingService(db, entries),
    periods: new PeriodService(db, runtime.events),
    reports: new ReportService(db),
    accountLedgers: new AccountLedgerService(db),
    status: new StatusService(db),
    templates: new TemplateService(db),
    templateCharts: new TemplateChartService(db),
    vatCodes: new VatCodeService(db),
    xaf: new XafService(db),
    yearClosing: new YearClosingService(db, entries, reversals),
  };
}

export function createLedgerLoaders(services: LedgerServices) {
  return {
    accounts: createAccountsLoader(services.accounts),
    vatCodes: createVatCodesLoader(services.accounts),
    journals: createJournalsLoader(services.accounts),
    entries: createEntriesLoader(services.entryReads),
    entryLines: createEntryLinesLoader(services.entryReads),
    reversals: createReversalsLoader(services.entryReads),
    draftLines: createDraftLinesLoader(services.entryReads),
    ledgerStatus: createLedgerStatusLoader(services.status),
    bankRules: createBankRulesLoader(services.bankReads),
    unprocessedBankCounts: createUnprocessedCountsLoader(services.bankReads),
    openItems: createOpenItemsLoader(services.bankReads),
    bankStatements: createBankStatementsLoader(services.bankReads),
    handBookedBankLines: createHandBookedBankLinesLoader(services.bankReads),
    templateContents: createTemplateContentsLoader(services.templates),
    fiscalYears: createFiscalYearsLoader(services.periods),
    lockedPeriods: createLockedPeriodsLoader(services.periods),
    trialBalances: createTrialBalanceLoader(services.reports),
    balanceSheets: createBalanceSheetLoader(services.reports),
    profitAndLosses: createProfitAndLossLoader(services.reports),
  };
}

export type LedgerLoaders = ReturnType<typeof createLedgerLoaders>;

export interface LedgerContext extends BaseContext {
  services: LedgerServices;
  loaders: LedgerLoaders;
}

/** The ledger's services, built once per running subgraph (they hold no per-request state). */
const servicesOf = oncePerRuntime(createLedgerServices);

export function createLedgerContext(base: BaseContext, runtime: SubgraphRuntime): LedgerContext {
  const services = servicesOf(runtime);
  return { ...base, services, loaders: createLedgerLoaders(services) };
}
