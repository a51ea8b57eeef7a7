import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  getNamedType,
  isLeafType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type GraphQLUnionType,
} from 'graphql';
import type { Permission } from '@kantoor/platform';
import { eventually } from '@kantoor/platform/testing';
import { ALL_SUBGRAPHS } from '../scripts/subgraphs';
import type { Factories } from './factories';
import {
  isAttack,
  SWEEP,
  statement,
  unknownVictim,
  type Own,
  type Victim,
} from './isolation-cases';
import { startTestSystemWithFactories, type TestSystem } from './system';
import { changedTables, eventsSettled, snapshotTables } from './table-snapshot';

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

test('office B reads nothing of office A (its writes: the sweep below)', async () => {
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
  await system.query<{ createInvoice: { invoice: { id: string } } }>(
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

  const b = await make.office('Kantoor B');
  const bAdmin = await make.user({ officeId: b.id, officeRole: 'ADMIN' });
  const bMember = await make.user({ officeId: b.id, officeRole: 'MEMBER' });
  await make.administration({ officeId: b.id, name: 'B Garage' });
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

// ---- the sweep: every mutation and every entity, from outside A --------------------------------

const api: GraphQLSchema = buildSchema(
  readFileSync(join(__dirname, '..', 'schema', 'api.graphql'), 'utf8'),
);

/** The selection of a payload: its leaves, `{ id }` or `{ __typename }` of objects, userErrors. */
function payloadSelection(type: GraphQLObjectType): string {
  return Object.values(type.getFields())
    .map((f) => {
      if (f.name === 'userErrors') return 'userErrors { code field message }';
      const named = getNamedType(f.type);
      if (isLeafType(named)) return f.name;
      const hasId = 'id' in (named as GraphQLObjectType).getFields();
      return `${f.name} { ${hasId ? 'id' : '__typename'} }`;
    })
    .join(' ');
}

type Payload = Record<string, unknown> & {
  userErrors?: { code: string; field: string[] | null; message: string }[];
};

/** `name(input: $input)` as `token`, through the gateway. */
async function mutate(token: string, name: string, input: Record<string, unknown>) {
  const field = api.getMutationType()!.getFields()[name];
  if (!field) throw new Error(`no mutation ${name}`);
  const inputType = String(field.args[0]!.type);
  const payload = getNamedType(field.type) as GraphQLObjectType;
  const r = await system.query<Record<string, Payload | null>>(
    `mutation($input: ${inputType}) { ${name}(input: $input) { ${payloadSelection(payload)} } }`,
    { token, variables: { input } },
  );
  return { status: r.status, payload: r.data?.[name] ?? null, errors: r.errors ?? [] };
}

/** A mutation of the setup: must succeed; returns its payload. */
async function must(token: string, name: string, input: Record<string, unknown>) {
  const r = await mutate(token, name, input);
  if (r.errors.length > 0 || !r.payload || (r.payload.userErrors ?? []).length > 0)
    throw new Error(`${name}: ${JSON.stringify(r.errors)} ${JSON.stringify(r.payload)}`);
  return r.payload as Record<string, { id: string } & Record<string, unknown>>;
}

/** How an attack was answered: FORBIDDEN, the userError codes, or what else came back. */
function answerOf(r: Awaited<ReturnType<typeof mutate>>): {
  refusal: string;
  data: Record<string, unknown>;
} {
  const data = Object.fromEntries(
    Object.entries(r.payload ?? {}).filter(
      ([k, value]) => k !== 'userErrors' && k !== '__typename' && value !== null,
    ),
  );
  const codes = r.errors.map((e) => String(e.extensions?.code));
  if (codes.length > 0) return { refusal: `error:${[...new Set(codes)].sort().join(',')}`, data };
  const userErrors = (r.payload?.userErrors ?? []).map((e) => e.code);
  if (userErrors.length > 0) return { refusal: `userError:${userErrors.sort().join(',')}`, data };
  return { refusal: 'none', data };
}

interface Caller {
  role: string;
  token: string;
  /** A member of A's own office (the office's own objects are its own). */
  sameOffice: boolean;
  own: Own;
}

/** The office ADMIN's draft invoice and bank transaction in `administrationId`. */
async function ownObjects(
  adminToken: string,
  administrationId: string,
  iban: string,
): Promise<{ draftInvoiceId: string; transactionId: string }> {
  const customer = await must(adminToken, 'createCustomer', { administrationId, name: 'Eigen' });
  const draft = await must(adminToken, 'createInvoice', {
    administrationId,
    customerId: customer.customer!.id,
    lines: [{ description: 'Eigen', quantity: '1', unitPrice: '1.00', vatCode: 'V21' }],
  });
  const bank = await must(adminToken, 'createBankAccount', { administrationId, iban });
  await must(adminToken, 'importBankStatement', {
    administrationId,
    bankAccountId: bank.bankAccount!.id,
    camt053: statement(iban, `OWN${administrationId.slice(0, 6)}`),
  });
  const [tx] = await system.subgraphs.ledger.runtime.dataSource.query(
    `SELECT id FROM ledger.bank_transactions WHERE administration_id = $1`,
    [administrationId],
  );
  return { draftInvoiceId: draft.invoice!.id, transactionId: tx.id };
}

/** A's books with one of everything, made by A's ADMIN through the gateway. */
async function victimWorld(): Promise<Victim> {
  const office = await make.office('Slachtoffer BV');
  const admin = await make.user({ officeId: office.id, officeRole: 'ADMIN' });
  const member = await make.user({ officeId: office.id, officeRole: 'MEMBER' });
  const books = await make.administration({
    officeId: office.id,
    name: 'Slachtoffer Bakkerij',
    kind: 'INTERNAL_WITH_CLIENT_LOGIN',
    modules: ['LEDGER', 'INVOICING'],
    clientModules: ['LEDGER', 'INVOICING'],
    vatNumber: 'NL123456782B01',
  });
  const administrationId = books.id;
  await make.grant(member.id, administrationId, ['LEDGER_READ']);
  const token = await make.token(admin.id);
  const ledger = system.subgraphs.ledger.runtime.dataSource;
  await eventually(async () => {
    const rows = await ledger.query(
      `SELECT 1 FROM ledger.accounts WHERE administration_id = $1 LIMIT 1`,
      [administrationId],
    );
    return rows.length > 0 ? true : undefined;
  });
  await must(token, 'updateInvoiceSettings', {
    administrationId,
    name: 'Slachtoffer Bakkerij B.V.',
    street: 'Dorpsstraat 1',
    postalCode: '3511 AA',
    city: 'Utrecht',
    countryCode: 'NL',
    vatNumber: 'NL123456782B01',
    kvkNumber: '12345678',
    iban: 'NL91ABNA0417164300',
  });
  const customer = (await must(token, 'createCustomer', { administrationId, name: 'A Klant' }))
    .customer!.id;
  const lines = [{ description: 'Brood', quantity: '10', unitPrice: '1.00', vatCode: 'V21' }];
  const draftInvoice = (
    await must(token, 'createInvoice', { administrationId, customerId: customer, lines })
  ).invoice!.id;
  const invoice = (
    await must(token, 'createInvoice', {
      administrationId,
      customerId: customer,
      issueDate: '2026-03-01',
      lines,
    })
  ).invoice!.id;
  await must(token, 'finalizeInvoice', { administrationId, invoiceId: invoice });
  const account = (
    await must(token, 'createAccount', {
      administrationId,
      code: '1250',
      name: 'Kruisposten',
      type: 'ASSET',
    })
  ).account!.id;
  const bankAccount = (
    await must(token, 'createBankAccount', { administrationId, iban: 'NL91ABNA0417164300' })
  ).bankAccount!.id;
  await must(token, 'importBankStatement', {
    administrationId,
    bankAccountId: bankAccount,
    camt053: statement('NL91ABNA0417164300', 'VICTIM'),
  });
  const bankRule = (
    await must(token, 'createBankRule', {
      administrationId,
      counterpartyIban: 'NL39RABO0300065264',
      accountCode: '8000',
    })
  ).rule!.id;
  const entry = (
    await must(token, 'postJournalEntry', {
      administrationId,
      date: '2026-03-02',
      description: 'Kasverkoop',
      lines: [
        { accountCode: '1000', debit: '12.10' },
        { accountCode: '8000', credit: '12.10' },
      ],
    })
  ).entry!.id;
  const draft = (
    await must(token, 'createDraftJournalEntry', {
      administrationId,
      date: '2026-03-03',
      description: 'Concept',
      lines: [
        { accountCode: '1000', debit: '1.00' },
        { accountCode: '8000', credit: '1.00' },
      ],
    })
  ).draft!.id;
  const lockedPeriod = (
    await must(token, 'lockPeriod', {
      administrationId,
      from: '2026-01-01',
      to: '2026-01-31',
      reason: 'Maand afgesloten',
    })
  ).lockedPeriod!.id;
  // A copy of the default chart: accounts and VAT codes.
  const template = (await must(token, 'createChartTemplate', { name: 'Sjabloon A' })).template!.id;
  // An account only A's template has: a chart copied from it would show it.
  await must(token, 'addChartTemplateAccount', {
    templateId: template,
    code: '1998',
    name: 'Geheim van A',
    type: 'ASSET',
  });
  // An event no step of the sweep causes: no deliveries change its tables.
  const webhook = (
    await must(token, 'createWebhook', {
      url: 'https://hooks.example.test/a',
      eventTypes: ['ADMINISTRATION_ARCHIVED'],
    })
  ).webhook!.id;
  const apiToken = (
    await must(token, 'createApiToken', {
      name: 'Boekhoudkoppeling',
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      permissions: ['LEDGER_READ'],
    })
  ).apiToken!.id;
  await must(token, 'prepareVatReturn', { administrationId, period: '2026-Q1' });
  // The finalized invoice's open item, booked by the ledger from invoicing's event.
  const openItem = await eventually(async () => {
    const r = await system.query<{
      administration: { openItems: { edges: { node: { id: string } }[] } | null } | null;
    }>(`query($id: ID!) { administration(id: $id) { openItems { edges { node { id } } } } }`, {
      token,
      variables: { id: administrationId },
    });
    return r.data?.administration?.openItems?.edges[0]?.node.id;
  });
  const [tx] = await ledger.query(
    `SELECT id FROM ledger.bank_transactions WHERE administration_id = $1`,
    [administrationId],
  );
  const [vatCode] = await ledger.query(
    `SELECT code FROM ledger.vat_codes WHERE administration_id = $1 ORDER BY code LIMIT 1`,
    [administrationId],
  );
  return {
    officeId: office.id,
    adminId: admin.id,
    memberId: member.id,
    administrationId,
    customerId: customer,
    draftInvoiceId: draftInvoice,
    invoiceId: invoice,
    accountId: account,
    vatCode: vatCode.code,
    bankAccountId: bankAccount,
    transactionId: tx.id,
    openItemId: openItem,
    bankRuleId: bankRule,
    entryId: entry,
    draftId: draft,
    lockedPeriodId: lockedPeriod,
    templateId: template,
    webhookId: webhook,
    apiTokenId: apiToken,
  };
}

/** The callers from outside A, each with its own administration and objects. */
async function callers(victim: Victim): Promise<Caller[]> {
  const clientGrant: Permission[] = [
    'LEDGER_READ',
    'LEDGER_WRITE',
    'INVOICING_READ',
    'INVOICING_WRITE',
    'VAT_READ',
    'VAT_SUBMIT',
  ];
  const withClientLogin = {
    kind: 'INTERNAL_WITH_CLIENT_LOGIN' as const,
    modules: ['LEDGER', 'INVOICING'],
    clientModules: ['LEDGER', 'INVOICING'],
  };
  // Office B: its ADMIN, and a client of one of B's administrations.
  const b = await make.office('Aanvaller BV');
  const bAdmin = await make.user({ officeId: b.id, officeRole: 'ADMIN' });
  const bBooks = await make.administration({
    officeId: b.id,
    name: 'B Garage',
    ...withClientLogin,
  });
  const bClient = await make.user({ officeId: b.id, kind: 'CLIENT' });
  const bClientBooks = await make.administration({ officeId: b.id, ...withClientLogin });
  await make.grant(bClient.id, bClientBooks.id, clientGrant);
  // A client of another administration of A's own office.
  const sibling = await make.administration({ officeId: victim.officeId, ...withClientLogin });
  const aClient = await make.user({ officeId: victim.officeId, kind: 'CLIENT' });
  await make.grant(aClient.id, sibling.id, clientGrant);

  const bAdminToken = await make.token(bAdmin.id);
  const aAdminToken = await make.token(victim.adminId);
  await eventually(async () => {
    const rows = await system.subgraphs.ledger.runtime.dataSource.query(
      `SELECT DISTINCT administration_id FROM ledger.accounts WHERE administration_id = ANY($1)`,
      [[bBooks.id, bClientBooks.id, sibling.id]],
    );
    return rows.length === 3 ? true : undefined;
  });
  const ibans = ['NL20INGB0001234567', 'NL39RABO0300065264', 'NL02ABNA0123456789'];
  return [
    {
      role: "another office's ADMIN",
      token: bAdminToken,
      sameOffice: false,
      own: {
        userId: bAdmin.id,
        administrationId: bBooks.id,
        ...(await ownObjects(bAdminToken, bBooks.id, ibans[0]!)),
      },
    },
    {
      role: "a CLIENT of another office's administration",
      token: await make.token(bClient.id),
      sameOffice: false,
      own: {
        userId: bClient.id,
        administrationId: bClientBooks.id,
        ...(await ownObjects(bAdminToken, bClientBooks.id, ibans[1]!)),
      },
    },
    {
      role: "a CLIENT of another administration of A's office",
      token: await make.token(aClient.id),
      sameOffice: true,
      own: {
        userId: aClient.id,
        administrationId: sibling.id,
        ...(await ownObjects(aAdminToken, sibling.id, ibans[2]!)),
      },
    },
  ];
}

test('the sweep covers every mutation of the composed API', () => {
  const inSchema = Object.keys(api.getMutationType()!.getFields()).sort();
  expect(Object.keys(SWEEP).sort()).toEqual(inSchema);
});

/** A's world and the callers, made once for the sweep's tests. */
let sweepWorld: Promise<{ victim: Victim; from: Caller[] }> | undefined;
function world() {
  sweepWorld ??= (async () => {
    const victim = await victimWorld();
    return { victim, from: await callers(victim) };
  })();
  return sweepWorld;
}

test("every mutation, from another office and from another administration's client, is refused on A's objects and writes nothing", async () => {
  const { victim, from } = await world();
  const db = system.subgraphs.tenancy.runtime.dataSource;
  await eventually(async () => ((await eventsSettled(db)) ? true : undefined), {
    what: 'the setup’s events handled',
  });
  const before = await snapshotTables(db);

  const tally = new Map<string, number>();
  const seen = new Set<string>();
  const wrong: string[] = [];
  let attempts = 0;
  for (const caller of from) {
    for (const [name, sweepCase] of Object.entries(SWEEP)) {
      if (!isAttack(sweepCase)) continue;
      const attacks = sweepCase.attacks(victim, caller.own);
      const twins = sweepCase.attacks(unknownVictim(victim), caller.own);
      for (const [i, input] of attacks.entries()) {
        attempts++;
        const answer = answerOf(await mutate(caller.token, name, input));
        const label = `${caller.role} ${name}#${i}`;
        tally.set(answer.refusal, (tally.get(answer.refusal) ?? 0) + 1);
        seen.add(`${name} ${answer.refusal}`);
        const documented = (sweepCase.notFound ?? []).map((c) => `userError:${c}`);
        const refused = answer.refusal === 'error:FORBIDDEN' || documented.includes(answer.refusal);
        if (!refused || Object.keys(answer.data).length > 0) {
          wrong.push(`${label}: ${answer.refusal} ${JSON.stringify(answer.data)}`);
          continue;
        }
        if (answer.refusal.startsWith('userError:')) {
          // "Not yours" must read exactly as "not there".
          const twin = answerOf(await mutate(caller.token, name, twins[i]!));
          if (twin.refusal !== answer.refusal)
            wrong.push(`${label}: ${answer.refusal}, but ${twin.refusal} for unknown ids`);
        }
      }
    }
  }
  const after = await snapshotTables(db);
  console.log(
    `Isolation sweep: ${Object.values(SWEEP).filter(isAttack).length} mutations with attacks (${Object.values(SWEEP).filter((c) => !isAttack(c)).length} without) x ${from.length} callers = ${attempts} attempts; ${Object.keys(before).length} tables compared\n${[...tally].map(([k, n]) => `${k}: ${n}`).join('\n')}`,
  );
  expect(wrong).toEqual([]);
  expect(changedTables(before, after)).toEqual([]);
  // The list of not-found answers stays exact: every code it allows is answered somewhere.
  const unused = Object.entries(SWEEP).flatMap(([name, c]) =>
    isAttack(c)
      ? (c.notFound ?? [])
          .filter((code) => !seen.has(`${name} userError:${code}`))
          .map((code) => `${name} ${code}`)
      : [],
  );
  expect(unused).toEqual([]);
}, 180_000);

/** Each entity type's key fields (`@key`): what a representation carries, not data. */
const ENTITY_KEYS: Record<string, string[]> = {
  Administration: ['id'],
  Office: ['id'],
  User: ['id'],
  Invoice: ['id', 'administrationId'],
};

/** Arguments of entity fields other than ids, by name. */
function entityArgument(name: string, type: string): unknown {
  if (name === 'accountCode') return '1000';
  if (name === 'period') return '2026-Q1';
  if (name === 'fiscalYear') return 2026;
  if (name === 'from') return '2026-01-01';
  if (name === 'to' || name === 'date') return '2026-12-31';
  throw new Error(`no value for argument ${name}: ${type}`);
}

/** Ids that field `name(id:)` of `type` looks up. */
function idArgument(type: string, field: string, v: Victim): string {
  if (field === 'journalEntry') return v.entryId;
  if (field === 'draftJournalEntry') return v.draftId;
  if (field === 'invoice') return v.invoiceId;
  throw new Error(`no id for ${type}.${field}(id:)`);
}

/**
 * Entity types that answer a representation the caller may not see exactly as one that does
 * not exist (a null entity, or an empty list), instead of FORBIDDEN: tenancy resolves only
 * administrations, users and offices the viewer may see (as `administration(id)` answers
 * null), and an invoice claimed for the caller's own administration is not found there
 * (invoicing: null; the ledger's bookings of it: none).
 */
const ENTITIES_AS_UNKNOWN = [
  'tenancy Administration',
  'tenancy User',
  'invoicing Invoice',
  'ledger Invoice',
];

test("_entities straight at each subgraph, with the gateway's secret: nothing of A for anyone outside it", async () => {
  const { victim, from } = await world();
  const representations: Record<string, (caller: Caller) => Record<string, unknown>[]> = {
    Administration: () => [{ id: victim.administrationId }],
    // A's office is the office of a client of A's sibling administration: its own.
    Office: (caller) => (caller.sameOffice ? [] : [{ id: victim.officeId }]),
    User: () => [{ id: victim.adminId }, { id: victim.memberId }],
    // A's invoice as itself, and claimed for the caller's own administration.
    Invoice: (caller) => [
      { id: victim.invoiceId, administrationId: victim.administrationId },
      { id: victim.invoiceId, administrationId: caller.own.administrationId },
    ],
  };
  const victimIds = new Set(Object.values(victim));
  /** The same representation with A's ids replaced by ids that do not exist. */
  const unknown = (rep: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(rep).map(([k, v]) => [k, victimIds.has(v as string) ? randomUUID() : v]),
    );
  const wrong: string[] = [];
  const asUnknown = new Set<string>();
  let cells = 0;
  for (const definition of ALL_SUBGRAPHS) {
    const schema = await definition.buildSchema();
    const union = schema.getType('_Entity') as GraphQLUnionType | undefined;
    for (const type of union?.getTypes() ?? []) {
      const keys = ENTITY_KEYS[type.name];
      if (!keys) throw new Error(`no key fields listed for entity ${type.name}`);
      const fields = Object.values(type.getFields()).filter((f) => !keys.includes(f.name));
      if (fields.length === 0) continue;
      const defs: string[] = ['$r: [_Any!]!'];
      const variables: Record<string, unknown> = {};
      const selection = fields.map((f, i) => {
        const args = f.args
          .filter((a) => a.type.toString().endsWith('!'))
          .map((a) => {
            const name = `a${i}_${a.name}`;
            defs.push(`$${name}: ${a.type.toString()}`);
            variables[name] =
              a.name === 'id'
                ? idArgument(type.name, f.name, victim)
                : entityArgument(a.name, a.type.toString());
            return `${a.name}: $${name}`;
          });
        const leaf = isLeafType(getNamedType(f.type));
        return `${f.name}${args.length ? `(${args.join(', ')})` : ''}${leaf ? '' : ' { __typename }'}`;
      });
      const query = `query(${defs.join(', ')}) { _entities(representations: $r) { ... on ${type.name} { ${selection.join(' ')} } } }`;
      /** Per representation and field: its value and the codes of errors at it. */
      const ask = async (caller: Caller, reps: Record<string, unknown>[]) => {
        const r = await system.subgraphs[definition.name].query<{
          _entities: (Record<string, unknown> | null)[];
        }>(query, {
          token: caller.token,
          variables: { ...variables, r: reps.map((rep) => ({ __typename: type.name, ...rep })) },
        });
        return reps.map((_, index) => {
          const entity = r.data?._entities?.[index] ?? null;
          return Object.fromEntries(
            fields.map((f) => {
              const codes = (r.errors ?? [])
                .filter(
                  (e) =>
                    e.path?.[0] === '_entities' &&
                    e.path[1] === index &&
                    (e.path.length === 2 || e.path[2] === f.name),
                )
                .map((e) => String(e.extensions?.code));
              return [
                f.name,
                JSON.stringify({
                  value: entity ? entity[f.name] : null,
                  codes: [...new Set(codes)],
                }),
              ];
            }),
          );
        });
      };
      for (const caller of from) {
        const reps = representations[type.name]!(caller);
        if (reps.length === 0) continue;
        const answers = await ask(caller, reps);
        const twins = await ask(caller, reps.map(unknown));
        reps.forEach((rep, index) => {
          for (const f of fields) {
            cells++;
            const answer = answers[index]![f.name]!;
            if (answer === JSON.stringify({ value: null, codes: ['FORBIDDEN'] })) continue;
            const label = `${caller.role}: ${definition.name} ${type.name}.${f.name} of ${JSON.stringify(rep)}`;
            if (answer !== twins[index]![f.name])
              wrong.push(`${label}: ${answer}, unknown ids: ${twins[index]![f.name]}`);
            else asUnknown.add(`${definition.name} ${type.name}`);
          }
        });
      }
    }
  }
  console.log(
    `_entities sweep: ${cells} cells; answered as for unknown ids: ${[...asUnknown].sort().join(', ')}`,
  );
  expect(wrong).toEqual([]);
  expect([...asUnknown].sort()).toEqual([...ENTITIES_AS_UNKNOWN].sort());
});

test("another office's chart template is not used: the new administration opens with the caller's own chart, as for an unknown id", async () => {
  const { victim, from } = await world();
  const bAdmin = from[0]!;
  const ledger = system.subgraphs.ledger.runtime.dataSource;
  const opened = async (chartTemplateId: string) => {
    const created = await mutate(bAdmin.token, 'createAdministration', {
      name: `Met sjabloon ${chartTemplateId.slice(0, 8)}`,
      kind: 'INTERNAL',
      chartTemplateId,
    });
    expect(created.errors).toEqual([]);
    const id = (created.payload!.administration as { id: string }).id;
    return eventually(async () => {
      const [book] = await ledger.query(
        `SELECT chart_source, chart_template_id FROM ledger.books WHERE administration_id = $1`,
        [id],
      );
      if (!book) return undefined;
      const accounts: { code: string; name: string }[] = await ledger.query(
        `SELECT code, name FROM ledger.accounts WHERE administration_id = $1 ORDER BY code`,
        [id],
      );
      return { book, accounts };
    });
  };
  const withA = await opened(victim.templateId);
  const withUnknown = await opened(randomUUID());
  expect(withA.book).toEqual({ chart_source: 'KANTOOR_DEFAULT', chart_template_id: null });
  expect(withA.accounts.map((a) => a.name)).not.toContain('Geheim van A');
  expect(withA).toEqual(withUnknown);
});
