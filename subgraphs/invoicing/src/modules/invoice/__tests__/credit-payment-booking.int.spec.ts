/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL answers are read loosely in these tests */
import { eventually } from '@kantoor/platform/testing';
import {
  count,
  CREDIT,
  customer,
  finalized,
  line,
  makeAdm,
  PAY,
  startKit,
  userWith,
  type Adm,
  type Kit,
} from '../../../__tests__/invoicing-kit';

let kit: Kit;
let a: Adm;
let customerId: string;
beforeAll(async () => {
  kit = await startKit();
  a = await makeAdm(kit, { clientModules: ['INVOICING'] });
  customerId = (await customer(kit, a)).id;
});
afterAll(async () => {
  await kit?.stop();
});

const codes = (errors: { code: string; field: string[] | null }[]) =>
  errors.map((e) => [e.code, e.field]);

const BOOKING = `query($id: ID!, $inv: ID!) { administration(id: $id) { invoice(id: $inv) {
  id number status paidAmount outstandingAmount
  journalEntry { id number date description lines { kind account { code } debit credit vatCode reference correction } }
  ledgerBookings { kind status errorCode attempts }
} } }`;

async function booked(adm: Adm, invoiceId: string) {
  return eventually(
    async () => {
      const r: any = await kit.gql(adm.adminToken, BOOKING, {
        id: adm.administrationId,
        inv: invoiceId,
      });
      return r.data?.administration?.invoice?.journalEntry
        ? r.data.administration.invoice
        : undefined;
    },
    { what: 'the ledger booking' },
  );
}

const pay = (invoiceId: string, input: Record<string, unknown> = {}, token = a.adminToken) =>
  kit.gql<any>(token, PAY, {
    input: {
      administrationId: a.administrationId,
      invoiceId,
      amount: '10.00',
      date: '2026-04-01',
      ...input,
    },
  });

