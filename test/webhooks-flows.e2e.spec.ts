import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventually } from '@kantoor/platform/testing';
import { camt053, IBAN } from '../subgraphs/ledger/src/__tests__/camt053-builder';
import type { Factories } from './factories';
import { startTestSystemWithFactories, type TestSystem } from './system';

/**
 * invoice.paid and vat_return.status_changed made by the real flows (issue 16): an office
 * ADMIN registers a webhook, then finalizes an invoice and pays it (by hand, or by a bank
 * transaction processed against its open item), or takes a VAT return through its statuses,
 * with the public mutations through the gateway. The events come from the
 * modules' own transactions (invoicing, vat), through tenancy's fan-out to a local receiver.
 * webhooks.e2e.spec.ts covers the delivery mechanics (signature, retries, disabling).
 */
let system: TestSystem;
let make: Factories;
let receiver: Server;
let base: string;

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}
const received: Received[] = [];

beforeAll(async () => {
  ({ system, make } = await startTestSystemWithFactories());
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        path: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.statusCode = 200;
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => receiver?.close(resolve));
  await system?.stop();
});

interface Body {
  id: string;
  type: string;
  createdAt: string;
  officeId: string;
  data: Record<string, unknown>;
}

/** A query through the gateway that must answer without errors and without userErrors. */
async function ok<D extends Record<string, unknown>>(
  token: string,
  query: string,
  input: Record<string, unknown>,
): Promise<D> {
  const r = await system.query<D>(query, { token, variables: { input } });
  expect(r.errors).toBeUndefined();
  const payload = Object.values(r.data!)[0] as { userErrors?: unknown[] };
  expect(payload.userErrors).toEqual([]);
  return r.data!;
}

async function office() {
  const o = await make.office();
  const admin = await make.user({ officeId: o.id, officeRole: 'ADMIN' });
  return { id: o.id, token: await make.token(admin.id) };
}

async function createHook(token: string, path: string, eventTypes: string[]) {
  const data = await ok<{ createWebhook: { webhook: { id: string }; secret: string } }>(
    token,
    `mutation($input: CreateWebhookInput!) {
      createWebhook(input: $input) { webhook { id } secret userErrors { field code } }
    }`,
    { url: `${base}${path}`, eventTypes },
  );
  return { id: data.createWebhook.webhook.id, secret: data.createWebhook.secret };
}

/** The webhook's delivery log, newest first. */
async function deliveries(token: string, webhookId: string) {
  const r = await system.query<{
    me: {
      office: {
        webhooks: {
          id: string;
          deliveries: {
            totalCount: number;
            edges: { node: { eventId: string; eventType: string; status: string } }[];
          };
        }[];
      };
    };
  }>(
    `{ me { office { webhooks { id deliveries(first: 20) {
      totalCount edges { node { eventId eventType status } } } } } } }`,
    { token },
  );
  expect(r.errors).toBeUndefined();
  return r.data!.me.office.webhooks.find((w) => w.id === webhookId)!.deliveries;
}

