/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL answers are read loosely in these tests */
import { eventually } from '@kantoor/platform/testing';
import {
  CREATE_CUSTOMER,
  CREATE_INVOICE,
  count,
  customer,
  draft,
  FINALIZE,
  finalized,
  line,
  makeAdm,
  startKit,
  UPDATE_INVOICE,
  userWith,
  type Adm,
  type Kit,
} from '../../../__tests__/invoicing-kit';

let kit: Kit;
let a: Adm;
beforeAll(async () => {
  kit = await startKit();
  a = await makeAdm(kit);
});
afterAll(async () => {
  await kit?.stop();
});

const codes = (errors: { code: string; field: string[] | null }[]) =>
  errors.map((e) => [e.code, e.field]);

describe('customers', () => {
  test('debtor numbers are assigned 1001, 1002, ... and unique; hand-picked numbers are kept and skipped', async () => {
    const b = await makeAdm(kit, { settings: false });
    const c1 = await customer(kit, b, { name: 'Alpha' });
    const c2 = await customer(kit, b, { name: 'Beta', number: '1002' });
    const c3 = await customer(kit, b, { name: 'Gamma' });
    expect([c1.number, c2.number, c3.number]).toEqual(['1001', '1002', '1003']);
    const dup = await kit.gql(b.adminToken, CREATE_CUSTOMER, {
      input: { administrationId: b.administrationId, name: 'Delta', number: '1001' },
    });
    expect(codes(dup.data!.createCustomer.userErrors)).toEqual([
      ['DUPLICATE_CUSTOMER_NUMBER', ['input', 'number']],
    ]);
  });

  test('validation: name, VAT (tenancy check for NL), KvK, e-mail, country; nothing stored', async () => {
    const b = await makeAdm(kit, { settings: false });
    const r = await kit.gql(b.adminToken, CREATE_CUSTOMER, {
      input: {
        administrationId: b.administrationId,
        name: '  ',
        vatNumber: 'NL123456789B01',
        kvkNumber: '123',
        email: 'no-mail',
        address: { countryCode: 'XX' },
      },
    });
    expect(codes(r.data!.createCustomer.userErrors)).toEqual([
      ['EMPTY_NAME', ['input', 'name']],
      ['INVALID_EMAIL', ['input', 'email']],
      ['INVALID_VAT_NUMBER', ['input', 'vatNumber']],
      ['INVALID_KVK_NUMBER', ['input', 'kvkNumber']],
      ['INVALID_COUNTRY_CODE', ['input', 'address', 'countryCode']],
    ]);
    expect(
      await count(kit, 'SELECT 1 FROM invoicing.customers WHERE administration_id = $1', [
        b.administrationId,
      ]),
    ).toBe(0);
    const ok = await customer(kit, b, {
      vatNumber: 'nl 1234.56782 b01',
      paymentTermDays: 14,
      email: 'a@b.nl',
    });
    expect(ok).toMatchObject({ vatNumber: 'NL123456782B01', paymentTermDays: 14 });
    const eu = await customer(kit, b, {
      name: 'Deutsche GmbH',
      vatNumber: 'DE123456789',
      address: { countryCode: 'DE' },
    });
    expect(eu).toMatchObject({ vatNumber: 'DE123456789' });
  });

  test('update, search and keyset pages by name', async () => {
    const b = await makeAdm(kit, { settings: false });
    for (const name of ['Echo', 'delta', 'Alpha', 'charlie', 'Bravo'])
      await customer(kit, b, { name });
    const q = `query($id: ID!, $after: String, $search: String) { administration(id: $id) {
      customers(first: 2, after: $after, search: $search) { totalCount pageInfo { hasNextPage endCursor } edges { node { id name number } } } } }`;
    const names: string[] = [];
    let after: string | null = null;
    for (;;) {
      const r: any = await kit.gql(b.adminToken, q, { id: b.administrationId, after });
      const c = r.data.administration.customers;
      expect(c.totalCount).toBe(5);
      names.push(...c.edges.map((e: any) => e.node.name));
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor;
    }
    expect(names).toEqual(['Alpha', 'Bravo', 'charlie', 'delta', 'Echo']);
    const s: any = await kit.gql(b.adminToken, q, { id: b.administrationId, search: 'ARL' });
    expect(s.data.administration.customers.edges.map((e: any) => e.node.name)).toEqual(['charlie']);
    const id = s.data.administration.customers.edges[0].node.id;
    const u: any = await kit.gql(
      b.adminToken,
      `mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { customer { name paymentTermDays email } userErrors { code field } } }`,
      {
        input: {
          administrationId: b.administrationId,
          customerId: id,
          name: 'Charlie BV',
          paymentTermDays: 7,
        },
      },
    );
    expect(u.data.updateCustomer).toEqual({
      customer: { name: 'Charlie BV', paymentTermDays: 7, email: null },
      userErrors: [],
    });
  });
});