describe('booking in the ledger', () => {
  test('an invoice is booked once: debtors (reference = number) against revenue and VAT per code', async () => {
    const inv = await finalized(kit, a, customerId, {
      issueDate: '2026-04-01',
      lines: [
        line({ quantity: '3', unitPrice: '33.33' }),
        line({ quantity: '1', unitPrice: '50.00', vatCode: 'V9' }),
      ],
    });
    const b = await booked(a, inv.id);
    expect(b.journalEntry.date).toBe('2026-04-01');
    const lines = b.journalEntry.lines.map((l: any) => [
      l.kind,
      l.account.code,
      l.debit,
      l.credit,
      l.vatCode,
      l.reference,
    ]);
    expect(lines).toEqual([
      ['ENTERED', '1300', '175.49', '0.00', null, inv.number],
      ['ENTERED', '8000', '0.00', '99.99', 'V21', null],
      ['VAT_DUE', '1500', '0.00', '21.00', 'V21', null],
      ['ENTERED', '8010', '0.00', '50.00', 'V9', null],
      ['VAT_DUE', '1500', '0.00', '4.50', 'V9', null], // the default chart books all VAT due on 1500 (decision 0013, item 7)
    ]);
    expect(inv.totalInclVat).toBe('175.49');
    // The same document delivered again (a new event id): still one entry.
    const [row] = await kit.ledgerDb.query(
      `SELECT count(*)::int AS n FROM ledger.journal_entries WHERE administration_id = $1 AND idempotency_key = $2`,
      [a.administrationId, `invoicing:${inv.id}`],
    );
    expect(row.n).toBe(1);
    await kit.publish('invoicing.document-finalized', {
      administrationId: a.administrationId,
      documentId: inv.id,
      documentType: 'INVOICE',
      number: inv.number,
      issueDate: '2026-04-01',
      customerName: 'x',
      creditedInvoiceId: null,
      vatTotals: [{ vatCode: 'V21', rate: '21', base: '1.00', vat: '0.21' }],
      totalInclVat: '1.21',
    });
    await eventually(async () => {
      const [p] = await kit.ledgerDb.query(
        `SELECT count(*)::int AS n FROM ledger.processed_events WHERE queue = 'ledger.book-invoicing-document'`,
      );
      return p.n >= 2 ? true : undefined;
    });
    const [again] = await kit.ledgerDb.query(
      `SELECT count(*)::int AS n FROM ledger.invoicing_bookings WHERE administration_id = $1 AND document_id = $2`,
      [a.administrationId, inv.id],
    );
    expect(again.n).toBe(1);
    const [entries] = await kit.ledgerDb.query(
      `SELECT count(*)::int AS n FROM ledger.journal_entries WHERE administration_id = $1 AND description LIKE $2`,
      [a.administrationId, `Factuur ${inv.number}%`],
    );
    expect(entries.n).toBe(1);
  });

  test('a CLIENT with only INVOICING sees the invoice and gets FORBIDDEN on journalEntry alone', async () => {
    const inv = await finalized(kit, a, customerId, { issueDate: '2026-04-02' });
    await booked(a, inv.id);
    const client = await userWith(kit, a, ['INVOICING_READ', 'INVOICING_WRITE'], 'CLIENT');
    const r: any = await kit.gql(
      client,
      `query($id: ID!, $inv: ID!) { administration(id: $id) { invoice(id: $inv) { id number totalInclVat journalEntry { id } } } }`,
      {
        id: a.administrationId,
        inv: inv.id,
      },
    );
    expect(r.data.administration.invoice).toEqual({
      id: inv.id,
      number: inv.number,
      totalInclVat: inv.totalInclVat,
      journalEntry: null,
    });
    expect(r.errors.map((e: any) => [e.path.join('.'), e.extensions.code])).toEqual([
      ['administration.invoice.journalEntry', 'FORBIDDEN'],
    ]);
  });

  test('a ledger lock invoicing has not learned yet: finalized, booking FAILED visibly, retried', async () => {
    const b = await makeAdm(kit);
    const c = await customer(kit, b);
    const lock: any = await kit.gql(
      b.adminToken,
      `mutation($input: LockPeriodInput!) { lockPeriod(input: $input) { userErrors { code } } }`,
      {
        input: {
          administrationId: b.administrationId,
          from: '2026-01-01',
          to: '2026-01-31',
          reason: 'closed',
        },
      },
    );
    expect(lock.data.lockPeriod.userErrors).toEqual([]);
    // Invoicing learns the lock by an event (and then refuses finalizing: invoices.int.spec);
    // here its copy is removed, as if the lock had committed a moment before the finalizing.
    await eventually(async () =>
      (await count(kit, 'SELECT 1 FROM invoicing.locked_periods WHERE administration_id = $1', [
        b.administrationId,
      ])) > 0
        ? true
        : undefined,
    );
    await kit.db.query('DELETE FROM invoicing.locked_periods WHERE administration_id = $1', [
      b.administrationId,
    ]);
    const inv = await finalized(kit, b, c.id, { issueDate: '2026-01-15' });
    const failed = await eventually(async () => {
      const r: any = await kit.gql(b.adminToken, BOOKING, { id: b.administrationId, inv: inv.id });
      const bk = r.data?.administration?.invoice?.ledgerBookings?.[0];
      return bk?.status === 'FAILED' ? r.data.administration.invoice : undefined;
    });
    expect(failed.journalEntry).toBeNull();
    expect(failed.ledgerBookings).toEqual([
      {
        kind: 'INVOICE',
        status: 'FAILED',
        errorCode: 'PERIOD_LOCKED',
        attempts: expect.any(Number),
      },
    ]);
    // ...and in ops' failedEvents (the bus's record of failing deliveries).
    await eventually(async () => {
      const page = await kit.system.subgraphs.ledger.runtime.events.failedEvents({
        queue: 'ledger.book-invoicing-document',
      });
      return page.rows.some(
        (f) => (f.event.payload as { documentId?: string }).documentId === inv.id,
      )
        ? true
        : undefined;
    });
  });

  test('vat.period-filed is copied into invoicing; a date after the filed period gets the first number', async () => {
    const b = await makeAdm(kit);
    const c = await customer(kit, b);
    await kit.publish('vat.period-filed', {
      administrationId: b.administrationId,
      periodStart: '2026-01-01',
      periodEnd: '2026-03-31',
    });
    await eventually(async () =>
      (await count(kit, 'SELECT 1 FROM invoicing.locked_periods WHERE administration_id = $1', [
        b.administrationId,
      ])) > 0
        ? true
        : undefined,
    );
    const ok = await finalized(kit, b, c.id, { issueDate: '2026-04-01' });
    expect(ok.number).toBe('2026-0001');
  });
});

