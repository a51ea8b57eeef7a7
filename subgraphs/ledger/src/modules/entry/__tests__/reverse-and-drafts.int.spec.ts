import {
  countRows,
  makeBooks,
  post,
  simpleLines,
  startLedgerKit,
  userWith,
  type Books,
  type EntryData,
  type LedgerKit,
  type UserErrorData,
} from '../../../__tests__/ledger-kit';

let kit: LedgerKit;

beforeAll(async () => {
  kit = await startLedgerKit();
});
afterAll(async () => {
  await kit?.stop();
});

const ENTRY = `id number date description lines { lineNo kind account { code } debit credit vatCode }`;
const REVERSE = `mutation($input: ReverseJournalEntryInput!) {
  reverseJournalEntry(input: $input) {
    entry { ${ENTRY} reverses { id number } }
    reversedEntry { id number reversedBy { id number } }
    userErrors { field message code }
  }
}`;
interface ReverseData {
  reverseJournalEntry: {
    entry: (EntryData & { reverses: { id: string; number: string } }) | null;
    reversedEntry: {
      id: string;
      number: string;
      reversedBy: { id: string; number: string };
    } | null;
    userErrors: UserErrorData[];
  };
}

const codes = (errors: UserErrorData[]) => errors.map((e) => [e.code, e.field]);

describe('reverseJournalEntry (LEDGER_WRITE)', () => {
  let b: Books;
  let sale: EntryData;
  beforeAll(async () => {
    b = await makeBooks(kit);
    sale = (
      await post(kit, b.adminToken, {
        administrationId: b.administrationId,
        date: '2026-02-10',
        description: 'Verkoop',
        lines: [
          { accountCode: '1300', debit: '121.00' },
          { accountCode: '8000', credit: '100.00', vatCode: 'V21' },
        ],
      })
    ).entry!;
  });

  const reverse = (input: Record<string, unknown>, token = b.adminToken) =>
    kit.gql<ReverseData>(token, REVERSE, {
      input: { administrationId: b.administrationId, ...input },
    });

  test('a viewer without LEDGER_WRITE gets FORBIDDEN; nothing is written', async () => {
    const reader = await userWith(kit, b, ['LEDGER_READ']);
    const r = await reverse({ entryId: sale.id }, reader);
    expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await countRows(kit, 'journal_entries', b.administrationId)).toBe(1);
  });

  test('books the mirror entry, VAT line included, with the next number, and links both', async () => {
    const r = await reverse({ entryId: sale.id, date: '2026-02-20' });
    expect(r.errors).toBeUndefined();
    const { entry, reversedEntry, userErrors } = r.data!.reverseJournalEntry;
    expect(userErrors).toEqual([]);
    expect(entry).toMatchObject({
      number: '2026-000002',
      date: '2026-02-20',
      description: 'Tegenboeking 2026-000001: Verkoop',
      reverses: { id: sale.id, number: '2026-000001' },
    });
    expect(entry!.lines.map((l) => [l.kind, l.account.code, l.debit, l.credit, l.vatCode])).toEqual(
      [
        ['ENTERED', '1300', '0.00', '121.00', null],
        ['ENTERED', '8000', '100.00', '0.00', 'V21'],
        ['VAT_DUE', '1500', '21.00', '0.00', 'V21'],
      ],
    );
    expect(reversedEntry).toEqual({
      id: sale.id,
      number: '2026-000001',
      reversedBy: { id: entry!.id, number: '2026-000002' },
    });
    const [stored] = await kit.ledgerDb.query(
      `SELECT reverses_entry_id FROM ledger.journal_entries WHERE id = $1`,
      [entry!.id],
    );
    expect(stored.reverses_entry_id).toBe(sale.id);
    // The books net to zero over both.
    const tb = await kit.gql<{ administration: { trialBalance: { rows: { balance: string }[] } } }>(
      b.adminToken,
      `query($id: ID!) { administration(id: $id) { trialBalance(from: "2026-01-01", to: "2026-12-31") { rows { balance } } } }`,
      { id: b.administrationId },
    );
    expect(tb.data!.administration.trialBalance.rows.every((row) => row.balance === '0.00')).toBe(
      true,
    );
  });

  test('an entry is reversed once (ALREADY_REVERSED); a reversal is not reversed (CANNOT_REVERSE_REVERSAL)', async () => {
    const again = await reverse({ entryId: sale.id });
    expect(codes(again.data!.reverseJournalEntry.userErrors)).toEqual([
      ['ALREADY_REVERSED', ['input', 'entryId']],
    ]);
    const [reversal] = await kit.ledgerDb.query(
      `SELECT id FROM ledger.journal_entries WHERE reverses_entry_id = $1`,
      [sale.id],
    );
    const r = await reverse({ entryId: reversal.id });
    expect(codes(r.data!.reverseJournalEntry.userErrors)).toEqual([
      ['CANNOT_REVERSE_REVERSAL', ['input', 'entryId']],
    ]);
    expect(await countRows(kit, 'journal_entries', b.administrationId)).toBe(2);
  });

  test('two concurrent reversals: one wins, the other gets ALREADY_REVERSED', async () => {
    const e = (
      await post(kit, b.adminToken, {
        administrationId: b.administrationId,
        lines: simpleLines('5.00'),
      })
    ).entry!;
    const results = await Promise.all([reverse({ entryId: e.id }), reverse({ entryId: e.id })]);
    const errors = results.flatMap((r) =>
      r.data!.reverseJournalEntry.userErrors.map((x) => x.code),
    );
    expect(errors).toEqual(['ALREADY_REVERSED']);
  });

  test('unknown entry (ENTRY_NOT_FOUND), bad date (INVALID_DATE), locked period (PERIOD_LOCKED)', async () => {
    expect(
      codes(
        (await reverse({ entryId: '00000000-0000-4000-8000-000000000000' })).data!
          .reverseJournalEntry.userErrors,
      ),
    ).toEqual([['ENTRY_NOT_FOUND', ['input', 'entryId']]]);
    const e = (
      await post(kit, b.adminToken, {
        administrationId: b.administrationId,
        date: '2026-06-01',
        lines: simpleLines('5.00'),
      })
    ).entry!;
    expect(
      codes(
        (await reverse({ entryId: e.id, date: '2026-06-31' })).data!.reverseJournalEntry.userErrors,
      ),
    ).toEqual([['INVALID_DATE', ['input', 'date']]]);
    expect(
      codes(
        (await reverse({ entryId: e.id, description: ' ' })).data!.reverseJournalEntry.userErrors,
      ),
    ).toEqual([['EMPTY_DESCRIPTION', ['input', 'description']]]);
    await kit.ledgerDb.query(
      `INSERT INTO ledger.locked_periods (administration_id, start_date, end_date, source) VALUES ($1, '2026-06-01', '2026-06-30', 'USER')`,
      [b.administrationId],
    );
    expect(codes((await reverse({ entryId: e.id })).data!.reverseJournalEntry.userErrors)).toEqual([
      ['PERIOD_LOCKED', ['input', 'date']],
    ]);
    // Reversing into an open period is the way to correct a locked one.
    const ok = await reverse({ entryId: e.id, date: '2026-07-01', idempotencyKey: 'rev-1' });
    expect(ok.data!.reverseJournalEntry.userErrors).toEqual([]);
    const retry = await reverse({ entryId: e.id, date: '2026-07-01', idempotencyKey: 'rev-1' });
    expect(retry.data!.reverseJournalEntry.entry!.id).toBe(ok.data!.reverseJournalEntry.entry!.id);
  });
});

