import 'reflect-metadata';
import {
  buildShieldedSubgraphSchema,
  userErrorCodesOf,
  type ReferenceResolvers,
} from '@kantoor/platform';
import type { GraphQLSchema } from 'graphql';
import { accountRules } from './modules/account/account.permissions.js';
import {
  AccountMutationResolver,
  JournalResolver,
  LedgerAdministrationResolver,
  VatCodeResolver,
} from './modules/account/account.resolver.js';
import { resolveLedgerAdministrationReference } from './modules/administration/administration.reference.js';
import { LedgerAdministration } from './modules/administration/administration.type.js';
import { bankRules } from './modules/bank/bank.permissions.js';
import {
  BankAccountResolver,
  BankAdministrationResolver,
  BankMutationResolver,
  BankRuleResolver,
  BankTransactionResolver,
} from './modules/bank/bank.resolver.js';
import { entryRules } from './modules/entry/entry.permissions.js';
import {
  DraftJournalEntryResolver,
  EntryAdministrationResolver,
  EntryMutationResolver,
  JournalEntryResolver,
} from './modules/entry/entry.resolver.js';
import { periodRules } from './modules/period/period.permissions.js';
import {
  PeriodAdministrationResolver,
  PeriodMutationResolver,
  FiscalYearResolver,
  YearClosingMutationResolver,
} from './modules/period/period.resolver.js';
import { reportRules } from './modules/report/report.permissions.js';
import {
  AccountMovementResolver,
  ReportAdministrationResolver,
} from './modules/report/report.resolver.js';
import { statusRules } from './modules/status/status.permissions.js';
import { LedgerStatusResolver } from './modules/status/status.resolver.js';
import { xafRules } from './modules/xaf/xaf.permissions.js';
import { invoicingBookingRules } from './modules/invoicing-booking/invoicing-booking.permissions.js';
import { LedgerInvoiceResolver } from './modules/invoicing-booking/invoicing-booking.resolver.js';
import { resolveLedgerInvoiceReference } from './modules/invoicing-booking/invoicing-booking.reference.js';
import { LedgerInvoice } from './modules/invoicing-booking/invoicing-booking.type.js';
import { XafAdministrationResolver } from './modules/xaf/xaf.resolver.js';
import { templateRules } from './modules/template/template.permissions.js';
import {
  ChartTemplateMutationResolver,
  ChartTemplateResolver,
} from './modules/template/template.resolver.js';
import { LEDGER_ERRORS, LEDGER_ERROR_DESCRIPTIONS } from './modules/common/ledger.errors.js';

export const ledgerRules = [
  accountRules,
  entryRules,
  periodRules,
  reportRules,
  statusRules,
  templateRules,
  bankRules,
  xafRules,
  invoicingBookingRules,
];

/** The ledger subgraph schema, shielded; needs no database (schema:emit uses it). */
export function buildLedgerSchema(): Promise<GraphQLSchema> {
  return buildShieldedSubgraphSchema({
    resolvers: [
      LedgerAdministrationResolver,
      VatCodeResolver,
      JournalResolver,
      AccountMutationResolver,
      EntryAdministrationResolver,
      JournalEntryResolver,
      DraftJournalEntryResolver,
      EntryMutationResolver,
      PeriodAdministrationResolver,
      PeriodMutationResolver,
      FiscalYearResolver,
      YearClosingMutationResolver,
      ReportAdministrationResolver,
      AccountMovementResolver,
      LedgerStatusResolver,
      ChartTemplateResolver,
      ChartTemplateMutationResolver,
      BankAdministrationResolver,
      BankAccountResolver,
      BankTransactionResolver,
      BankRuleResolver,
      BankMutationResolver,
      XafAdministrationResolver,
      LedgerInvoiceResolver,
    ],
    // Reached only through _entities, so not from any root field.
    orphanedTypes: [LedgerAdministration, LedgerInvoice],
    references: {
      Administration: { __resolveReference: resolveLedgerAdministrationReference },
      Invoice: { __resolveReference: resolveLedgerInvoiceReference },
    } as ReferenceResolvers,
    userErrorCodes: userErrorCodesOf([LEDGER_ERRORS], LEDGER_ERROR_DESCRIPTIONS),
    rules: ledgerRules,
  });
}