describe('credit notes', () => {
  test('partial then the rest: same series, reference the invoice, CREDITED when fully credited, booked as the mirror', async () => {
    const inv = await finalized(kit, a, customerId, {
      issueDate: '2026-04-03',
      lines: [line({ quantity: '10', unitPrice: '10.00' })],
    });
    const part: any = await kit.gql(a.adminToken, CREDIT, {
      input: {
        administrationId: a.administrationId,
        invoiceId: inv.id,
        issueDate: '2026-04-04',
        lines: [line({ quantity: '4', unitPrice: '10.00' })],
      },
    });
    expect(part.data.creditInvoice.userErrors).toEqual([]);
    const note = part.data.creditInvoice.invoice;
    expect(note).toMatchObject({
      type: 'CREDIT_NOTE',
      totalInclVat: '48.40',
      credits: { id: inv.id, status: 'OPEN', creditedAmount: '48.40', outstandingAmount: '72.60' },
    });
    expect(Number(note.number.slice(5))).toBeGreaterThan(Number(inv.number.slice(5)));
    const tooMuch: any = await kit.gql(a.adminToken, CREDIT, {
      input: {
        administrationId: a.administrationId,
        invoiceId: inv.id,
        lines: [line({ quantity: '7', unitPrice: '10.00' })],
      },
    });
    expect(codes(tooMuch.data.creditInvoice.userErrors)).toEqual([
      ['CREDIT_EXCEEDS_INVOICE', ['input', 'lines']],
    ]);
    const negative: any = await kit.gql(a.adminToken, CREDIT, {
      input: {
        administrationId: a.administrationId,
        invoiceId: inv.id,
        lines: [line({ quantity: '-1' })],
      },
    });
    expect(codes(negative.data.creditInvoice.userErrors)).toEqual([
      ['INVALID_QUANTITY', ['input', 'lines', '0', 'quantity']],
    ]);
    const rest: any = await kit.gql(a.adminToken, CREDIT, {
      input: {
        administrationId: a.administrationId,
        invoiceId: inv.id,
        lines: [line({ quantity: '6', unitPrice: '10.00' })],
      },
    });
    expect(rest.data.creditInvoice.invoice.credits).toMatchObject({
      status: 'CREDITED',
      outstandingAmount: '0.00',
    });
    const after: any = await kit.gql(a.adminToken, CREDIT, {
      input: { administrationId: a.administrationId, invoiceId: inv.id },
    });
    expect(codes(after.data.creditInvoice.userErrors)).toEqual([
      ['INVOICE_NOT_FINAL', ['input', 'invoiceId']],
    ]);
    const b = await booked(a, note.id);
    expect(
      b.journalEntry.lines.map((l: any) => [
        l.kind,
        l.account.code,
        l.debit,
        l.credit,
        l.reference,
        l.correction,
      ]),
    ).toEqual([
      ['ENTERED', '1300', '0.00', '48.40', inv.number, false],
      ['ENTERED', '8000', '40.00', '0.00', null, true],
      ['VAT_DUE', '1500', '8.40', '0.00', null, false],
    ]);
  });

  test('the whole invoice when no lines are given; a draft cannot be credited', async () => {
    const inv = await finalized(kit, a, customerId, { issueDate: '2026-04-05' });
    const whole: any = await kit.gql(a.adminToken, CREDIT, {
      input: { administrationId: a.administrationId, invoiceId: inv.id },
    });
    expect(whole.data.creditInvoice.invoice).toMatchObject({
      totalInclVat: inv.totalInclVat,
      credits: { status: 'CREDITED' },
    });
  });
});