describe('invoices', () => {
  test('amounts exactly per invoicing.md: line nets rounded, VAT per code on the sum', async () => {
    const c = await customer(kit, a);
    const inv = await draft(kit, a, c.id, {
      lines: [
        line({ quantity: '3', unitPrice: '0.33', vatCode: 'V21' }),
        line({ quantity: '1.5', unitPrice: '0.35', vatCode: 'V21' }), // 0.525 -> 0.53
        line({ quantity: '7', unitPrice: '1.11', vatCode: 'V9' }),
        line({ quantity: '1', unitPrice: '100.00', vatCode: 'V0' }),
      ],
    });
    expect(inv.status).toBe('DRAFT');
    expect(inv.number).toBeNull();
    expect(inv.lines.map((l: any) => l.netAmount)).toEqual(['0.99', '0.53', '7.77', '100.00']);
    // V21: 1.52 x 21% = 0.3192 -> 0.32; V9: 7.77 x 9% = 0.6993 -> 0.70
    expect(inv.vatBreakdown).toEqual([
      { vatCode: 'V21', rate: '21.00', base: '1.52', vat: '0.32' },
      { vatCode: 'V9', rate: '9.00', base: '7.77', vat: '0.70' },
      { vatCode: 'V0', rate: '0.00', base: '100.00', vat: '0.00' },
    ]);
    expect([inv.totalExclVat, inv.totalVat, inv.totalInclVat]).toEqual([
      '109.29',
      '1.02',
      '110.31',
    ]);
  });

  test('bad input gets userErrors with paths and stores nothing', async () => {
    const c = await customer(kit, a);
    const before = await count(
      kit,
      'SELECT 1 FROM invoicing.invoices WHERE administration_id = $1',
      [a.administrationId],
    );
    const bad = async (input: Record<string, unknown>) =>
      codes(
        (
          await kit.gql(a.adminToken, CREATE_INVOICE, {
            input: {
              administrationId: a.administrationId,
              customerId: c.id,
              lines: [line()],
              ...input,
            },
          })
        ).data!.createInvoice.userErrors,
      );
    expect(await bad({ lines: [] })).toEqual([['NO_LINES', ['input', 'lines']]]);
    expect(await bad({ lines: [line(), line({ vatCode: 'V99' })] })).toEqual([
      ['UNKNOWN_VAT_CODE', ['input', 'lines', '1', 'vatCode']],
    ]);
    expect(await bad({ lines: [line({ quantity: 'abc' })] })).toEqual([
      ['INVALID_QUANTITY', ['input', 'lines', '0', 'quantity']],
    ]);
    expect(await bad({ lines: [line({ unitPrice: '1.005' })] })).toEqual([
      ['INVALID_UNIT_PRICE', ['input', 'lines', '0', 'unitPrice']],
    ]);
    expect(await bad({ lines: [line({ description: 'x'.repeat(10_000) })] })).toEqual([
      ['TEXT_TOO_LONG', ['input', 'lines', '0', 'description']],
    ]);
    expect(await bad({ customerId: '00000000-0000-4000-8000-000000000000' })).toEqual([
      ['CUSTOMER_NOT_FOUND', ['input', 'customerId']],
    ]);
    expect(await bad({ issueDate: '2026-02-30' })).toEqual([
      ['INVALID_DATE', ['input', 'issueDate']],
    ]);
    expect(
      await count(kit, 'SELECT 1 FROM invoicing.invoices WHERE administration_id = $1', [
        a.administrationId,
      ]),
    ).toBe(before);
  });

  test('drafts are editable; finalizing numbers, dates and freezes them', async () => {
    const c = await customer(kit, a, { paymentTermDays: 14 });
    const d = await draft(kit, a, c.id, { issueDate: '2026-03-15' });
    const u: any = await kit.gql(a.adminToken, UPDATE_INVOICE, {
      input: {
        administrationId: a.administrationId,
        invoiceId: d.id,
        reference: 'PO-77',
        lines: [line({ quantity: '2' })],
      },
    });
    expect(u.data.updateInvoice.invoice).toMatchObject({
      reference: 'PO-77',
      totalInclVat: '24.20',
    });
    const f: any = await kit.gql(a.adminToken, FINALIZE, {
      input: { administrationId: a.administrationId, invoiceId: d.id },
    });
    expect(f.data.finalizeInvoice.userErrors).toEqual([]);
    expect(f.data.finalizeInvoice.invoice).toMatchObject({
      status: 'OPEN',
      number: expect.stringMatching(/^2026-\d{4}$/),
      issueDate: '2026-03-15',
      dueDate: '2026-03-29',
      overdue: true,
      outstandingAmount: '24.20',
    });
    const again: any = await kit.gql(a.adminToken, FINALIZE, {
      input: { administrationId: a.administrationId, invoiceId: d.id },
    });
    expect(codes(again.data.finalizeInvoice.userErrors)).toEqual([
      ['INVOICE_NOT_DRAFT', ['input', 'invoiceId']],
    ]);
    const edit: any = await kit.gql(a.adminToken, UPDATE_INVOICE, {
      input: { administrationId: a.administrationId, invoiceId: d.id, reference: 'x' },
    });
    expect(codes(edit.data.updateInvoice.userErrors)).toEqual([
      ['INVOICE_NOT_DRAFT', ['input', 'invoiceId']],
    ]);
  });

  test('50 concurrent finalizations give 50 consecutive numbers; a refused one uses none', async () => {
    const b = await makeAdm(kit);
    const c = await customer(kit, b);
    const drafts = await Promise.all(
      Array.from({ length: 50 }, () => draft(kit, b, c.id, { issueDate: '2026-05-01' })),
    );
    // A refused finalization (sender details missing in another administration does not count;
    // here: a locked period) before and during the run takes no number.
    await kit.publish('vat.period-filed', {
      administrationId: b.administrationId,
      periodStart: '2026-01-01',
      periodEnd: '2026-03-31',
    });
    const locked = await draft(kit, b, c.id, { issueDate: '2026-02-10' });
    await waitLocked(b.administrationId);
    const results: any[] = await Promise.all([
      ...drafts.map((d) =>
        kit.gql(b.adminToken, FINALIZE, {
          input: { administrationId: b.administrationId, invoiceId: d.id },
        }),
      ),
      kit.gql(b.adminToken, FINALIZE, {
        input: { administrationId: b.administrationId, invoiceId: locked.id },
      }),
    ]);
    const refused = results.pop();
    expect(codes(refused.data.finalizeInvoice.userErrors)).toEqual([
      ['PERIOD_LOCKED', ['input', 'invoiceId']],
    ]);
    const numbers = results.map((r) => r.data.finalizeInvoice.invoice.number).sort();
    expect(numbers).toEqual(
      Array.from({ length: 50 }, (_, i) => `2026-${String(i + 1).padStart(4, '0')}`),
    );
    const next = await finalized(kit, b, c.id, { issueDate: '2026-06-01' });
    expect(next.number).toBe('2026-0051');
  });

  test('a period locked by hand in the ledger: finalizing into it is PERIOD_LOCKED; after the unlock it works', async () => {
    const b = await makeAdm(kit);
    const c = await customer(kit, b);
    const inLock = await draft(kit, b, c.id, { issueDate: '2026-02-10' });
    const locked: any = await kit.gql(
      b.adminToken,
      `mutation($input: LockPeriodInput!) { lockPeriod(input: $input) { lockedPeriod { id } userErrors { code } } }`,
      {
        input: {
          administrationId: b.administrationId,
          from: '2026-01-01',
          to: '2026-03-31',
          reason: 'Q1 closed',
        },
      },
    );
    expect(locked.data.lockPeriod.userErrors).toEqual([]);
    await waitLocked(b.administrationId);
    const refused: any = await kit.gql(b.adminToken, FINALIZE, {
      input: { administrationId: b.administrationId, invoiceId: inLock.id },
    });
    expect(codes(refused.data.finalizeInvoice.userErrors)).toEqual([
      ['PERIOD_LOCKED', ['input', 'invoiceId']],
    ]);
    await kit.gql(
      b.adminToken,
      `mutation($input: UnlockPeriodInput!) { unlockPeriod(input: $input) { userErrors { code } } }`,
      {
        input: {
          administrationId: b.administrationId,
          lockedPeriodId: locked.data.lockPeriod.lockedPeriod.id,
          reason: 'correction',
        },
      },
    );
    await eventually(
      async () =>
        (await count(kit, 'SELECT 1 FROM invoicing.locked_periods WHERE administration_id = $1', [
          b.administrationId,
        ])) === 0
          ? true
          : undefined,
      { what: 'unlock' },
    );
    const ok: any = await kit.gql(b.adminToken, FINALIZE, {
      input: { administrationId: b.administrationId, invoiceId: inLock.id },
    });
    expect(ok.data.finalizeInvoice.userErrors).toEqual([]);
  });

  async function waitLocked(administrationId: string) {
    await eventually(
      async () =>
        (await count(kit, 'SELECT 1 FROM invoicing.locked_periods WHERE administration_id = $1', [
          administrationId,
        ])) > 0
          ? true
          : undefined,
      { what: 'lock' },
    );
  }

  test('filters, search and keyset pages newest first (drafts first)', async () => {
    const b = await makeAdm(kit);
    const c1 = await customer(kit, b, { name: 'Janssen' });
    const c2 = await customer(kit, b, { name: 'Pietersen' });
    const i1 = await finalized(kit, b, c1.id, { issueDate: '2026-01-10' });
    const i2 = await finalized(kit, b, c2.id, { issueDate: '2026-01-11', reference: 'ORDER-9' });
    const i3 = await finalized(kit, b, c1.id, { issueDate: '2099-01-12' });
    const d1 = await draft(kit, b, c2.id);
    const q = `query($id: ID!, $after: String, $filter: InvoiceFilter) { administration(id: $id) {
      invoices(first: 2, after: $after, filter: $filter) { totalCount pageInfo { hasNextPage endCursor } edges { node { id number overdue } } } } }`;
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const r: any = await kit.gql(b.adminToken, q, { id: b.administrationId, after });
      const conn = r.data.administration.invoices;
      ids.push(...conn.edges.map((e: any) => e.node.id));
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(ids).toEqual([d1.id, i3.id, i2.id, i1.id]);
    const list = async (filter: Record<string, unknown>) =>
      (
        (await kit.gql(b.adminToken, q, { id: b.administrationId, filter })) as any
      ).data.administration.invoices.edges.map((e: any) => e.node.id);
    expect(await list({ statuses: ['DRAFT'] })).toEqual([d1.id]);
    expect(await list({ overdue: true })).toEqual([i2.id, i1.id]);
    expect(await list({ customerId: c1.id })).toEqual([i3.id, i1.id]);
    expect(await list({ search: 'order-9' })).toEqual([i2.id]);
    expect(await list({ search: 'pieter' })).toEqual([d1.id, i2.id]);
    expect(await list({ search: i1.number })).toEqual([i1.id]);
  });
});

