import { eventually } from '@kantoor/platform/testing';
import type { Factories } from './factories';
import { startTestSystemWithFactories, type TestSystem } from './system';

/**
 * Tenant isolation: for two offices A and B, nothing B's people can ask or do returns or
 * changes anything of A. And the dashboard list shows exactly what the permission view says.
 */
let system: TestSystem;
let make: Factories;

beforeAll(async () => ({ system, make } = await startTestSystemWithFactories()));
afterAll(() => system?.stop());

async function snapshot(officeId: string) {
  const db = system.subgraphs.tenancy.runtime.dataSource;
  return {
    office: await db.query(`SELECT name, suspended_at FROM tenancy.offices WHERE id = $1`, [
      officeId,
    ]),
    users: await db.query(
      `SELECT id, email, name, kind, office_role, active FROM tenancy.users WHERE office_id = $1 ORDER BY id`,
      [officeId],
    ),
    administrations: await db.query(
      `SELECT id, name, kind, modules, client_modules, archived_at, office_id FROM tenancy.administrations WHERE office_id = $1 ORDER BY id`,
      [officeId],
    ),
    grants: await db.query(
      `SELECT g.user_id, g.administration_id, g.permissions FROM tenancy.grants g
         JOIN tenancy.administrations a ON a.id = g.administration_id WHERE a.office_id = $1 ORDER BY 1, 2`,
      [officeId],
    ),
    audit: await db.query(
      `SELECT count(*)::int AS n FROM tenancy.access_audit WHERE office_id = $1`,
      [officeId],
    ),
    invoicing: await system.subgraphs.invoicing.runtime.dataSource.query(
      `SELECT (SELECT count(*) FROM invoicing.customers WHERE administration_id = ANY($1::uuid[]))::int AS customers,
              (SELECT json_agg(json_build_object('id', id, 'status', status, 'number', number, 'paid', paid_amount) ORDER BY id)
                 FROM invoicing.invoices WHERE administration_id = ANY($1::uuid[])) AS invoices,
              (SELECT count(*) FROM invoicing.invoice_settings WHERE administration_id = ANY($1::uuid[]))::int AS settings`,
      [
        (
          await db.query(`SELECT id FROM tenancy.administrations WHERE office_id = $1`, [officeId])
        ).map((r: { id: string }) => r.id),
      ],
    ),
    sessions: await db.query(
      `SELECT s.id, s.revoked_at FROM tenancy.sessions s JOIN tenancy.users u ON u.id = s.user_id WHERE u.office_id = $1 ORDER BY 1`,
      [officeId],
    ),
  };
}

