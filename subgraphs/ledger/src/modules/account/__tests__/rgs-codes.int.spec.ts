/**
 * Issue 13, item 7: every account of the default chart maps to its own level-4 code of RGS
 * 3.5, and unknown RGS codes are refused on accounts and on template accounts. Through the
 * gateway.
 */
import {
  makeBooks,
  startLedgerKit,
  type Books,
  type LedgerKit,
  type UserErrorData,
} from '../../../__tests__/ledger-kit';
import { RGS_LEVEL4_CODES } from '../rgs-codes.data';

let kit: LedgerKit;
let books: Books;

beforeAll(async () => {
  kit = await startLedgerKit();
  books = await makeBooks(kit);
});
afterAll(async () => {
  await kit?.stop();
});

type Account = { code: string; type: string; rgsCode: string | null };

function expectLevel4AndUnique(accounts: Account[]) {
  expect(accounts.length).toBeGreaterThan(60);
  const notInRgs = accounts.filter((a) => !a.rgsCode || !RGS_LEVEL4_CODES.has(a.rgsCode));
  expect(notInRgs).toEqual([]);
  const seen = new Map<string, string>();
  const shared: string[] = [];
  for (const a of accounts) {
    if (seen.has(a.rgsCode!)) shared.push(`${seen.get(a.rgsCode!)}/${a.code}: ${a.rgsCode}`);
    seen.set(a.rgsCode!, a.code);
  }
  expect(shared).toEqual([]);
  // Balance-sheet accounts carry B codes, profit and loss accounts W codes.
  const wrongSide = accounts.filter(
    (a) => (['REVENUE', 'EXPENSE'].includes(a.type) ? 'W' : 'B') !== a.rgsCode![0],
  );
  expect(wrongSide).toEqual([]);
}

test("every account of Kantoor's default template has its own level-4 RGS 3.5 code", async () => {
  const r = await kit.gql<{ kantoorChartTemplate: { accounts: Account[] } }>(
    books.adminToken,
    `{ kantoorChartTemplate { accounts { code type rgsCode } } }`,
  );
  expect(r.errors).toBeUndefined();
  expectLevel4AndUnique(r.data!.kantoorChartTemplate.accounts);
});

test('a new administration opens with those codes (accounts of its books)', async () => {
  const r = await kit.gql<{ administration: { accounts: Account[] } }>(
    books.adminToken,
    `query($id: ID!) { administration(id: $id) { accounts { code type rgsCode } } }`,
    { id: books.administrationId },
  );
  expect(r.errors).toBeUndefined();
  expectLevel4AndUnique(r.data!.administration.accounts);
});

const codes = (errors: UserErrorData[]) => errors.map((e) => [e.code, e.field]);

test('createAccount and updateAccount refuse an RGS code that RGS 3.5 does not have (UNKNOWN_RGS_CODE)', async () => {
  const create = (rgsCode: string, code: string) =>
    kit.gql<{
      createAccount: { account: { rgsCode: string } | null; userErrors: UserErrorData[] };
    }>(
      books.adminToken,
      `mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { rgsCode } userErrors { field message code } } }`,
      {
        input: {
          administrationId: books.administrationId,
          code,
          name: 'Hosting',
          type: 'EXPENSE',
          rgsCode,
        },
      },
    );
  // A level-3 group (not an account), a made-up code, and a level-5 movement code.
  for (const [rgs, code] of [
    ['WBedKan', '4415'],
    ['WBedKanXyz', '4416'],
    ['BSchBepBtwOla', '4417'],
  ] as const) {
    const r = await create(rgs, code);
    expect([rgs, codes(r.data!.createAccount.userErrors)]).toEqual([
      rgs,
      [['UNKNOWN_RGS_CODE', ['input', 'rgsCode']]],
    ]);
  }
  const [row] = (await kit.ledgerDb.query(
    `SELECT count(*)::int AS n FROM ledger.accounts WHERE administration_id = $1 AND code IN ('4415', '4416', '4417')`,
    [books.administrationId],
  )) as { n: number }[];
  expect(row!.n).toBe(0);

  const ok = await create('WBedKanKoa', '4415');
  expect(ok.data!.createAccount).toEqual({ account: { rgsCode: 'WBedKanKoa' }, userErrors: [] });

  const [account] = (await kit.ledgerDb.query(
    `SELECT id FROM ledger.accounts WHERE administration_id = $1 AND code = '4415'`,
    [books.administrationId],
  )) as { id: string }[];
  const update = await kit.gql<{ updateAccount: { userErrors: UserErrorData[] } }>(
    books.adminToken,
    `mutation($input: UpdateAccountInput!) { updateAccount(input: $input) { userErrors { field message code } } }`,
    {
      input: { administrationId: books.administrationId, accountId: account!.id, rgsCode: 'WBed' },
    },
  );
  expect(codes(update.data!.updateAccount.userErrors)).toEqual([
    ['UNKNOWN_RGS_CODE', ['input', 'rgsCode']],
  ]);
});

test('template accounts refuse unknown RGS codes too', async () => {
  const created = await kit.gql<{
    createChartTemplate: { template: { id: string } | null; userErrors: UserErrorData[] };
  }>(
    books.adminToken,
    `mutation($input: CreateChartTemplateInput!) { createChartTemplate(input: $input) { template { id } userErrors { field message code } } }`,
    { input: { name: 'Bakkerij' } },
  );
  expect(created.data!.createChartTemplate.userErrors).toEqual([]);
  const templateId = created.data!.createChartTemplate.template!.id;
  const add = (rgsCode: string) =>
    kit.gql<{ addChartTemplateAccount: { userErrors: UserErrorData[] } }>(
      books.adminToken,
      `mutation($input: AddChartTemplateAccountInput!) { addChartTemplateAccount(input: $input) { userErrors { field message code } } }`,
      { input: { templateId, code: '8005', name: 'Omzet brood', type: 'REVENUE', rgsCode } },
    );
  expect(codes((await add('WOmzNop')).data!.addChartTemplateAccount.userErrors)).toEqual([
    ['UNKNOWN_RGS_CODE', ['input', 'rgsCode']],
  ]);
  expect((await add('WOmzNohOlv')).data!.addChartTemplateAccount.userErrors).toEqual([]);
  const update = await kit.gql<{ updateChartTemplateAccount: { userErrors: UserErrorData[] } }>(
    books.adminToken,
    `mutation($input: UpdateChartTemplateAccountInput!) { updateChartTemplateAccount(input: $input) { userErrors { field message code } } }`,
    { input: { templateId, code: '8005', rgsCode: 'WKpr' } },
  );
  expect(codes(update.data!.updateChartTemplateAccount.userErrors)).toEqual([
    ['UNKNOWN_RGS_CODE', ['input', 'rgsCode']],
  ]);
});
