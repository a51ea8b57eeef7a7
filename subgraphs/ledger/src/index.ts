import 'reflect-metadata';
import type { SubgraphDefinition } from '@kantoor/platform';
import { ledgerConfig } from './config.js';
import { createLedgerContext, createLedgerServices, type LedgerContext } from './context.js';
import { Initial1764000000000 } from './migrations/1764000000000-initial.js';
import { Bookings1764200000000 } from './migrations/1764200000000-bookings.js';
import { Bank1764500000000 } from './migrations/1764500000000-bank.js';
import { OpenItems1764600000000 } from './migrations/1764600000000-open-items.js';
import { Idempotency1765100000000 } from './migrations/1765100000000-idempotency.js';
import { VatDirection1765100100000 } from './migrations/1765100100000-vat-direction.js';
import { VatCodes1765100200000 } from './migrations/1765100200000-vat-codes.js';
import { Archived1765100300000 } from './migrations/1765100300000-archived.js';
import { RgsLevel41765200000000 } from './migrations/1765200000000-rgs-level4.js';
import { OpenItemOffsets1765200100000 } from './migrations/1765200100000-open-item-offsets.js';
import { YearClosing1765200200000 } from './migrations/1765200200000-year-closing.js';
import { xafSubscriptions } from './modules/xaf/xaf.events.js';
import { AdministrationDetails1765200300000 } from './migrations/1765200300000-administration-details.js';
import { BankStatements1765200400000 } from './migrations/1765200400000-bank-statements.js';
import { CustomersSuppliers1765300000000 } from './migrations/1765300000000-customers-suppliers.js';
import { OpenActions1765400000000 } from './migrations/1765400000000-open-actions.js';
import { ledgerOpenActions } from './modules/status/open-actions.sql.js';
import {
  AccountEntity,
  BookEntity,
  JournalEntity,
  VatCodeEntity,
} from './modules/account/account.entity.js';
import { accountSubscriptions } from './modules/account/account.events.js';
import {
  BankImportEntity,
  BankRuleEntity,
  BankTransactionEntity,
} from './modules/bank/bank.entity.js';
import {
  DraftEntryEntity,
  DraftEntryLineEntity,
  FiscalYearEntity,
  JournalEntryEntity,
  JournalEntryLineEntity,
} from './modules/entry/entry.entity.js';
import { EntryService } from './modules/entry/entry.service.js';
import { LockedPeriodEntity, PeriodLockAuditEntity } from './modules/period/period.entity.js';
import { periodSubscriptions } from './modules/period/period.events.js';
import { invoicingBookingSubscriptions } from './modules/invoicing-booking/invoicing-booking.events.js';
import { InvoicingBookings1765200000000 } from './migrations/1765200000000-invoicing-bookings.js';
import { ReportService } from './modules/report/report.service.js';
import {
  ChartTemplateAccountEntity,
  ChartTemplateEntity,
  ChartTemplateJournalEntity,
  ChartTemplateVatCodeEntity,
} from './modules/template/template.entity.js';
import { buildLedgerSchema, ledgerRules } from './schema.js';

export { buildLedgerSchema, ledgerRules, createLedgerServices, EntryService, ReportService };
export type { LedgerContext };
export { KANTOOR_DEFAULT_CHART } from './modules/account/default-chart.data.js';
// The dashboard benchmark's raw SQL floor counts bank balance differences the same way.
export { UNBALANCED_BANK_ACCOUNTS_SQL } from './modules/bank/bank-statements.sql.js';

/** Financieel: chart of accounts, bookings, periods, reports, bank import, audit file. */
export const ledgerSubgraph: SubgraphDefinition<LedgerContext> = {
  name: 'ledger',
  schema: 'ledger',
  entities: [
    BookEntity,
    AccountEntity,
    VatCodeEntity,
    JournalEntity,
    FiscalYearEntity,
    JournalEntryEntity,
    JournalEntryLineEntity,
    DraftEntryEntity,
    DraftEntryLineEntity,
    LockedPeriodEntity,
    PeriodLockAuditEntity,
    ChartTemplateEntity,
    ChartTemplateAccountEntity,
    ChartTemplateVatCodeEntity,
    ChartTemplateJournalEntity,
    BankImportEntity,
    BankTransactionEntity,
    BankRuleEntity,
  ],
  migrations: [
    Initial1764000000000,
    Bookings1764200000000,
    Bank1764500000000,
    OpenItems1764600000000,
    Idempotency1765100000000,
    VatDirection1765100100000,
    VatCodes1765100200000,
    Archived1765100300000,
    InvoicingBookings1765200000000,
    RgsLevel41765200000000,
    OpenItemOffsets1765200100000,
    YearClosing1765200200000,
    AdministrationDetails1765200300000,
    BankStatements1765200400000,
    CustomersSuppliers1765300000000,
    OpenActions1765400000000,
  ],
  buildSchema: buildLedgerSchema,
  rules: ledgerRules,
  openActions: ledgerOpenActions,
  subscriptions: (runtime) => [
    ...accountSubscriptions(runtime),
    ...periodSubscriptions(runtime),
    ...invoicingBookingSubscriptions(runtime),
    ...xafSubscriptions(runtime),
  ],
  createContext: createLedgerContext,
  // Fails start-up on a bad KANTOOR_LEDGER_* variable instead of at the first posting.
  onStart: async () => {
    ledgerConfig();
  },
};