describe('registerPayment', () => {
  test('partial, idempotent by key, OVERPAYMENT, PAID when nothing is outstanding, booked against the open item', async () => {
    const inv = await finalized(kit, a, customerId, { issueDate: '2026-04-06' }); // 121.00
    const p1 = await pay(inv.id, { amount: '21.00', idempotencyKey: 'pay-1' });
    expect(p1.data.registerPayment.invoice).toMatchObject({
      status: 'OPEN',
      paidAmount: '21.00',
      outstandingAmount: '100.00',
    });
    const again = await pay(inv.id, { amount: '21.00', idempotencyKey: 'pay-1' });
    expect(again.data.registerPayment.invoice).toMatchObject({ paidAmount: '21.00' });
    const reused = await pay(inv.id, { amount: '22.00', idempotencyKey: 'pay-1' });
    expect(codes(reused.data.registerPayment.userErrors)).toEqual([
      ['IDEMPOTENCY_KEY_REUSED', ['input', 'idempotencyKey']],
    ]);
    const over = await pay(inv.id, { amount: '100.01' });
    expect(codes(over.data.registerPayment.userErrors)).toEqual([
      ['OVERPAYMENT', ['input', 'amount']],
    ]);
    for (const amount of ['0', '-5.00', '1.005', 'abc'])
      expect(codes((await pay(inv.id, { amount })).data.registerPayment.userErrors)).toEqual([
        ['INVALID_AMOUNT', ['input', 'amount']],
      ]);
    const full = await pay(inv.id, { amount: '100.00' });
    expect(full.data.registerPayment.invoice).toMatchObject({
      status: 'PAID',
      outstandingAmount: '0.00',
    });
    const closed = await pay(inv.id, { amount: '1.00' });
    expect(codes(closed.data.registerPayment.userErrors)).toEqual([
      ['INVOICE_NOT_OPEN', ['input', 'invoiceId']],
    ]);
    expect(
      await count(kit, 'SELECT 1 FROM invoicing.payments WHERE invoice_id = $1', [inv.id]),
    ).toBe(2);
    const bookings = await eventually(async () => {
      const r: any = await kit.gql(a.adminToken, BOOKING, { id: a.administrationId, inv: inv.id });
      const list = r.data?.administration?.invoice?.ledgerBookings ?? [];
      return list.filter((x: any) => x.status === 'BOOKED').length === 3 ? list : undefined;
    });
    expect(bookings.map((x: any) => x.kind).sort()).toEqual(['INVOICE', 'PAYMENT', 'PAYMENT']);
    const lines = await kit.ledgerDb.query(
      `SELECT a.code, l.debit::text, l.credit::text, l.reference FROM ledger.journal_entries e
         JOIN ledger.journal_entry_lines l ON l.entry_id = e.id JOIN ledger.accounts a ON a.id = l.account_id
        WHERE e.administration_id = $1 AND e.idempotency_key = $2 ORDER BY l.line_no`,
      [
        a.administrationId,
        `invoicing:${(await kit.db.query('SELECT id FROM invoicing.payments WHERE idempotency_key = $1', ['pay-1']))[0].id}`,
      ],
    );
    expect(lines).toEqual([
      { code: '1100', debit: '21.00', credit: '0.00', reference: null },
      { code: '1300', debit: '0.00', credit: '21.00', reference: inv.number },
    ]);
  });

  test('a bank transaction the ledger matched to the open item counts as paid (ledger.open-item-settled), once', async () => {
    const inv = await finalized(kit, a, customerId, { issueDate: '2026-04-07' }); // 121.00
    const settle = (settlementId: string, amount: string) =>
      kit.publish('ledger.open-item-settled', {
        administrationId: a.administrationId,
        reference: inv.number,
        amount,
        date: '2026-04-20',
        settlementId,
        openItemId: 'x:1',
      });
    await settle('00000000-0000-4000-8000-0000000000a1', '100.00');
    await settle('00000000-0000-4000-8000-0000000000a1', '100.00');
    await settle('00000000-0000-4000-8000-0000000000a2', '21.00');
    const paid = await eventually(async () => {
      const r: any = await kit.gql(a.adminToken, BOOKING, { id: a.administrationId, inv: inv.id });
      const i = r.data.administration.invoice;
      return i.status === 'PAID' ? i : undefined;
    });
    expect(paid).toMatchObject({ paidAmount: '121.00', outstandingAmount: '0.00' });
  });
});