test('office B cannot read or change anything of office A', async () => {
  const a = await make.office('Kantoor A');
  const aAdmin = await make.user({ officeId: a.id, officeRole: 'ADMIN', name: 'Anna Admin' });
  const aMember = await make.user({ officeId: a.id, officeRole: 'MEMBER' });
  const aClient = await make.user({ officeId: a.id, kind: 'CLIENT' });
  const aBooks = await make.administration({
    officeId: a.id,
    name: 'A Bakkerij',
    modules: ['LEDGER', 'INVOICING'],
  });
  const aClientAdm = await make.administration({
    officeId: a.id,
    kind: 'INTERNAL_WITH_CLIENT_LOGIN',
    modules: ['LEDGER', 'INVOICING'],
    clientModules: ['INVOICING'],
  });
  await make.grant(aMember.id, aBooks.id, ['LEDGER_READ']);
  await make.grant(aClient.id, aClientAdm.id, ['INVOICING_READ']);
  const aToken = await make.token(aAdmin.id);
  // A invoices: a customer and a draft (through the gateway, as A's admin).
  const aCustomer = await system.query<{ createCustomer: { customer: { id: string } } }>(
    `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } } }`,
    { token: aToken, variables: { input: { administrationId: aBooks.id, name: 'A Klant' } } },
  );
  const aCustomerId = aCustomer.data!.createCustomer.customer.id;
  const aInvoice = await system.query<{ createInvoice: { invoice: { id: string } } }>(
    `mutation($input: CreateInvoiceInput!) { createInvoice(input: $input) { invoice { id } } }`,
    {
      token: aToken,
      variables: {
        input: {
          administrationId: aBooks.id,
          customerId: aCustomerId,
          lines: [{ description: 'Brood', quantity: '1', unitPrice: '2.00', vatCode: 'V9' }],
        },
      },
    },
  );
  const aInvoiceId = aInvoice.data!.createInvoice.invoice.id;

  const b = await make.office('Kantoor B');
  const bAdmin = await make.user({ officeId: b.id, officeRole: 'ADMIN' });
  const bMember = await make.user({ officeId: b.id, officeRole: 'MEMBER' });
  const bBooks = await make.administration({ officeId: b.id, name: 'B Garage' });
  const before = await snapshot(a.id);

  for (const viewer of [bAdmin, bMember]) {
    const token = await make.token(viewer.id);
    const q = (query: string, variables: Record<string, unknown> = {}) =>
      system.query<Record<string, unknown>>(query, { token, variables });

    // Reads: nothing of A, not even whether it exists.
    for (const id of [aBooks.id, aClientAdm.id]) {
      const one = await q(
        `query($id: ID!) { administration(id: $id) { id name accounts { code } customers { totalCount } invoices { totalCount } invoicingStatus { draftInvoices } vatReturns { status } access { permissions } } }`,
        { id },
      );
      expect(one.data).toEqual({ administration: null });
    }
    const list = await q(
      `{ administrations(first: 500, filter: { includeArchived: true }) { edges { node { id } } } }`,
    );
    const ids = (list.data!.administrations as { edges: { node: { id: string } }[] }).edges.map(
      (e) => e.node.id,
    );
    expect(ids).not.toContain(aBooks.id);
    expect(ids).not.toContain(aClientAdm.id);
    const search = await q(`{ administrations(filter: { search: "Bakkerij" }) { totalCount } }`);
    expect(search.data).toEqual({ administrations: { totalCount: 0 } });
    const audit = await q(
      `{ me { office { accessAudit(first: 50) { edges { node { administrationId } } } } } }`,
    );
    const auditIds = JSON.stringify(audit.data ?? {});
    expect(auditIds).not.toContain(aBooks.id);
    const office = await q(
      `{ me { office { id users(first: 100) { edges { node { id email } } } } } }`,
    );
    expect(JSON.stringify(office.data)).not.toContain(aAdmin.email);

    // Writes: refused, whatever the route.
    const attempts: [string, Record<string, unknown>][] = [
      [
        `mutation($input: UpdateUserInput!) { updateUser(input: $input) { user { id } userErrors { code } } }`,
        { input: { userId: aAdmin.id, name: 'Hijacked' } },
      ],
      [
        `mutation($input: DeactivateUserInput!) { deactivateUser(input: $input) { user { id } userErrors { code } } }`,
        { input: { userId: aMember.id } },
      ],
      [
        `mutation($input: SetAccessInput!) { setAccess(input: $input) { permissions userErrors { code } } }`,
        {
          input: { userId: aMember.id, administrationId: aBooks.id, permissions: ['LEDGER_WRITE'] },
        },
      ],
      [
        `mutation($input: SetAccessInput!) { setAccess(input: $input) { permissions userErrors { code } } }`,
        {
          input: { userId: aMember.id, administrationId: bBooks.id, permissions: ['LEDGER_READ'] },
        },
      ],
      [
        `mutation($input: SetAccessInput!) { setAccess(input: $input) { permissions userErrors { code } } }`,
        { input: { userId: viewer.id, administrationId: aBooks.id, permissions: ['LEDGER_READ'] } },
      ],
      [
        `mutation($input: UpdateAdministrationInput!) { updateAdministration(input: $input) { administration { id } userErrors { code } } }`,
        { input: { administrationId: aBooks.id, name: 'Hijacked' } },
      ],
      [
        `mutation($input: ArchiveAdministrationInput!) { archiveAdministration(input: $input) { administration { id } userErrors { code } } }`,
        { input: { administrationId: aClientAdm.id } },
      ],
      [
        `mutation($input: UnlinkAdministrationInput!) { unlinkAdministration(input: $input) { administrationId userErrors { code } } }`,
        { input: { administrationId: aBooks.id } },
      ],
      [
        `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } userErrors { code } } }`,
        { input: { administrationId: aBooks.id, name: 'Hijacked' } },
      ],
      [
        `mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { customer { id } userErrors { code } } }`,
        { input: { administrationId: aBooks.id, customerId: aCustomerId, name: 'Hijacked' } },
      ],
      [
        `mutation($input: CreateInvoiceInput!) { createInvoice(input: $input) { invoice { id } userErrors { code } } }`,
        {
          input: {
            administrationId: aBooks.id,
            customerId: aCustomerId,
            lines: [{ description: 'x', quantity: '1', unitPrice: '1.00', vatCode: 'V21' }],
          },
        },
      ],
      [
        `mutation($input: UpdateInvoiceInput!) { updateInvoice(input: $input) { invoice { id } userErrors { code } } }`,
        { input: { administrationId: aBooks.id, invoiceId: aInvoiceId, reference: 'Hijacked' } },
      ],
      [
        `mutation($input: FinalizeInvoiceInput!) { finalizeInvoice(input: $input) { invoice { id } userErrors { code } } }`,
        { input: { administrationId: aBooks.id, invoiceId: aInvoiceId } },
      ],
      [
        `mutation($input: FinalizeInvoiceInput!) { finalizeInvoice(input: $input) { invoice { id } userErrors { code } } }`,
        { input: { administrationId: bBooks.id, invoiceId: aInvoiceId } },
      ],
      [
        `mutation($input: CreditInvoiceInput!) { creditInvoice(input: $input) { invoice { id } userErrors { code } } }`,
        { input: { administrationId: aBooks.id, invoiceId: aInvoiceId } },
      ],
      [
        `mutation($input: RegisterPaymentInput!) { registerPayment(input: $input) { invoice { id } userErrors { code } } }`,
        {
          input: {
            administrationId: aBooks.id,
            invoiceId: aInvoiceId,
            amount: '1.00',
            date: '2026-01-01',
          },
        },
      ],
      [
        `mutation($input: UpdateInvoiceSettingsInput!) { updateInvoiceSettings(input: $input) { settings { name } userErrors { code } } }`,
        {
          input: {
            administrationId: aBooks.id,
            name: 'x',
            street: 'x',
            postalCode: 'x',
            city: 'x',
            countryCode: 'NL',
            vatNumber: 'NL123456782B01',
            kvkNumber: '12345678',
            iban: 'NL91ABNA0417164300',
          },
        },
      ],
      [
        `mutation($input: SuspendOfficeInput!) { suspendOffice(input: $input) { office { id } userErrors { code } } }`,
        { input: { officeId: a.id, suspended: true } },
      ],
    ];
    for (const [mutation, variables] of attempts) {
      const r = await q(mutation, variables);
      const payload = r.data ? Object.values(r.data)[0] : null;
      const refused =
        r.errors?.some((e) => e.extensions?.code === 'FORBIDDEN') ||
        ((payload as { userErrors?: unknown[] } | null)?.userErrors?.length ?? 0) > 0;
      expect([mutation.slice(0, 40), refused]).toEqual([mutation.slice(0, 40), true]);
    }
  }
  expect(await snapshot(a.id)).toEqual(before);
});