const DRAFT = `id date description journal { code } totalDebit totalCredit lines { account { code } debit credit vatCode description }`;
const CREATE_DRAFT = `mutation($input: CreateDraftJournalEntryInput!) {
  createDraftJournalEntry(input: $input) { draft { ${DRAFT} } userErrors { field message code } }
}`;
const UPDATE_DRAFT = `mutation($input: UpdateDraftJournalEntryInput!) {
  updateDraftJournalEntry(input: $input) { draft { ${DRAFT} } userErrors { field message code } }
}`;
const DELETE_DRAFT = `mutation($input: DeleteDraftJournalEntryInput!) {
  deleteDraftJournalEntry(input: $input) { draftId userErrors { field message code } }
}`;
const POST_DRAFT = `mutation($input: PostDraftJournalEntryInput!) {
  postDraftJournalEntry(input: $input) { entry { ${ENTRY} } userErrors { field message code } }
}`;

interface DraftData {
  id: string;
  date: string;
  description: string;
  journal: { code: string };
  totalDebit: string;
  totalCredit: string;
  lines: { account: { code: string }; debit: string; credit: string; vatCode: string | null }[];
}
type DraftPayload = { draft: DraftData | null; userErrors: UserErrorData[] };

describe('draft entries (te boeken journaalposten)', () => {
  let b: Books;
  beforeAll(async () => {
    b = await makeBooks(kit);
  });

  async function create(input: Record<string, unknown>, token = b.adminToken) {
    const r = await kit.gql<{ createDraftJournalEntry: DraftPayload }>(token, CREATE_DRAFT, {
      input: {
        administrationId: b.administrationId,
        date: '2026-04-01',
        description: 'Concept',
        ...input,
      },
    });
    return r;
  }
  const status = async () =>
    (
      await kit.gql<{
        administration: { ledgerStatus: { draftEntries: number; lastBookingDate: string | null } };
      }>(
        b.adminToken,
        `query($id: ID!) { administration(id: $id) { ledgerStatus { draftEntries lastBookingDate unprocessedBankTransactions } } }`,
        { id: b.administrationId },
      )
    ).data!.administration.ledgerStatus;

  test('saved without a number (may be unbalanced), edited, then posted with the full checks', async () => {
    const created = await create({
      journalCode: 'INK',
      lines: [
        { accountCode: '4400', debit: '50.00', vatCode: 'I21' },
        { accountCode: '1600', credit: '50.00' },
      ],
    });
    const draft = created.data!.createDraftJournalEntry.draft!;
    expect(created.data!.createDraftJournalEntry.userErrors).toEqual([]);
    expect(draft).toMatchObject({
      date: '2026-04-01',
      journal: { code: 'INK' },
      totalDebit: '50.00',
      totalCredit: '50.00',
    });
    expect(await countRows(kit, 'journal_entries', b.administrationId)).toBe(0);
    expect(await status()).toEqual({
      draftEntries: 1,
      lastBookingDate: null,
      unprocessedBankTransactions: 0,
    });

    // Posting it as it is: 50 + 10.50 VAT against 50 does not balance.
    const unbalanced = await kit.gql<{ postDraftJournalEntry: { userErrors: UserErrorData[] } }>(
      b.adminToken,
      POST_DRAFT,
      {
        input: { administrationId: b.administrationId, draftId: draft.id },
      },
    );
    expect(codes(unbalanced.data!.postDraftJournalEntry.userErrors)).toEqual([
      ['UNBALANCED_ENTRY', ['draft', 'lines']],
    ]);

    const updated = await kit.gql<{ updateDraftJournalEntry: DraftPayload }>(
      b.adminToken,
      UPDATE_DRAFT,
      {
        input: {
          administrationId: b.administrationId,
          draftId: draft.id,
          date: '2026-04-02',
          description: 'Inkoop kantoorartikelen',
          journalCode: 'INK',
          lines: [
            { accountCode: '4400', debit: '50.00', vatCode: 'I21' },
            { accountCode: '1600', credit: '60.50' },
          ],
        },
      },
    );
    expect(updated.data!.updateDraftJournalEntry.userErrors).toEqual([]);
    expect(
      updated.data!.updateDraftJournalEntry.draft!.lines.map((l) => [
        l.account.code,
        l.debit,
        l.credit,
      ]),
    ).toEqual([
      ['4400', '50.00', '0.00'],
      ['1600', '0.00', '60.50'],
    ]);

    const posted = await kit.gql<{
      postDraftJournalEntry: { entry: EntryData; userErrors: UserErrorData[] };
    }>(b.adminToken, POST_DRAFT, {
      input: { administrationId: b.administrationId, draftId: draft.id },
    });
    expect(posted.data!.postDraftJournalEntry.userErrors).toEqual([]);
    const entry = posted.data!.postDraftJournalEntry.entry;
    expect(entry).toMatchObject({
      id: draft.id,
      number: '2026-000001',
      date: '2026-04-02',
      description: 'Inkoop kantoorartikelen',
    });
    expect(entry.lines.map((l) => [l.kind, l.account.code, l.debit, l.credit])).toEqual([
      ['ENTERED', '4400', '50.00', '0.00'],
      ['VAT_INPUT', '1550', '10.50', '0.00'],
      ['ENTERED', '1600', '0.00', '60.50'],
    ]);
    expect(await countRows(kit, 'draft_entries', b.administrationId)).toBe(0);
    expect(await status()).toEqual({
      draftEntries: 0,
      lastBookingDate: '2026-04-02',
      unprocessedBankTransactions: 0,
    });
    // Posting it again: the draft is gone.
    const again = await kit.gql<{ postDraftJournalEntry: { userErrors: UserErrorData[] } }>(
      b.adminToken,
      POST_DRAFT,
      {
        input: { administrationId: b.administrationId, draftId: draft.id },
      },
    );
    expect(codes(again.data!.postDraftJournalEntry.userErrors)).toEqual([
      ['DRAFT_NOT_FOUND', ['input', 'draftId']],
    ]);
  });

  test('a draft is checked for its shape, accounts and VAT codes when saved', async () => {
    const r = await create({
      date: '2026-02-30',
      description: '',
      journalCode: 'XX',
      lines: [
        { accountCode: '4400', debit: 'ten' },
        { accountCode: '9876', credit: '1.00' },
        { accountCode: '1600', credit: '1.00', vatCode: 'NOPE' },
      ],
    });
    expect(codes(r.data!.createDraftJournalEntry.userErrors)).toEqual([
      ['INVALID_DATE', ['input', 'date']],
      ['EMPTY_DESCRIPTION', ['input', 'description']],
      ['INVALID_AMOUNT', ['input', 'lines', '0', 'debit']],
      ['UNKNOWN_ACCOUNT', ['input', 'lines', '1', 'accountCode']],
      ['UNKNOWN_VAT_CODE', ['input', 'lines', '2', 'vatCode']],
      ['UNKNOWN_JOURNAL', ['input', 'journalCode']],
    ]);
    expect(await countRows(kit, 'draft_entries', b.administrationId)).toBe(0);
  });

  test('posting a draft refuses blocked accounts and VAT codes, locked periods and no lines', async () => {
    const c = await makeBooks(kit);
    const mk = async (input: Record<string, unknown>) =>
      (
        await kit.gql<{ createDraftJournalEntry: DraftPayload }>(c.adminToken, CREATE_DRAFT, {
          input: {
            administrationId: c.administrationId,
            date: '2026-04-01',
            description: 'Concept',
            ...input,
          },
        })
      ).data!.createDraftJournalEntry.draft!;
    const postIt = async (draftId: string) =>
      (
        await kit.gql<{ postDraftJournalEntry: { userErrors: UserErrorData[] } }>(
          c.adminToken,
          POST_DRAFT,
          {
            input: { administrationId: c.administrationId, draftId },
          },
        )
      ).data!.postDraftJournalEntry.userErrors;
    const blocked = await mk({
      lines: [
        { accountCode: '4400', debit: '10.00', vatCode: 'I21' },
        { accountCode: '1600', credit: '12.10' },
      ],
    });
    // A draft needs lines when saved (NO_LINES); posting re-checks, should they be gone.
    const empty = await mk({ lines: simpleLines('1.00') });
    await kit.ledgerDb.query(`DELETE FROM ledger.draft_entry_lines WHERE draft_id = $1`, [
      empty.id,
    ]);
    await kit.ledgerDb.query(
      `UPDATE ledger.accounts SET blocked = true WHERE administration_id = $1 AND code = '1600'`,
      [c.administrationId],
    );
    await kit.ledgerDb.query(
      `UPDATE ledger.vat_codes SET blocked = true WHERE administration_id = $1 AND code = 'I21'`,
      [c.administrationId],
    );
    await kit.ledgerDb.query(
      `INSERT INTO ledger.locked_periods (administration_id, start_date, end_date, source) VALUES ($1, '2026-04-01', '2026-04-30', 'USER')`,
      [c.administrationId],
    );
    expect(codes(await postIt(blocked.id))).toEqual([
      ['VAT_CODE_BLOCKED', ['draft', 'lines', '0', 'vatCode']],
      ['ACCOUNT_BLOCKED', ['draft', 'lines', '1', 'accountCode']],
      ['PERIOD_LOCKED', ['draft', 'date']],
    ]);
    expect(codes(await postIt(empty.id))).toEqual([
      ['NO_LINES', ['draft', 'lines']],
      ['PERIOD_LOCKED', ['draft', 'date']],
    ]);
    expect(await countRows(kit, 'journal_entries', c.administrationId)).toBe(0);
    expect(await countRows(kit, 'draft_entries', c.administrationId)).toBe(2);
  });

  test('deleted; unknown drafts are DRAFT_NOT_FOUND; drafts list newest first', async () => {
    const one = (await create({ date: '2026-01-05', lines: simpleLines('1.00') })).data!
      .createDraftJournalEntry.draft!;
    const two = (await create({ date: '2026-01-06', lines: simpleLines('2.00') })).data!
      .createDraftJournalEntry.draft!;
    const list = await kit.gql<{
      administration: {
        draftJournalEntries: {
          totalCount: number;
          edges: { node: { id: string } }[];
          pageInfo: { hasNextPage: boolean; endCursor: string };
        };
      };
    }>(
      b.adminToken,
      `query($id: ID!) { administration(id: $id) { draftJournalEntries(first: 1) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } } }`,
      { id: b.administrationId },
    );
    const page = list.data!.administration.draftJournalEntries;
    expect(page.totalCount).toBe(2);
    expect(page.edges.map((e) => e.node.id)).toEqual([two.id]);
    expect(page.pageInfo.hasNextPage).toBe(true);
    // The next page after the cursor: the older draft, and nothing after it.
    const next = await kit.gql<{
      administration: {
        draftJournalEntries: {
          totalCount: number;
          edges: { node: { id: string } }[];
          pageInfo: { hasNextPage: boolean };
        };
      };
    }>(
      b.adminToken,
      `query($id: ID!, $after: String) { administration(id: $id) { draftJournalEntries(first: 5, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage } } } }`,
      { id: b.administrationId, after: page.pageInfo.endCursor },
    );
    expect(next.data!.administration.draftJournalEntries).toEqual({
      totalCount: 2,
      edges: [{ node: { id: one.id } }],
      pageInfo: { hasNextPage: false },
    });
    const bad = await kit.gql(
      b.adminToken,
      `query($id: ID!) { administration(id: $id) { draftJournalEntries(first: 5, after: "bm90LWEtY3Vyc29y") { totalCount } } }`,
      { id: b.administrationId },
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const del = await kit.gql<{
      deleteDraftJournalEntry: { draftId: string; userErrors: UserErrorData[] };
    }>(b.adminToken, DELETE_DRAFT, {
      input: { administrationId: b.administrationId, draftId: one.id },
    });
    expect(del.data!.deleteDraftJournalEntry).toEqual({ draftId: one.id, userErrors: [] });
    const again = await kit.gql<{ deleteDraftJournalEntry: { userErrors: UserErrorData[] } }>(
      b.adminToken,
      DELETE_DRAFT,
      {
        input: { administrationId: b.administrationId, draftId: one.id },
      },
    );
    expect(codes(again.data!.deleteDraftJournalEntry.userErrors)).toEqual([
      ['DRAFT_NOT_FOUND', ['input', 'draftId']],
    ]);
    const upd = await kit.gql<{ updateDraftJournalEntry: DraftPayload }>(
      b.adminToken,
      UPDATE_DRAFT,
      {
        input: {
          administrationId: b.administrationId,
          draftId: one.id,
          date: '2026-01-01',
          description: 'x',
          lines: simpleLines('1.00'),
        },
      },
    );
    expect(codes(upd.data!.updateDraftJournalEntry.userErrors)).toEqual([
      ['DRAFT_NOT_FOUND', ['input', 'draftId']],
    ]);
  });

  test('a viewer without LEDGER_WRITE gets FORBIDDEN on every draft mutation; nothing changes', async () => {
    const reader = await userWith(kit, b, ['LEDGER_READ']);
    const draft = (await create({ lines: simpleLines('3.00') })).data!.createDraftJournalEntry
      .draft!;
    const before = await countRows(kit, 'draft_entries', b.administrationId);
    const attempts = [
      await create({ lines: simpleLines('3.00') }, reader),
      await kit.gql(reader, UPDATE_DRAFT, {
        input: {
          administrationId: b.administrationId,
          draftId: draft.id,
          date: '2026-01-01',
          description: 'x',
          lines: simpleLines('9.00'),
        },
      }),
      await kit.gql(reader, DELETE_DRAFT, {
        input: { administrationId: b.administrationId, draftId: draft.id },
      }),
      await kit.gql(reader, POST_DRAFT, {
        input: { administrationId: b.administrationId, draftId: draft.id },
      }),
    ];
    for (const r of attempts) expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await countRows(kit, 'draft_entries', b.administrationId)).toBe(before);
    const [row] = await kit.ledgerDb.query(
      `SELECT sum(debit)::text AS d FROM ledger.draft_entry_lines WHERE draft_id = $1`,
      [draft.id],
    );
    expect(row.d).toBe('3.00');
    // The reader sees the draft.
    const seen = await kit.gql<{ administration: { draftJournalEntry: { id: string } } }>(
      reader,
      `query($id: ID!, $d: ID!) { administration(id: $id) { draftJournalEntry(id: $d) { id } } }`,
      { id: b.administrationId, d: draft.id },
    );
    expect(seen.data!.administration.draftJournalEntry.id).toBe(draft.id);
  });
});
