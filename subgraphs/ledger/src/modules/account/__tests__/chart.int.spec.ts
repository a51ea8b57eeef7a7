import { eventually } from '@kantoor/platform/testing';
import {
  countRows,
  makeBooks,
  makeOffice,
  post,
  simpleLines,
  startLedgerKit,
  userWith,
  type Books,
  type LedgerKit,
  type UserErrorData,
} from '../../../__tests__/ledger-kit';
import { DEFAULT_ACCOUNTS, DEFAULT_JOURNALS, DEFAULT_VAT_CODES } from '../default-chart.data';

let kit: LedgerKit;

beforeAll(async () => {
  kit = await startLedgerKit();
});
afterAll(async () => {
  await kit?.stop();
});

const codes = (errors: UserErrorData[]) => errors.map((e) => [e.code, e.field]);

describe('opening the books on "administration.created"', () => {
  test("copies Kantoor's default chart, VAT codes and journals", async () => {
    const b = await makeBooks(kit);
    const r = await kit.gql<{
      administration: {
        accounts: { code: string; name: string; type: string; rgsCode: string; blocked: boolean }[];
        vatCodes: {
          code: string;
          rate: string;
          direction: string;
          reverseCharge: boolean;
          turnoverBox: string | null;
          vatBox: string | null;
          vatAccount: { code: string } | null;
          inputVatAccount: { code: string } | null;
        }[];
        journals: { code: string; type: string; account: { code: string } | null }[];
      };
    }>(
      b.adminToken,
      `query($id: ID!) { administration(id: $id) {
        accounts { code name type rgsCode blocked }
        vatCodes { code description rate direction reverseCharge turnoverBox vatBox blocked vatAccount { code } inputVatAccount { code } }
        journals { code name type iban account { code } }
      } }`,
      { id: b.administrationId },
    );
    expect(r.errors).toBeUndefined();
    const a = r.data!.administration;
    expect(a.accounts.map((x) => x.code)).toEqual(DEFAULT_ACCOUNTS.map((x) => x.code).sort());
    expect(a.accounts.find((x) => x.code === '1100')).toEqual({
      code: '1100',
      name: 'Bank',
      type: 'ASSET',
      rgsCode: 'BLimBanRba',
      blocked: false,
    });
    expect(a.vatCodes).toHaveLength(DEFAULT_VAT_CODES.length);
    expect(a.vatCodes.find((v) => v.code === 'V21')).toMatchObject({
      rate: '21.00',
      direction: 'SALES',
      reverseCharge: false,
      turnoverBox: '1a',
      vatBox: '1a',
      vatAccount: { code: '1500' },
      inputVatAccount: null,
    });
    expect(a.vatCodes.find((v) => v.code === 'IEU')).toMatchObject({
      reverseCharge: true,
      vatAccount: { code: '1500' },
      inputVatAccount: { code: '1550' },
    });
    expect(a.vatCodes.find((v) => v.code === 'V0')).toMatchObject({
      rate: '0.00',
      vatAccount: null,
    });
    expect(a.journals.map((j) => [j.code, j.type, j.account?.code ?? null])).toEqual(
      DEFAULT_JOURNALS.map((j) => [j.code, j.type, j.accountCode]).sort(),
    );
    const [books] = await kit.ledgerDb.query(
      `SELECT office_id, chart_source FROM ledger.books WHERE administration_id = $1`,
      [b.administrationId],
    );
    expect(books).toEqual({ office_id: b.officeId, chart_source: 'KANTOOR_DEFAULT' });
  });

  test('exactly once, even when the event arrives again', async () => {
    const b = await makeBooks(kit);
    const again = await kit.publish('administration.created', {
      administrationId: b.administrationId,
      officeId: b.officeId,
      kind: 'INTERNAL',
      modules: ['LEDGER'],
    });
    await eventually(
      async () => {
        const rows = await kit.ledgerDb.query(
          `SELECT 1 FROM ledger.processed_events WHERE event_id = $1`,
          [again],
        );
        return rows.length > 0 ? true : undefined;
      },
      { what: 'the second delivery to be handled' },
    );
    expect(await countRows(kit, 'accounts', b.administrationId)).toBe(DEFAULT_ACCOUNTS.length);
    expect(await countRows(kit, 'vat_codes', b.administrationId)).toBe(DEFAULT_VAT_CODES.length);
    expect(await countRows(kit, 'journals', b.administrationId)).toBe(DEFAULT_JOURNALS.length);
  });

  test('an administration without the ledger module gets no books', async () => {
    const o = await makeOffice(kit);
    const a = await kit.make.administration({
      officeId: o.officeId,
      modules: ['INVOICING'],
      kind: 'EXTERNAL',
    });
    const marker = await kit.publish('administration.created', {
      administrationId: a.id,
      officeId: o.officeId,
      modules: ['INVOICING'],
    });
    await eventually(
      async () =>
        (
          await kit.ledgerDb.query(`SELECT 1 FROM ledger.processed_events WHERE event_id = $1`, [
            marker,
          ])
        ).length
          ? true
          : undefined,
      { what: 'the event to be handled' },
    );
    expect(await countRows(kit, 'books', a.id)).toBe(0);
  });
});

