/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL answers are read loosely in these tests */
/**
 * Test kit of invoicing's integration tests: the whole system (fresh database, five
 * subgraphs, the real gateway) and helpers for an office with an administration that
 * invoices. Not a test file itself.
 */
import type { Permission } from '@kantoor/platform';
import { eventually, type GraphQLResponse } from '@kantoor/platform/testing';
import type { DataSource } from 'typeorm';
import { Factories } from '../../../../test/factories';
import { startTestSystem, type TestSystem } from '../../../../test/system';

export interface Kit {
  system: TestSystem;
  make: Factories;
  db: DataSource;
  ledgerDb: DataSource;
  gql<D = Record<string, any>>(
    token: string | null,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResponse<D>>;
  publish(type: string, payload: Record<string, unknown>): Promise<string>;
  stop(): Promise<void>;
}

export async function startKit(): Promise<Kit> {
  const system = await startTestSystem();
  const tenancy = system.subgraphs.tenancy.runtime;
  return {
    system,
    make: new Factories(tenancy.dataSource, tenancy.events),
    db: system.subgraphs.invoicing.runtime.dataSource,
    ledgerDb: system.subgraphs.ledger.runtime.dataSource,
    gql: (token, query, variables) => system.query(query, { token, variables }),
    publish: (type, payload) =>
      tenancy.dataSource.transaction((m) => tenancy.events.publish(m, type, payload)),
    stop: () => system.stop(),
  };
}

export interface Adm {
  officeId: string;
  adminToken: string;
  administrationId: string;
}

export const SETTINGS = `mutation($input: UpdateInvoiceSettingsInput!) { updateInvoiceSettings(input: $input) { settings { name iban } userErrors { field code message } } }`;
export const CREATE_CUSTOMER = `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) {
  customer { id number name email vatNumber kvkNumber paymentTermDays address { street postalCode city countryCode } }
  userErrors { field code message } } }`;
export const INVOICE_FIELDS = `id administrationId type number status issueDate dueDate reference totalExclVat totalVat totalInclVat
  paidAmount creditedAmount outstandingAmount overdue customer { id name number }
  lines { description quantity unitPrice vatCode vatRate netAmount } vatBreakdown { vatCode rate base vat }`;
export const CREATE_INVOICE = `mutation($input: CreateInvoiceInput!) { createInvoice(input: $input) { invoice { ${INVOICE_FIELDS} } userErrors { field code message } } }`;
export const UPDATE_INVOICE = `mutation($input: UpdateInvoiceInput!) { updateInvoice(input: $input) { invoice { ${INVOICE_FIELDS} } userErrors { field code message } } }`;
export const FINALIZE = `mutation($input: FinalizeInvoiceInput!) { finalizeInvoice(input: $input) { invoice { ${INVOICE_FIELDS} } userErrors { field code message } } }`;
export const CREDIT = `mutation($input: CreditInvoiceInput!) { creditInvoice(input: $input) { invoice { ${INVOICE_FIELDS} credits { id number status creditedAmount outstandingAmount } } userErrors { field code message } } }`;
export const PAY = `mutation($input: RegisterPaymentInput!) { registerPayment(input: $input) { invoice { ${INVOICE_FIELDS} } userErrors { field code message } } }`;

/** An office, its ADMIN, an administration with LEDGER and INVOICING whose books are open, and sender details. */
export async function makeAdm(
  kit: Kit,
  options: { settings?: boolean; clientModules?: string[] } = {},
): Promise<Adm> {
  const office = await kit.make.office();
  const admin = await kit.make.user({ officeId: office.id, officeRole: 'ADMIN' });
  const adminToken = await kit.make.token(admin.id);
  const adm = await kit.make.administration({
    officeId: office.id,
    modules: ['LEDGER', 'INVOICING'],
    kind: options.clientModules ? 'INTERNAL_WITH_CLIENT_LOGIN' : 'INTERNAL',
    clientModules: options.clientModules,
  });
  await eventually(
    async () => {
      const rows: unknown[] = await kit.ledgerDb.query(
        'SELECT 1 FROM ledger.books WHERE administration_id = $1',
        [adm.id],
      );
      return rows.length > 0 ? true : undefined;
    },
    { what: 'books' },
  );
  if (options.settings !== false) {
    const r = await kit.gql(adminToken, SETTINGS, {
      input: {
        administrationId: adm.id,
        name: 'Bakkerij De Vries B.V.',
        street: 'Dorpsstraat 1',
        postalCode: '3511 AA',
        city: 'Utrecht',
        countryCode: 'NL',
        vatNumber: 'NL123456782B01',
        kvkNumber: '12345678',
        iban: 'NL91ABNA0417164300',
      },
    });
    expect(r.errors).toBeUndefined();
    expect(r.data!.updateInvoiceSettings.userErrors).toEqual([]);
  }
  return { officeId: office.id, adminToken, administrationId: adm.id };
}

export async function userWith(
  kit: Kit,
  a: Adm,
  permissions: Permission[],
  kind: 'STAFF' | 'CLIENT' = 'STAFF',
): Promise<string> {
  const user = await kit.make.user({ officeId: a.officeId, kind });
  await kit.make.grant(user.id, a.administrationId, permissions);
  return kit.make.token(user.id);
}

export async function customer(
  kit: Kit,
  a: Adm,
  input: Record<string, unknown> = {},
): Promise<{ id: string; number: string; name: string }> {
  const r = await kit.gql(a.adminToken, CREATE_CUSTOMER, {
    input: {
      administrationId: a.administrationId,
      name: 'Cafe Centraal',
      address: {
        street: 'Kerkweg 2',
        postalCode: '3811 AB',
        city: 'Amersfoort',
        countryCode: 'NL',
      },
      kvkNumber: '87654321',
      ...input,
    },
  });
  expect(r.errors).toBeUndefined();
  expect(r.data!.createCustomer.userErrors).toEqual([]);
  return r.data!.createCustomer.customer;
}

export const line = (over: Record<string, unknown> = {}) => ({
  description: 'Taart',
  quantity: '10',
  unitPrice: '10.00',
  vatCode: 'V21',
  ...over,
});

export async function draft(
  kit: Kit,
  a: Adm,
  customerId: string,
  input: Record<string, unknown> = {},
) {
  const r = await kit.gql(a.adminToken, CREATE_INVOICE, {
    input: { administrationId: a.administrationId, customerId, lines: [line()], ...input },
  });
  expect(r.errors).toBeUndefined();
  expect(r.data!.createInvoice.userErrors).toEqual([]);
  return r.data!.createInvoice.invoice;
}

export async function finalized(
  kit: Kit,
  a: Adm,
  customerId: string,
  input: Record<string, unknown> = {},
) {
  const d = await draft(kit, a, customerId, input);
  const r = await kit.gql(a.adminToken, FINALIZE, {
    input: { administrationId: a.administrationId, invoiceId: d.id },
  });
  expect(r.errors).toBeUndefined();
  expect(r.data!.finalizeInvoice.userErrors).toEqual([]);
  return r.data!.finalizeInvoice.invoice;
}

export async function count(kit: Kit, sql: string, params: unknown[]): Promise<number> {
  const [row] = await kit.db.query(`SELECT count(*)::int AS n FROM (${sql}) x`, params);
  return row.n;
}