function verified(secret: string, delivery: Received): boolean {
  const header = String(delivery.headers['kantoor-signature']);
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2)));
  const expected = createHmac('sha256', secret).update(`${parts.t}.${delivery.body}`).digest();
  const given = Buffer.from(String(parts.v1 ?? ''), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The deliveries at `path` so far, parsed, with their raw form for the signature. */
function at(path: string): { body: Body; raw: Received }[] {
  return received
    .filter((r) => r.path === path)
    .map((raw) => ({ body: JSON.parse(raw.body) as Body, raw }));
}

/** Waits until `path` has received `count` deliveries of `type`; answers them. */
async function waitFor(path: string, type: string, count: number) {
  return eventually(
    async () => {
      const got = at(path).filter((d) => d.body.type === type);
      return got.length >= count ? got : undefined;
    },
    { timeoutMs: 30_000, what: `${count} × ${type} at ${path}` },
  );
}

function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

const INVOICE = `invoice { id number status issueDate dueDate totalExclVat totalVat totalInclVat outstandingAmount }`;
interface Invoice {
  id: string;
  number: string;
  status: string;
  issueDate: string;
  dueDate: string;
  totalExclVat: string;
  totalVat: string;
  totalInclVat: string;
  outstandingAmount: string;
}
const PAY = `mutation($input: RegisterPaymentInput!) { registerPayment(input: $input) { ${INVOICE} userErrors { field code } } }`;

/**
 * An administration of office `a` that invoices (books open, sender details, a customer), and
 * a finalized invoice of 100.00 + 21% VAT, all through the gateway as the office ADMIN.
 */
async function finalizedInvoice(a: { id: string; token: string }) {
  const administration = await make.administration({
    officeId: a.id,
    modules: ['LEDGER', 'INVOICING'],
  });
  const administrationId = administration.id;
  const ledger = system.subgraphs.ledger.runtime.dataSource;
  await eventually(
    async () =>
      (
        await ledger.query('SELECT 1 FROM ledger.books WHERE administration_id = $1', [
          administrationId,
        ])
      ).length > 0
        ? true
        : undefined,
    { what: 'the books' },
  );
  await ok(
    a.token,
    `mutation($input: UpdateInvoiceSettingsInput!) { updateInvoiceSettings(input: $input) { userErrors { field code } } }`,
    {
      administrationId,
      name: 'Bakkerij De Vries B.V.',
      street: 'Dorpsstraat 1',
      postalCode: '3511 AA',
      city: 'Utrecht',
      countryCode: 'NL',
      vatNumber: 'NL123456782B01',
      kvkNumber: '12345678',
      iban: IBAN.main,
    },
  );
  const { createCustomer } = await ok<{ createCustomer: { customer: { id: string } } }>(
    a.token,
    `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } userErrors { field code } } }`,
    {
      administrationId,
      name: 'Cafe Centraal',
      address: {
        street: 'Kerkweg 2',
        postalCode: '3811 AB',
        city: 'Amersfoort',
        countryCode: 'NL',
      },
    },
  );
  const customerId = createCustomer.customer.id;
  const { createInvoice } = await ok<{ createInvoice: { invoice: { id: string } } }>(
    a.token,
    `mutation($input: CreateInvoiceInput!) { createInvoice(input: $input) { invoice { id } userErrors { field code } } }`,
    {
      administrationId,
      customerId,
      lines: [{ description: 'Taart', quantity: '10', unitPrice: '10.00', vatCode: 'V21' }],
    },
  );
  const { finalizeInvoice } = await ok<{ finalizeInvoice: { invoice: Invoice } }>(
    a.token,
    `mutation($input: FinalizeInvoiceInput!) { finalizeInvoice(input: $input) { ${INVOICE} userErrors { field code } } }`,
    { administrationId, invoiceId: createInvoice.invoice.id },
  );
  const invoice = finalizeInvoice.invoice;
  expect(invoice).toMatchObject({ status: 'OPEN', totalInclVat: '121.00' });
  return { administrationId, customerId, invoice };
}

test('finalizing an invoice and paying it in full: invoice.finalized, then one signed invoice.paid', async () => {
  const a = await office();
  const hook = await createHook(a.token, '/invoices', ['INVOICE_FINALIZED', 'INVOICE_PAID']);
  const { administrationId, customerId, invoice: finalized } = await finalizedInvoice(a);
  const invoiceId = finalized.id;
  expect(finalized).toMatchObject({ status: 'OPEN', totalInclVat: '121.00' });

  const [onFinalize] = await waitFor('/invoices', 'invoice.finalized', 1);
  expect(verified(hook.secret, onFinalize!.raw)).toBe(true);
  expect(onFinalize!.body).toEqual({
    id: expect.any(String),
    type: 'invoice.finalized',
    createdAt: expect.any(String),
    officeId: a.id,
    data: {
      administrationId,
      documentType: 'INVOICE',
      number: finalized.number,
      issueDate: finalized.issueDate,
      dueDate: finalized.dueDate,
      invoiceId,
      customerId,
      totalExclVat: '100.00',
      totalVat: '21.00',
      totalInclVat: '121.00',
      currency: 'EUR',
    },
  });

  // A part first: the invoice stays OPEN, nothing is paid yet.
  const date = todayUtc();
  const part = await ok<{ registerPayment: { invoice: Invoice } }>(a.token, PAY, {
    administrationId,
    invoiceId,
    amount: '21.00',
    date,
  });
  expect(part.registerPayment.invoice).toMatchObject({
    status: 'OPEN',
    outstandingAmount: '100.00',
  });
  // The rest: PAID.
  const rest = await ok<{ registerPayment: { invoice: Invoice } }>(a.token, PAY, {
    administrationId,
    invoiceId,
    amount: '100.00',
    date,
  });
  expect(rest.registerPayment.invoice).toMatchObject({ status: 'PAID', outstandingAmount: '0.00' });

  const [paid] = await waitFor('/invoices', 'invoice.paid', 1);
  expect(verified(hook.secret, paid!.raw)).toBe(true);
  expect(paid!.raw.headers['kantoor-event-type']).toBe('invoice.paid');
  expect(paid!.raw.headers['kantoor-event-id']).toBe(paid!.body.id);
  expect(paid!.body).toEqual({
    id: expect.any(String),
    type: 'invoice.paid',
    createdAt: expect.any(String),
    officeId: a.id,
    data: {
      administrationId,
      invoiceId,
      number: finalized.number,
      totalInclVat: '121.00',
      paidAt: date,
    },
  });

  // Once: the delivery log holds one delivery per event (the partial payment made none), each
  // delivered once. Invoicing's events of one administration are fanned out in order, so the
  // partial payment's event, had there been one, would be in the log before the full one's.
  const log = await eventually(
    async () => {
      const d = await deliveries(a.token, hook.id);
      return d.edges.every((e) => e.node.status === 'SUCCEEDED') ? d : undefined;
    },
    { what: 'the deliveries to succeed' },
  );
  expect(log.edges.map((e) => [e.node.eventType, e.node.eventId])).toEqual([
    ['INVOICE_PAID', paid!.body.id],
    ['INVOICE_FINALIZED', onFinalize!.body.id],
  ]);
  expect(log.totalCount).toBe(2);
  expect(at('/invoices').map((d) => d.body.type)).toEqual(['invoice.finalized', 'invoice.paid']);

  // A paid invoice takes no further payment, and no second invoice.paid comes of it.
  const again = await system.query<{ registerPayment: { userErrors: { code: string }[] } }>(PAY, {
    token: a.token,
    variables: { input: { administrationId, invoiceId, amount: '1.00', date } },
  });
  expect(again.data!.registerPayment.userErrors.length).toBeGreaterThan(0);
  expect((await deliveries(a.token, hook.id)).totalCount).toBe(2);
});

test('an invoice paid by a bank transaction the ledger matches to its open item: one invoice.paid', async () => {
  const a = await office();
  const hook = await createHook(a.token, '/bank', ['INVOICE_PAID']);
  const { administrationId, invoice } = await finalizedInvoice(a);

  // The ledger books the finalized invoice (event) with an open item under its number.
  const item = await eventually(
    async () => {
      const r = await system.query<{
        administration: {
          openItems: { edges: { node: { id: string; reference: string; openAmount: string } }[] };
        };
      }>(
        `query($id: ID!) { administration(id: $id) { openItems(status: OPEN) { edges { node { id reference openAmount } } } } }`,
        { token: a.token, variables: { id: administrationId } },
      );
      expect(r.errors).toBeUndefined();
      return r.data!.administration.openItems.edges.find((e) => e.node.reference === invoice.number)
        ?.node;
    },
    { what: "the invoice's open item" },
  );
  expect(item.openAmount).toBe('121.00');

  // The customer pays into the bank account; the statement is imported and the transaction
  // processed against the open item.
  const { createBankAccount } = await ok<{ createBankAccount: { bankAccount: { id: string } } }>(
    a.token,
    `mutation($input: CreateBankAccountInput!) { createBankAccount(input: $input) { bankAccount { id } userErrors { field code } } }`,
    { administrationId, iban: IBAN.main },
  );
  const bankAccountId = createBankAccount.bankAccount.id;
  const bookingDate = todayUtc();
  await ok(
    a.token,
    `mutation($input: ImportBankStatementInput!) { importBankStatement(input: $input) { transactionCount userErrors { field code } } }`,
    {
      administrationId,
      bankAccountId,
      camt053: camt053(IBAN.main, [
        {
          amount: '121.00',
          direction: 'CRDT',
          bookingDate,
          ref: 'IN-1',
          name: 'Cafe Centraal',
          iban: IBAN.other,
          remittance: `Betaling ${invoice.number}`,
        },
      ]),
    },
  );
  const tx = await system.query<{
    administration: {
      bankAccounts: { id: string; transactions: { edges: { node: { id: string } }[] } }[];
    };
  }>(
    `query($id: ID!) { administration(id: $id) { bankAccounts { id transactions(status: UNPROCESSED, first: 10) { edges { node { id } } } } } }`,
    { token: a.token, variables: { id: administrationId } },
  );
  const [transaction] = tx.data!.administration.bankAccounts.find((b) => b.id === bankAccountId)!
    .transactions.edges;
  await ok(
    a.token,
    `mutation($input: ProcessBankTransactionInput!) { processBankTransaction(input: $input) { transaction { processed } userErrors { field code } } }`,
    { administrationId, transactionId: transaction!.node.id, openItemId: item.id },
  );

  // ledger.open-item-settled -> invoicing records the payment, PAID -> invoice.paid.
  const [paid] = await waitFor('/bank', 'invoice.paid', 1);
  expect(verified(hook.secret, paid!.raw)).toBe(true);
  expect(paid!.body).toEqual({
    id: expect.any(String),
    type: 'invoice.paid',
    createdAt: expect.any(String),
    officeId: a.id,
    data: {
      administrationId,
      invoiceId: invoice.id,
      number: invoice.number,
      totalInclVat: '121.00',
      paidAt: bookingDate,
    },
  });
  const r = await system.query<{ administration: { invoice: { status: string } } }>(
    `query($id: ID!, $invoiceId: ID!) { administration(id: $id) { invoice(id: $invoiceId) { status } } }`,
    { token: a.token, variables: { id: administrationId, invoiceId: invoice.id } },
  );
  expect(r.data!.administration.invoice.status).toBe('PAID');
  const log = await eventually(
    async () => {
      const d = await deliveries(a.token, hook.id);
      return d.edges.every((e) => e.node.status === 'SUCCEEDED') ? d : undefined;
    },
    { what: 'the delivery to succeed' },
  );
  expect(log.totalCount).toBe(1);
  expect(at('/bank')).toHaveLength(1);
});

test('a VAT return through its statuses: one signed vat_return.status_changed per change, with the old and new status', async () => {
  const a = await office();
  const hook = await createHook(a.token, '/vat', ['VAT_RETURN_STATUS_CHANGED']);
  const administration = await make.administration({
    officeId: a.id,
    vatFilingPeriod: 'QUARTER',
    vatNumber: 'NL123456789B01',
  });
  const administrationId = administration.id;
  const ledger = system.subgraphs.ledger.runtime.dataSource;
  const vat = system.subgraphs.vat.runtime.dataSource;
  await eventually(
    async () => {
      const [books] = await ledger.query(
        'SELECT 1 FROM ledger.books WHERE administration_id = $1',
        [administrationId],
      );
      const [known] = await vat.query(
        `SELECT 1 FROM vat.administrations WHERE administration_id = $1 AND name <> ''`,
        [administrationId],
      );
      return books && known ? true : undefined;
    },
    { what: 'the books and the VAT projection' },
  );

  // A quarter that has ended (the workflow refuses the current one).
  const period = '2026-Q1';
  const step = async (name: string, note?: string) => {
    const input = name === 'prepareVatReturn' ? 'VatReturnInput' : 'VatReturnNoteInput';
    const data = await ok<Record<string, { vatReturn: { status: string } }>>(
      a.token,
      `mutation($input: ${input}!) { ${name}(input: $input) { vatReturn { status } userErrors { field code } } }`,
      { administrationId, period, ...(note ? { note } : {}) },
    );
    return data[name]!.vatReturn.status;
  };

  expect(await step('prepareVatReturn')).toBe('PREPARED');
  // Preparing again while nothing changed is no status change: no delivery of its own.
  expect(await step('prepareVatReturn')).toBe('PREPARED');
  expect(await step('requestVatApproval')).toBe('AWAITING_APPROVAL');
  // The office ADMIN approves on the client's behalf (an internal administration).
  expect(await step('approveVatReturn', 'Namens klant')).toBe('APPROVED');
  expect(await step('submitVatReturn')).toBe('SUBMITTED');
  // The filing adapter (recording in tests) answers ACCEPTED in the background.

  const changes = await waitFor('/vat', 'vat_return.status_changed', 5);
  for (const change of changes) {
    expect(verified(hook.secret, change.raw)).toBe(true);
    expect(change.body).toMatchObject({ officeId: a.id, type: 'vat_return.status_changed' });
  }
  // Deliveries run side by side, so they may arrive in any order: sorted by the workflow.
  const order = ['PREPARED', 'AWAITING_APPROVAL', 'APPROVED', 'SUBMITTED', 'ACCEPTED'];
  const byStep = [...changes].sort(
    (x, y) => order.indexOf(String(x.body.data.status)) - order.indexOf(String(y.body.data.status)),
  );
  expect(byStep.map((c) => c.body.data)).toEqual(
    [
      ['OPEN', 'PREPARED'],
      ['PREPARED', 'AWAITING_APPROVAL'],
      ['AWAITING_APPROVAL', 'APPROVED'],
      ['APPROVED', 'SUBMITTED'],
      ['SUBMITTED', 'ACCEPTED'],
    ].map(([previousStatus, status]) => ({
      administrationId,
      period,
      status,
      previousStatus,
      suppletie: null,
    })),
  );
  expect(new Set(changes.map((c) => c.body.id)).size).toBe(5);

  // The return is ACCEPTED, and the log holds exactly these five, each delivered.
  const r = await system.query<{ administration: { vatReturn: { status: string } } }>(
    `query($id: ID!) { administration(id: $id) { vatReturn(period: "${period}") { status } } }`,
    { token: a.token, variables: { id: administrationId } },
  );
  expect(r.data!.administration.vatReturn.status).toBe('ACCEPTED');
  const log = await eventually(
    async () => {
      const d = await deliveries(a.token, hook.id);
      return d.edges.every((e) => e.node.status === 'SUCCEEDED') ? d : undefined;
    },
    { what: 'the deliveries to succeed' },
  );
  expect(log.totalCount).toBe(5);
  expect(new Set(log.edges.map((e) => e.node.eventId))).toEqual(
    new Set(changes.map((c) => c.body.id)),
  );
  expect(at('/vat')).toHaveLength(5);
});
