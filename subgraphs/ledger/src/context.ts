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
import { BankService } from './modules/bank/bank.service.js';
import { OpenItemService } from './modules/bank/open-items.service.js';
import {
  createDraftLinesLoader,
  createEntriesLoader,
  createEntryLinesLoader,
  createReversalsLoader,
} from './modules/entry/entry.loaders.js';
import { EntryService } from './modules/entry/entry.service.js';
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
import { ReportService } from './modules/report/report.service.js';
import { createLedgerStatusLoader } from './modules/status/status.loaders.js';
import { StatusService } from './modules/status/status.service.js';
import { YearClosingService } from './modules/period/year-closing.service.js';
import { createTemplateContentsLoader } from './modules/template/template.loaders.js';
import { TemplateService } from './modules/template/template.service.js';
import { XafService } from './modules/xaf/xaf.service.js';

export interface LedgerServices {
  accounts: AccountService;
  bank: BankService;
  openItems: OpenItemService;
  entries: EntryService;
  invoicingBookings: InvoicingBookingService;
  periods: PeriodService;
  reports: ReportService;
  status: StatusService;
  templates: TemplateService;
  vatCodes: VatCodeService;
  xaf: XafService;
  yearClosing: YearClosingService;
}

export function createLedgerServices(
  runtime: Pick<SubgraphRuntime, 'dataSource' | 'events'>,
): LedgerServices {
  const db = runtime.dataSource;
  const entries = new EntryService(db, undefined, runtime.events);
  return {
    accounts: new AccountService(db),
    bank: new BankService(db, entries, runtime.events),
    openItems: new OpenItemService(db, entries, runtime.events),
    entries,
    invoicingBookings: new InvoicingBookingService(db, entries),
    periods: new PeriodService(db, runtime.events),
    reports: new ReportService(db),
    status: new StatusService(db),
    templates: new TemplateService(db),
    vatCodes: new VatCodeService(db),
    xaf: new XafService(db),
    yearClosing: new YearClosingService(db, entries),
  };
}

export function createLedgerLoaders(services: LedgerServices) {
  return {
    accounts: createAccountsLoader(services.accounts),
    vatCodes: createVatCodesLoader(services.accounts),
    journals: createJournalsLoader(services.accounts),
    entries: createEntriesLoader(services.entries),
    entryLines: createEntryLinesLoader(services.entries),
    reversals: createReversalsLoader(services.entries),
    draftLines: createDraftLinesLoader(services.entries),
    ledgerStatus: createLedgerStatusLoader(services.status),
    bankRules: createBankRulesLoader(services.bank),
    unprocessedBankCounts: createUnprocessedCountsLoader(services.bank),
    openItems: createOpenItemsLoader(services.bank),
    bankStatements: createBankStatementsLoader(services.bank),
    handBookedBankLines: createHandBookedBankLinesLoader(services.bank),
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
