import { eventually } from '@kantoor/platform/testing';
import type { Factories } from './factories';
import { startTestSystemWithFactories, type TestSystem } from './system';

/**
 * Issue 15: every text input has a maximum length, checked in one place for every
 * subgraph (platform's text-limits.ts): a mutation answers the userError TEXT_TOO_LONG
 * with the input path, a query BAD_USER_INPUT (reason TEXT_TOO_LONG); nothing is written.
 */
let system: TestSystem;
let make: Factories;
let officeId: string;
let adminToken: string;
let administrationId: string;

beforeAll(async () => {
  ({ system, make } = await startTestSystemWithFactories());
  officeId = (await make.office('Lengte BV')).id;
  const admin = await make.user({ officeId, officeRole: 'ADMIN' });
  adminToken = await make.token(admin.id);
  administrationId = (await make.administration({ officeId, modules: ['LEDGER', 'INVOICING'] })).id;
  const ledger = system.subgraphs.ledger.runtime.dataSource;
  await eventually(async () => {
    const rows = await ledger.query(
      `SELECT 1 FROM ledger.accounts WHERE administration_id = $1 LIMIT 1`,
      [administrationId],
    );
    return rows.length > 0 ? true : undefined;
  });
});
afterAll(() => system?.stop());

type Payload = {
  userErrors: { code: string; codeEnum: string; field: string[] | null }[];
} & Record<string, unknown>;

async function mutate(
  token: string,
  name: string,
  inputType: string,
  input: unknown,
  result: string,
) {
  const r = await system.query<Record<string, Payload>>(
    `mutation($input: ${inputType}!) { ${name}(input: $input) { ${result} userErrors { code codeEnum field } } }`,
    { token, variables: { input } },
  );
  return r;
}

async function counts() {
  const q = (subgraph: keyof TestSystem['subgraphs'], sql: string, params: unknown[] = []) =>
    system.subgraphs[subgraph].runtime.dataSource
      .query(sql, params)
      .then((rows: { n: number }[]) => rows[0]!.n);
  return {
    administrations: await q(
      'tenancy',
      `SELECT count(*)::int AS n FROM tenancy.administrations WHERE office_id = $1`,
      [officeId],
    ),
    customers: await q(
      'invoicing',
      `SELECT count(*)::int AS n FROM invoicing.customers WHERE administration_id = $1`,
      [administrationId],
    ),
    entries: await q(
      'ledger',
      `SELECT count(*)::int AS n FROM ledger.journal_entries WHERE administration_id = $1`,
      [administrationId],
    ),
    lockedPeriods: await q(
      'ledger',
      `SELECT count(*)::int AS n FROM ledger.locked_periods WHERE administration_id = $1`,
      [administrationId],
    ),
    vatReturns: await q(
      'vat',
      `SELECT count(*)::int AS n FROM vat.returns WHERE administration_id = $1`,
      [administrationId],
    ),
    priceLists: await q('billing', `SELECT count(*)::int AS n FROM billing.price_list_items`),
  };
}

test('too-long text in mutations of every subgraph: TEXT_TOO_LONG with the path, nothing written', async () => {
  const ops = await make.user({ kind: 'OPS' });
  const opsToken = await make.token(ops.id);
  const before = await counts();
  const cases: [string, string, string, unknown, string, string[]][] = [
    [
      adminToken,
      'createAdministration',
      'CreateAdministrationInput',
      { name: 'x'.repeat(100_000), kind: 'INTERNAL' },
      'administration { id }',
      ['input', 'name'],
    ],
    [
      adminToken,
      'createCustomer',
      'CreateCustomerInput',
      { administrationId, name: 'K'.repeat(201) },
      'customer { id }',
      ['input', 'name'],
    ],
    [
      adminToken,
      'postJournalEntry',
      'PostJournalEntryInput',
      {
        administrationId,
        date: '2026-03-01',
        description: 'Kas',
        lines: [
          { accountCode: '1000', debit: '1.00', description: 'd'.repeat(2001) },
          { accountCode: '8000', credit: '1.00' },
        ],
      },
      'entry { id }',
      ['input', 'lines', '0', 'description'],
    ],
    [
      adminToken,
      'lockPeriod',
      'LockPeriodInput',
      { administrationId, from: '2026-01-01', to: '2026-01-31', reason: 'r'.repeat(5000) },
      'lockedPeriod { id }',
      ['input', 'reason'],
    ],
    [
      adminToken,
      'requestVatApproval',
      'VatReturnNoteInput',
      { administrationId, period: '2026-Q1', note: 'n'.repeat(2001) },
      'vatReturn { id }',
      ['input', 'note'],
    ],
    [
      opsToken,
      'setPriceList',
      'SetPriceListInput',
      { fromPeriod: '2099-01', items: [{ code: 'C'.repeat(201), unitPrice: '1.00' }] },
      'priceList { __typename }',
      ['input', 'items', '0', 'code'],
    ],
  ];
  for (const [token, name, inputType, input, result, path] of cases) {
    const r = await mutate(token, name, inputType, input, result);
    expect([name, r.errors]).toEqual([name, undefined]);
    expect([name, r.data![name]!.userErrors]).toEqual([
      name,
      [{ code: 'TEXT_TOO_LONG', codeEnum: 'TEXT_TOO_LONG', field: path }],
    ]);
  }
  expect(await counts()).toEqual(before);
});

test('text at its limit passes; a query argument over it is BAD_USER_INPUT', async () => {
  const ok = await mutate(
    adminToken,
    'createCustomer',
    'CreateCustomerInput',
    { administrationId, name: 'K'.repeat(200) },
    'customer { name }',
  );
  expect(ok.data!.createCustomer!.userErrors).toEqual([]);
  expect(ok.data!.createCustomer!.customer).toEqual({ name: 'K'.repeat(200) });

  const search = await system.query(
    `query($s: String) { administrations(filter: { search: $s }) { totalCount } }`,
    { token: adminToken, variables: { s: 's'.repeat(201) } },
  );
  expect(search.errors?.[0]?.extensions).toMatchObject({
    code: 'BAD_USER_INPUT',
    reason: 'TEXT_TOO_LONG',
    argumentPath: ['filter', 'search'],
    maxLength: 200,
  });
});

test('a caller without the right gets FORBIDDEN, not TEXT_TOO_LONG', async () => {
  const member = await make.user({ officeId, officeRole: 'MEMBER' });
  const r = await mutate(
    await make.token(member.id),
    'createCustomer',
    'CreateCustomerInput',
    { administrationId, name: 'K'.repeat(5000) },
    'customer { id }',
  );
  expect(r.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
});