test('the dashboard list shows exactly the administrations the permission view grants', async () => {
  const office = await make.office('Zichtbaarheid BV');
  const admin = await make.user({ officeId: office.id, officeRole: 'ADMIN' });
  const member = await make.user({ officeId: office.id, officeRole: 'MEMBER' });
  const client = await make.user({ officeId: office.id, kind: 'CLIENT' });
  const other = await make.office('Ander Kantoor');
  const otherAdm = await make.administration({ officeId: other.id });
  const plain = await make.administration({ officeId: office.id, name: 'Plain' });
  const withLogin = await make.administration({
    officeId: office.id,
    name: 'With login',
    kind: 'INTERNAL_WITH_CLIENT_LOGIN',
    modules: ['LEDGER', 'INVOICING'],
    clientModules: ['INVOICING'],
  });
  const emptyGrant = await make.administration({ officeId: office.id, name: 'Empty grant' });
  await make.grant(member.id, plain.id, ['LEDGER_READ']);
  await make.grant(member.id, emptyGrant.id, []);
  // A stale grant on another office's administration must not count for a STAFF member.
  await make.grant(member.id, otherAdm.id, ['LEDGER_READ']);
  // A client: allowed within clientModules only; a grant outside them opens nothing.
  await make.grant(client.id, withLogin.id, ['INVOICING_READ']);
  await make.grant(client.id, plain.id, ['LEDGER_READ']);

  const db = system.subgraphs.tenancy.runtime.dataSource;
  for (const viewer of [admin, member, client]) {
    const expected = (
      await db.query(
        `SELECT DISTINCT ep.administration_id AS id FROM tenancy.effective_permissions ep
           JOIN tenancy.administrations a ON a.id = ep.administration_id
          WHERE ep.user_id = $1 AND a.archived_at IS NULL`,
        [viewer.id],
      )
    )
      .map((r: { id: string }) => r.id)
      .sort();
    const r = await system.query<{
      administrations: { totalCount: number; edges: { node: { id: string } }[] };
    }>(`{ administrations(first: 500) { totalCount edges { node { id } } } }`, {
      token: await make.token(viewer.id),
    });
    const ids = r.data!.administrations.edges.map((e) => e.node.id).sort();
    expect(ids).toEqual(expected);
    expect(r.data!.administrations.totalCount).toBe(expected.length);
  }
  expect(
    (
      await system.query<{ administrations: { totalCount: number } }>(
        '{ administrations { totalCount } }',
        {
          token: await make.token(member.id),
        },
      )
    ).data!.administrations.totalCount,
  ).toBe(1);
});