describe('permissions', () => {
  const READ = `query($id: ID!) { administration(id: $id) { id invoices { totalCount } customers { totalCount } invoicingStatus { draftInvoices } } }`;

  test('INVOICING_READ reads, may not write; without it FORBIDDEN and nothing written', async () => {
    const c = await customer(kit, a);
    const reader = await userWith(kit, a, ['INVOICING_READ']);
    const r: any = await kit.gql(reader, READ, { id: a.administrationId });
    expect(r.errors).toBeUndefined();
    const w: any = await kit.gql(reader, CREATE_INVOICE, {
      input: { administrationId: a.administrationId, customerId: c.id, lines: [line()] },
    });
    expect(w.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const ledgerOnly = await userWith(kit, a, ['LEDGER_READ']);
    const l: any = await kit.gql(ledgerOnly, READ, { id: a.administrationId });
    expect(l.data.administration).toMatchObject({
      id: a.administrationId,
      invoices: null,
      customers: null,
      invoicingStatus: null,
    });
    expect(l.errors.map((e: any) => e.extensions.code)).toEqual([
      'FORBIDDEN',
      'FORBIDDEN',
      'FORBIDDEN',
    ]);
    const before = await count(
      kit,
      'SELECT 1 FROM invoicing.customers WHERE administration_id = $1',
      [a.administrationId],
    );
    const cw: any = await kit.gql(ledgerOnly, CREATE_CUSTOMER, {
      input: { administrationId: a.administrationId, name: 'X' },
    });
    expect(cw.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(
      await count(kit, 'SELECT 1 FROM invoicing.customers WHERE administration_id = $1', [
        a.administrationId,
      ]),
    ).toBe(before);
  });

  test('another office sees nothing and cannot finalize', async () => {
    const c = await customer(kit, a);
    const d = await draft(kit, a, c.id);
    const other = await makeAdm(kit);
    const r: any = await kit.gql(
      other.adminToken,
      `query($id: ID!, $inv: ID!) { administration(id: $id) { invoice(id: $inv) { id } } }`,
      {
        id: a.administrationId,
        inv: d.id,
      },
    );
    // Tenancy does not show another office's administration; its invoice is nowhere.
    expect(r.data?.administration?.invoice ?? null).toBeNull();
    expect(JSON.stringify(r)).not.toContain(d.id);
    const f: any = await kit.gql(other.adminToken, FINALIZE, {
      input: { administrationId: a.administrationId, invoiceId: d.id },
    });
    expect(f.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Its own administration id with a's invoice id: not found, not a's invoice.
    const g: any = await kit.gql(other.adminToken, FINALIZE, {
      input: { administrationId: other.administrationId, invoiceId: d.id },
    });
    expect(codes(g.data.finalizeInvoice.userErrors)).toEqual([
      ['INVOICE_NOT_FOUND', ['input', 'invoiceId']],
    ]);
  });
});