const CREATE = `mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id code name type rgsCode blocked } userErrors { field message code } } }`;
const UPDATE = `mutation($input: UpdateAccountInput!) { updateAccount(input: $input) { account { id code name type rgsCode } userErrors { field message code } } }`;
const BLOCK = `mutation($input: SetAccountBlockedInput!) { setAccountBlocked(input: $input) { account { code blocked } userErrors { field message code } } }`;
const DELETE = `mutation($input: DeleteAccountInput!) { deleteAccount(input: $input) { accountId userErrors { field message code } } }`;
const BLOCK_VAT = `mutation($input: SetVatCodeBlockedInput!) { setVatCodeBlocked(input: $input) { vatCode { code blocked } userErrors { field message code } } }`;

type AccountPayload = {
  account: {
    id: string;
    code: string;
    name: string;
    type: string;
    rgsCode: string | null;
    blocked?: boolean;
  } | null;
  userErrors: UserErrorData[];
};

describe('chart upkeep (ADMINISTRATION_MANAGE)', () => {
  let b: Books;
  const accountId = async (code: string) =>
    (
      (await kit.ledgerDb.query(
        `SELECT id FROM ledger.accounts WHERE administration_id = $1 AND code = $2`,
        [b.administrationId, code],
      )) as { id: string }[]
    )[0]!.id;
  beforeAll(async () => {
    b = await makeBooks(kit);
  });

  const create = (input: Record<string, unknown>, token = b.adminToken) =>
    kit.gql<{ createAccount: AccountPayload }>(token, CREATE, {
      input: { administrationId: b.administrationId, ...input },
    });
  const update = (input: Record<string, unknown>, token = b.adminToken) =>
    kit.gql<{ updateAccount: AccountPayload }>(token, UPDATE, {
      input: { administrationId: b.administrationId, ...input },
    });

  test('createAccount adds an account that takes bookings', async () => {
    const r = await create({
      code: '4415',
      name: 'Hosting',
      type: 'EXPENSE',
      rgsCode: 'WBedKanKoa',
    });
    expect(r.data!.createAccount.userErrors).toEqual([]);
    expect(r.data!.createAccount.account).toMatchObject({
      code: '4415',
      name: 'Hosting',
      type: 'EXPENSE',
      rgsCode: 'WBedKanKoa',
      blocked: false,
    });
    const [row] = await kit.ledgerDb.query(
      `SELECT code, name, type, rgs_code FROM ledger.accounts WHERE id = $1 AND administration_id = $2`,
      [r.data!.createAccount.account!.id, b.administrationId],
    );
    expect(row).toEqual({ code: '4415', name: 'Hosting', type: 'EXPENSE', rgs_code: 'WBedKanKoa' });
    expect(
      (
        await post(kit, b.adminToken, {
          administrationId: b.administrationId,
          lines: simpleLines('12.00', '4415'),
        })
      ).userErrors,
    ).toEqual([]);
  });

  test('createAccount userErrors: INVALID_ACCOUNT_CODE, DUPLICATE_ACCOUNT_CODE, EMPTY_NAME, TEXT_TOO_LONG, INVALID_RGS_CODE', async () => {
    const before = await countRows(kit, 'accounts', b.administrationId);
    expect(
      codes(
        (await create({ code: '44-15', name: 'x', type: 'EXPENSE' })).data!.createAccount
          .userErrors,
      ),
    ).toEqual([['INVALID_ACCOUNT_CODE', ['input', 'code']]]);
    expect(
      codes(
        (await create({ code: '1100', name: 'Bank 2', type: 'ASSET' })).data!.createAccount
          .userErrors,
      ),
    ).toEqual([['DUPLICATE_ACCOUNT_CODE', ['input', 'code']]]);
    expect(
      codes(
        (await create({ code: '4416', name: ' ', type: 'EXPENSE' })).data!.createAccount.userErrors,
      ),
    ).toEqual([['EMPTY_NAME', ['input', 'name']]]);
    expect(
      codes(
        (await create({ code: '4416', name: 'x'.repeat(201), type: 'EXPENSE' })).data!.createAccount
          .userErrors,
      ),
    ).toEqual([['TEXT_TOO_LONG', ['input', 'name']]]);
    expect(
      codes(
        (await create({ code: '4416', name: 'x', type: 'EXPENSE', rgsCode: 'kosten' })).data!
          .createAccount.userErrors,
      ),
    ).toEqual([['INVALID_RGS_CODE', ['input', 'rgsCode']]]);
    expect(await countRows(kit, 'accounts', b.administrationId)).toBe(before);
  });

  test('updateAccount renames and retypes an account with bookings, but not its code', async () => {
    const id = await accountId('4415');
    const renamed = await update({ accountId: id, name: 'Hosting en domeinen', rgsCode: '' });
    expect(renamed.data!.updateAccount).toEqual({
      account: { id, code: '4415', name: 'Hosting en domeinen', type: 'EXPENSE', rgsCode: null },
      userErrors: [],
    });
    expect(
      codes((await update({ accountId: id, code: '4416' })).data!.updateAccount.userErrors),
    ).toEqual([['ACCOUNT_HAS_BOOKINGS', ['input', 'code']]]);
    const [row] = await kit.ledgerDb.query(`SELECT code FROM ledger.accounts WHERE id = $1`, [id]);
    expect(row.code).toBe('4415');
  });

  test('updateAccount changes the code of an account without bookings; other userErrors', async () => {
    const fresh = (await create({ code: '4417', name: 'Tijdelijk', type: 'EXPENSE' })).data!
      .createAccount.account!;
    const moved = await update({
      accountId: fresh.id,
      code: '4418',
      type: 'LIABILITY',
      rgsCode: 'BSchOvsOvs',
    });
    expect(moved.data!.updateAccount.account).toMatchObject({
      code: '4418',
      type: 'LIABILITY',
      rgsCode: 'BSchOvsOvs',
    });
    expect(
      codes((await update({ accountId: fresh.id, code: '1100' })).data!.updateAccount.userErrors),
    ).toEqual([['DUPLICATE_ACCOUNT_CODE', ['input', 'code']]]);
    expect(
      codes((await update({ accountId: fresh.id, code: '!' })).data!.updateAccount.userErrors),
    ).toEqual([['INVALID_ACCOUNT_CODE', ['input', 'code']]]);
    expect(
      codes((await update({ accountId: fresh.id, name: '' })).data!.updateAccount.userErrors),
    ).toEqual([['EMPTY_NAME', ['input', 'name']]]);
    expect(
      codes((await update({ accountId: fresh.id, rgsCode: 'Bx' })).data!.updateAccount.userErrors),
    ).toEqual([['INVALID_RGS_CODE', ['input', 'rgsCode']]]);
    expect(
      codes(
        (await update({ accountId: '00000000-0000-4000-8000-000000000000', name: 'x' })).data!
          .updateAccount.userErrors,
      ),
    ).toEqual([['ACCOUNT_NOT_FOUND', ['input', 'accountId']]]);
  });

  test('setAccountBlocked blocks new postings (history stays) and unblocks', async () => {
    const id = await accountId('4415');
    const blocked = await kit.gql<{
      setAccountBlocked: { account: { blocked: boolean }; userErrors: UserErrorData[] };
    }>(b.adminToken, BLOCK, {
      input: { administrationId: b.administrationId, accountId: id, blocked: true },
    });
    expect(blocked.data!.setAccountBlocked).toEqual({
      account: { code: '4415', blocked: true },
      userErrors: [],
    });
    const refused = await post(kit, b.adminToken, {
      administrationId: b.administrationId,
      lines: simpleLines('1.00', '4415'),
    });
    expect(codes(refused.userErrors)).toEqual([
      ['ACCOUNT_BLOCKED', ['input', 'lines', '0', 'accountCode']],
    ]);
    await kit.gql(b.adminToken, BLOCK, {
      input: { administrationId: b.administrationId, accountId: id, blocked: false },
    });
    expect(
      (
        await post(kit, b.adminToken, {
          administrationId: b.administrationId,
          lines: simpleLines('1.00', '4415'),
        })
      ).userErrors,
    ).toEqual([]);
    const missing = await kit.gql<{ setAccountBlocked: { userErrors: UserErrorData[] } }>(
      b.adminToken,
      BLOCK,
      {
        input: { administrationId: b.administrationId, accountId: 'nope', blocked: true },
      },
    );
    expect(codes(missing.data!.setAccountBlocked.userErrors)).toEqual([
      ['ACCOUNT_NOT_FOUND', ['input', 'accountId']],
    ]);
  });

  test('deleteAccount: only without bookings and unused; otherwise ACCOUNT_HAS_BOOKINGS / ACCOUNT_IN_USE', async () => {
    const del = (id: string) =>
      kit.gql<{ deleteAccount: { accountId: string | null; userErrors: UserErrorData[] } }>(
        b.adminToken,
        DELETE,
        {
          input: { administrationId: b.administrationId, accountId: id },
        },
      );
    expect(codes((await del(await accountId('4415'))).data!.deleteAccount.userErrors)).toEqual([
      ['ACCOUNT_HAS_BOOKINGS', ['input', 'accountId']],
    ]);
    expect(codes((await del(await accountId('1500'))).data!.deleteAccount.userErrors)).toEqual([
      ['ACCOUNT_IN_USE', ['input', 'accountId']],
    ]);
    expect(codes((await del(await accountId('1100'))).data!.deleteAccount.userErrors)).toEqual([
      ['ACCOUNT_HAS_BOOKINGS', ['input', 'accountId']],
    ]);
    // A draft line counts as a booking too.
    await kit.gql(
      b.adminToken,
      `mutation($input: CreateDraftJournalEntryInput!) { createDraftJournalEntry(input: $input) { userErrors { code } } }`,
      {
        input: {
          administrationId: b.administrationId,
          date: '2026-01-01',
          description: 'x',
          lines: simpleLines('1.00', '4418', '4010'),
        },
      },
    );
    expect(codes((await del(await accountId('4010'))).data!.deleteAccount.userErrors)).toEqual([
      ['ACCOUNT_HAS_BOOKINGS', ['input', 'accountId']],
    ]);
    const unused = await accountId('4020');
    expect((await del(unused)).data!.deleteAccount).toEqual({ accountId: unused, userErrors: [] });
    expect(await countRows(kit, 'accounts', b.administrationId)).toBe(
      DEFAULT_ACCOUNTS.length + 2 - 1,
    );
    expect(codes((await del(unused)).data!.deleteAccount.userErrors)).toEqual([
      ['ACCOUNT_NOT_FOUND', ['input', 'accountId']],
    ]);
  });

  test('setVatCodeBlocked blocks a VAT code for new postings; VAT_CODE_NOT_FOUND', async () => {
    const r = await kit.gql<{
      setVatCodeBlocked: {
        vatCode: { code: string; blocked: boolean };
        userErrors: UserErrorData[];
      };
    }>(b.adminToken, BLOCK_VAT, {
      input: { administrationId: b.administrationId, code: 'v9', blocked: true },
    });
    expect(r.data!.setVatCodeBlocked).toEqual({
      vatCode: { code: 'V9', blocked: true },
      userErrors: [],
    });
    const refused = await post(kit, b.adminToken, {
      administrationId: b.administrationId,
      lines: [
        { accountCode: '1300', debit: '109.00' },
        { accountCode: '8010', credit: '100.00', vatCode: 'V9' },
      ],
    });
    expect(codes(refused.userErrors)).toEqual([
      ['VAT_CODE_BLOCKED', ['input', 'lines', '1', 'vatCode']],
    ]);
    const missing = await kit.gql<{ setVatCodeBlocked: { userErrors: UserErrorData[] } }>(
      b.adminToken,
      BLOCK_VAT,
      {
        input: { administrationId: b.administrationId, code: 'V99', blocked: true },
      },
    );
    expect(codes(missing.data!.setVatCodeBlocked.userErrors)).toEqual([
      ['VAT_CODE_NOT_FOUND', ['input', 'code']],
    ]);
  });

  test('a viewer with LEDGER_WRITE but not ADMINISTRATION_MANAGE gets FORBIDDEN on each; nothing changes', async () => {
    const writer = await userWith(kit, b, ['LEDGER_READ', 'LEDGER_WRITE']);
    const id = await accountId('4030');
    const before = await kit.ledgerDb.query(
      `SELECT code, name, blocked FROM ledger.accounts WHERE administration_id = $1 ORDER BY code`,
      [b.administrationId],
    );
    const attempts = [
      await create({ code: '4999', name: 'x', type: 'EXPENSE' }, writer),
      await update({ accountId: id, name: 'x' }, writer),
      await kit.gql(writer, BLOCK, {
        input: { administrationId: b.administrationId, accountId: id, blocked: true },
      }),
      await kit.gql(writer, DELETE, {
        input: { administrationId: b.administrationId, accountId: id },
      }),
      await kit.gql(writer, BLOCK_VAT, {
        input: { administrationId: b.administrationId, code: 'V21', blocked: true },
      }),
    ];
    for (const r of attempts) expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(
      await kit.ledgerDb.query(
        `SELECT code, name, blocked FROM ledger.accounts WHERE administration_id = $1 ORDER BY code`,
        [b.administrationId],
      ),
    ).toEqual(before);
    const [v21] = await kit.ledgerDb.query(
      `SELECT blocked FROM ledger.vat_codes WHERE administration_id = $1 AND code = 'V21'`,
      [b.administrationId],
    );
    expect(v21.blocked).toBe(false);
  });

  test('an administration without open books: BOOKS_NOT_OPEN', async () => {
    const o = await makeOffice(kit);
    const a = await kit.make.administration({
      officeId: o.officeId,
      modules: ['INVOICING'],
      kind: 'EXTERNAL',
    });
    const r = await kit.gql<{ createAccount: AccountPayload }>(o.adminToken, CREATE, {
      input: { administrationId: a.id, code: '4999', name: 'x', type: 'EXPENSE' },
    });
    expect(codes(r.data!.createAccount.userErrors)).toEqual([
      ['BOOKS_NOT_OPEN', ['input', 'administrationId']],
    ]);
  });
});
