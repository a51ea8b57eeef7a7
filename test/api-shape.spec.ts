import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, isObjectType } from 'graphql';

/**
 * schema/api.graphql (what clients generate from) keeps its promises to client caches
 * (docs/decisions/0016-api-shape.md): every object type that can change has an `id`.
 */
const API_SCHEMA = buildSchema(
  readFileSync(join(__dirname, '..', 'schema', 'api.graphql'), 'utf8'),
);

/**
 * Object types without an id, and why none is needed: a value inside a parent that has one
 * (a cache keeps it inside that parent and replaces it with the parent), a report computed
 * from arguments (cached under its parent field and arguments), or no object at all.
 */
const WITHOUT_ID: Record<string, string> = {
  UserError: 'part of a mutation payload',
  PageInfo: 'part of a connection',
  BillingLine: 'value inside BillingStatement',
  PriceListItem: 'value inside PriceList',
  PriceQuote: 'computed from arguments',
  Address: 'value inside Customer',
  InvoiceLine: 'value inside Invoice (lines are replaced as a whole)',
  InvoiceVatAmount: 'value inside Invoice',
  BankTransactionSuggestion: 'value inside BankTransaction',
  OpeningBalance: 'value inside FiscalYear',
  TrialBalance: 'report computed from arguments',
  TrialBalanceRow: 'row of a report',
  BalanceSheet: 'report computed from arguments',
  ProfitAndLoss: 'report computed from arguments',
  LedgerReportSection: 'part of a report',
  LedgerReportGroup: 'part of a report',
  LedgerReportRow: 'row of a report',
  AccountLedger: 'report computed from arguments',
  AccountMovement: 'row of a report (its entry has an id)',
  VatBox: 'value inside VatReturn',
  OpenActions:
    'value inside Administration (its counts for the viewer; cache it with its administration)',
  VatCorrectionLine: 'value inside VatReturn',
  VatDifference: 'value inside VatReturn',
  VatReturnEvent: 'history entry inside VatReturn; never changes',
  IcpLine: 'value inside VatReturn',
  VatStatusCount: 'count inside a connection',
};

test('every object type that can change has an id (or is listed with its reason)', () => {
  const missing = Object.values(API_SCHEMA.getTypeMap())
    .filter(isObjectType)
    .filter((t) => !t.name.startsWith('__') && !['Query', 'Mutation'].includes(t.name))
    .filter((t) => !/(Payload|Connection|Edge)$/.test(t.name))
    .filter((t) => !('id' in t.getFields()) && !(t.name in WITHOUT_ID))
    .map((t) => t.name);
  expect(missing).toEqual([]);
});

test('the list of types without an id names only types that exist and lack one', () => {
  for (const name of Object.keys(WITHOUT_ID)) {
    const type = API_SCHEMA.getType(name);
    expect([name, isObjectType(type) && !('id' in type.getFields())]).toEqual([name, true]);
  }
});