test("VAT: office B sees none of office A's returns and cannot move them", async () => {
  const a = await make.office('BTW Kantoor A');
  const aAdmin = await make.user({ officeId: a.id, officeRole: 'ADMIN' });
  const aBooks = await make.administration({
    officeId: a.id,
    name: 'A Btw Bakker',
    vatNumber: 'NL123456789B01',
  });
  const b = await make.office('BTW Kantoor B');
  const bAdmin = await make.user({ officeId: b.id, officeRole: 'ADMIN' });
  const bMember = await make.user({ officeId: b.id, officeRole: 'MEMBER' });
  const bClient = await make.user({ officeId: b.id, kind: 'CLIENT' });
  const bBooks = await make.administration({ officeId: b.id, name: 'B Btw Garage' });
  // A stale grant on A's administration opens nothing for B's people.
  await make.grant(bMember.id, aBooks.id, ['VAT_READ', 'VAT_SUBMIT']);
  await make.grant(bClient.id, aBooks.id, ['VAT_READ']);
  const vat = system.subgraphs.vat.runtime.dataSource;
  await eventually(async () => {
    const rows = await vat.query(
      `SELECT 1 FROM vat.administrations WHERE administration_id = ANY($1) AND name <> ''`,
      [[aBooks.id, bBooks.id]],
    );
    return rows.length === 2 ? true : undefined;
  });
  const aToken = await make.token(aAdmin.id);
  const own = await system.query<{ vatOverview: { totalCount: number } }>(
    `{ vatOverview(filter: { search: "A Btw" }) { totalCount } }`,
    { token: aToken },
  );
  expect(own.data!.vatOverview.totalCount).toBeGreaterThan(0);
  const snapshot = () =>
    vat.query(`SELECT * FROM vat.returns WHERE administration_id = $1 ORDER BY period`, [
      aBooks.id,
    ]) as Promise<unknown[]>;
  const before = await snapshot();
  for (const viewer of [bAdmin, bMember, bClient]) {
    const token = await make.token(viewer.id);
    const overview = await system.query<{
      vatOverview: { edges: { node: { administration: { id: string } } }[] };
    }>(`{ vatOverview(first: 500) { edges { node { administration { id } } } } }`, { token });
    expect(JSON.stringify(overview.data)).not.toContain(aBooks.id);
    const one = await system.query(
      `query($id: ID!) { administration(id: $id) { vatReturns { period } vatStatus { openReturns } } }`,
      { token, variables: { id: aBooks.id } },
    );
    expect(one.data).toEqual({ administration: null });
    for (const name of [
      'prepareVatReturn',
      'requestVatApproval',
      'approveVatReturn',
      'submitVatReturn',
    ]) {
      const input = name === 'prepareVatReturn' ? 'VatReturnInput' : 'VatReturnNoteInput';
      const r = await system.query(
        `mutation($input: ${input}!) { ${name}(input: $input) { vatReturn { id } userErrors { code } } }`,
        { token, variables: { input: { administrationId: aBooks.id, period: '2026-Q1' } } },
      );
      expect([name, r.errors?.[0]?.extensions?.code]).toEqual([name, 'FORBIDDEN']);
    }
  }
  expect(await snapshot()).toEqual(before);
});
