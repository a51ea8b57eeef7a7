import { camt053, IBAN, type CamtEntryIn } from '../../../__tests__/camt053-builder';
import {
  captureEvents,
  countRows,
  importStatement,
  makeBankAccount,
  makeBooks,
  post,
  PROCESS_TRANSACTION,
  startLedgerKit,
  trialBalance2026,
  userWith,
  type Books,
  type LedgerKit,
  type ProcessData,
} from '../../../__tests__/ledger-kit';

let kit: LedgerKit;
let settledEvents: Awaited<ReturnType<typeof captureEvents>>;

beforeAll(async () => {
  kit = await startLedgerKit();
  settledEvents = await captureEvents(kit, 'ledger.open-item-settled');
});
afterAll(async () => {
  await kit?.stop();
});

interface OpenItemData {
  id: string;
  accountCode: string;
  date: string;
  reference: string;
  description: string;
  side: string;
  amount: string;
  openAmount: string;
}

const OPEN_ITEMS = `query($id: ID!, $status: OpenItemStatus) { administration(id: $id) {
  openItems(status: $status) { totalCount edges { node { id accountCode date reference description side amount openAmount } } } } }`;

async function openItems(
  token: string,
  books: Books,
  status: 'OPEN' | 'ALL' = 'OPEN',
): Promise<OpenItemData[]> {
  const r = await kit.gql<{
    administration: { openItems: { totalCount: number; edges: { node: OpenItemData }[] } };
  }>(token, OPEN_ITEMS, {
    id: books.administrationId,
    status,
  });
  if (r.errors) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors)}`);
  const page = r.data!.administration.openItems;
  expect(page.totalCount).toBe(page.edges.length);
  return page.edges.map((e) => e.node);
}

interface TxData {
  id: string;
  amount: string;
  description: string | null;
  suggestion: {
    ruleId: string | null;
    accountCode: string | null;
    vatCode: string | null;
    openItemId: string | null;
  } | null;
}

async function transactions(token: string, books: Books): Promise<TxData[]> {
  const r = await kit.gql<{
    administration: { bankAccounts: { transactions: { edges: { node: TxData }[] } }[] };
  }>(
    token,
    `query($id: ID!) { administration(id: $id) { bankAccounts { transactions(first: 100) {
      edges { node { id amount description suggestion { ruleId accountCode vatCode openItemId } } } } } } }`,
    { id: books.administrationId },
  );
  if (r.errors) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors)}`);
  return r.data!.administration.bankAccounts[0]!.transactions.edges.map((e) => e.node);
}

async function processTx(token: string, books: Books, input: Record<string, unknown>) {
  return kit.gql<ProcessData>(token, PROCESS_TRANSACTION, {
    input: { administrationId: books.administrationId, ...input },
  });
}

/** A sale of 121.00 on 1300 with reference F2026-001 (or a purchase on 1600). */
async function postInvoice(
  books: Books,
  reference: string,
  amount = '121.00',
  kind: 'sale' | 'purchase' = 'sale',
) {
  const lines =
    kind === 'sale'
      ? [
          { accountCode: '1300', debit: amount, reference, description: `Factuur ${reference}` },
          { accountCode: '8000', credit: amount },
        ]
      : [
          { accountCode: '4100', debit: amount },
          { accountCode: '1600', credit: amount, reference },
        ];
  const r = await post(kit, books.adminToken, {
    administrationId: books.administrationId,
    date: '2026-02-10',
    description: `Factuur ${reference}`,
    journalCode: kind === 'sale' ? 'VRK' : 'INK',
    lines,
  });
  expect(r.userErrors).toEqual([]);
  return r.entry!;
}

/** Books with one invoice and a statement with `entries` imported on IBAN.main. */
async function booksWith(
  entries: CamtEntryIn[],
  invoices: [string, string, 'sale' | 'purchase'][],
) {
  const books = await makeBooks(kit);
  for (const [reference, amount, kind] of invoices)
    await postInvoice(books, reference, amount, kind);
  const bankAccountId = await makeBankAccount(kit, books, IBAN.main);
  const r = await importStatement(
    kit,
    books.adminToken,
    books,
    bankAccountId,
    camt053(IBAN.main, entries),
  );
  expect(r.data?.importBankStatement.userErrors).toEqual([]);
  const txs = await transactions(books.adminToken, books);
  const items = await openItems(books.adminToken, books);
  return { books, txs, items };
}

/** Money in; transactions are listed by booking date, so `day` orders them. */
const credit = (amount: string, remittance: string, ref: string, day = 2): CamtEntryIn => ({
  amount,
  direction: 'CRDT',
  bookingDate: `2026-03-${String(day).padStart(2, '0')}`,
  ref,
  name: 'Bakkerij Jansen',
  iban: IBAN.other,
  remittance,
});

describe('open items (openstaande posten)', () => {
  test('a posted line with a reference on 1300 is an open item; a line without reference or on another account is not', async () => {
    const books = await makeBooks(kit);
    const entry = await postInvoice(books, 'F2026-001');
    await post(kit, books.adminToken, {
      administrationId: books.administrationId,
      lines: [
        { accountCode: '1300', debit: '50.00' },
        { accountCode: '8000', credit: '50.00', reference: 'NOT-AN-ITEM' },
      ],
    });
    const items = await openItems(books.adminToken, books);
    expect(items).toEqual([
      {
        id: `${entry.id}:1`,
        accountCode: '1300',
        date: '2026-02-10',
        reference: 'F2026-001',
        description: 'Factuur F2026-001',
        side: 'DEBIT',
        amount: '121.00',
        openAmount: '121.00',
      },
    ]);
    const lines = await kit.gql<{
      administration: { journalEntry: { lines: { reference: string | null }[] } };
    }>(
      books.adminToken,
      `query($id: ID!, $e: ID!) { administration(id: $id) { journalEntry(id: $e) { lines { reference } } } }`,
      { id: books.administrationId, e: entry.id },
    );
    expect(lines.errors).toBeUndefined();
    expect(lines.data!.administration.journalEntry.lines.map((l) => l.reference)).toEqual([
      'F2026-001',
      null,
    ]);
  });

  test('a draft keeps the reference; its posted line becomes an open item', async () => {
    const books = await makeBooks(kit);
    const created = await kit.gql<{
      createDraftJournalEntry: {
        draft: { id: string; lines: { reference: string | null }[] } | null;
        userErrors: unknown[];
      };
    }>(
      books.adminToken,
      `mutation($input: CreateDraftJournalEntryInput!) { createDraftJournalEntry(input: $input) {
        draft { id lines { reference } } userErrors { code } } }`,
      {
        input: {
          administrationId: books.administrationId,
          date: '2026-02-11',
          description: 'Factuur F2026-010',
          lines: [
            { accountCode: '1300', debit: '30.00', reference: 'F2026-010' },
            { accountCode: '8000', credit: '30.00' },
          ],
        },
      },
    );
    expect(created.data!.createDraftJournalEntry.userErrors).toEqual([]);
    const draft = created.data!.createDraftJournalEntry.draft!;
    expect(draft.lines.map((l) => l.reference)).toEqual(['F2026-010', null]);
    const posted = await kit.gql<{ postDraftJournalEntry: { userErrors: unknown[] } }>(
      books.adminToken,
      `mutation($input: PostDraftJournalEntryInput!) { postDraftJournalEntry(input: $input) {
        entry { id } userErrors { code } } }`,
      { input: { administrationId: books.administrationId, draftId: draft.id } },
    );
    expect(posted.data!.postDraftJournalEntry.userErrors).toEqual([]);
    expect(
      (await openItems(books.adminToken, books)).map((i) => [i.reference, i.openAmount]),
    ).toEqual([['F2026-010', '30.00']]);
  });

  test('the suggestion proposes the open item; processing against it books a balanced entry and settles it', async () => {
    const { books, txs, items } = await booksWith(
      [credit('121.00', 'Betaling F2026-001 dank u', 'IN-1')],
      [['F2026-001', '121.00', 'sale']],
    );
    const [item] = items;
    expect(txs[0]!.suggestion).toEqual({
      ruleId: null,
      accountCode: '1300',
      vatCode: null,
      openItemId: item!.id,
    });
    const r = await processTx(books.adminToken, books, {
      transactionId: txs[0]!.id,
      openItemId: item!.id,
    });
    expect(r.errors).toBeUndefined();
    expect(r.data!.processBankTransaction.userErrors).toEqual([]);
    const entry = r.data!.processBankTransaction.entry!;
    expect(entry.journal.code).toBe('BNK');
    expect(entry.lines.map((l) => [l.account.code, l.debit, l.credit])).toEqual([
      ['1100', '121.00', '0.00'],
      ['1300', '0.00', '121.00'],
    ]);
    expect(r.data!.processBankTransaction.transaction!.processed).toBe(true);
    // The settlement line keeps the invoice's reference (issue 13, item 10): it shows as the
    // item's payment, settled too.
    const all = await openItems(books.adminToken, books, 'ALL');
    expect(all.map((i) => [i.id, i.reference, i.side, i.openAmount])).toEqual([
      [item!.id, item!.reference, 'DEBIT', '0.00'],
      [`${entry.id}:2`, item!.reference, 'CREDIT', '0.00'],
    ]);
    expect(await openItems(books.adminToken, books, 'OPEN')).toEqual([]);
    const tb = await trialBalance2026(kit, books.adminToken, books);
    expect(tb['1300']).toBe('121.00/121.00');
    expect(await countRows(kit, 'open_item_settlements', books.administrationId)).toBe(1);
  });

  test('a partial payment leaves the rest open; a settled item gives OPEN_ITEM_SETTLED', async () => {
    const { books, txs, items } = await booksWith(
      [
        credit('100.00', 'Deelbetaling F2026-002', 'IN-1'),
        credit('21.00', 'Rest F2026-002', 'IN-2', 3),
        credit('5.00', 'Nog eens F2026-002', 'IN-3', 4),
      ],
      [['F2026-002', '121.00', 'sale']],
    );
    const id = items[0]!.id;
    const first = await processTx(books.adminToken, books, {
      transactionId: txs[0]!.id,
      openItemId: id,
    });
    expect(first.data!.processBankTransaction.userErrors).toEqual([]);
    expect((await openItems(books.adminToken, books)).map((i) => [i.id, i.openAmount])).toEqual([
      [id, '21.00'],
    ]);
    // The 21.00 payment is still suggested for the rest; the 5.00 one too (it fits).
    const after = await transactions(books.adminToken, books);
    expect(after.map((t) => t.suggestion?.openItemId)).toEqual([id, id]);
    const second = await processTx(books.adminToken, books, {
      transactionId: txs[1]!.id,
      openItemId: id,
    });
    expect(second.data!.processBankTransaction.userErrors).toEqual([]);
    expect(await openItems(books.adminToken, books)).toEqual([]);
    const third = await processTx(books.adminToken, books, {
      transactionId: txs[2]!.id,
      openItemId: id,
    });
    expect(third.data!.processBankTransaction.userErrors.map((e) => [e.code, e.field])).toEqual([
      ['OPEN_ITEM_SETTLED', ['input', 'openItemId']],
    ]);
    expect((await transactions(books.adminToken, books))[0]!.suggestion).toBeNull();
    // Each settlement published ledger.open-item-settled in its transaction; the refused one none.
    const settlements = (await kit.ledgerDb.query(
      `SELECT id::text AS id FROM ledger.open_item_settlements WHERE administration_id = $1
        ORDER BY amount DESC`,
      [books.administrationId],
    )) as { id: string }[];
    expect(await settledEvents(books.administrationId)).toEqual([
      {
        administrationId: books.administrationId,
        reference: 'F2026-002',
        amount: '100.00',
        date: '2026-03-02',
        settlementId: settlements[0]!.id,
        openItemId: id,
      },
      {
        administrationId: books.administrationId,
        reference: 'F2026-002',
        amount: '21.00',
        date: '2026-03-03',
        settlementId: settlements[1]!.id,
        openItemId: id,
      },
    ]);
  });

  test('an outgoing payment settles a payable (1600)', async () => {
    const { books, txs, items } = await booksWith(
      [{ ...credit('60.50', 'Inkoop INK-77', 'OUT-1'), direction: 'DBIT' }],
      [['INK-77', '60.50', 'purchase']],
    );
    expect(items.map((i) => [i.accountCode, i.side])).toEqual([['1600', 'CREDIT']]);
    expect(txs[0]!.suggestion?.openItemId).toBe(items[0]!.id);
    const r = await processTx(books.adminToken, books, {
      transactionId: txs[0]!.id,
      openItemId: items[0]!.id,
    });
    expect(r.data!.processBankTransaction.userErrors).toEqual([]);
    expect(
      r.data!.processBankTransaction.entry!.lines.map((l) => [l.account.code, l.debit, l.credit]),
    ).toEqual([
      ['1100', '0.00', '60.50'],
      ['1600', '60.50', '0.00'],
    ]);
    expect(await openItems(books.adminToken, books)).toEqual([]);
    // Paying a payable: negative from the receivable's point of view.
    expect(
      (await settledEvents(books.administrationId)).map((e) => [e.reference, e.amount]),
    ).toEqual([['INK-77', '-60.50']]);
  });

  test('OPEN_ITEM_MISMATCH (too much, wrong direction), OPEN_ITEM_NOT_FOUND, ACCOUNT_OR_OPEN_ITEM: nothing booked', async () => {
    const { books, txs, items } = await booksWith(
      [
        credit('200.00', 'F2026-003', 'IN-1'),
        { ...credit('10.00', 'F2026-003', 'OUT-1', 3), direction: 'DBIT' },
      ],
      [['F2026-003', '121.00', 'sale']],
    );
    const id = items[0]!.id;
    // 200.00 exceeds the open amount: no suggestion either.
    expect(txs.map((t) => t.suggestion)).toEqual([null, null]);
    const codes = async (input: Record<string, unknown>) => {
      const r = await processTx(books.adminToken, books, input);
      expect(r.errors).toBeUndefined();
      return r.data!.processBankTransaction.userErrors.map((e) => e.code);
    };
    expect(await codes({ transactionId: txs[0]!.id, openItemId: id })).toEqual([
      'OPEN_ITEM_MISMATCH',
    ]);
    expect(await codes({ transactionId: txs[1]!.id, openItemId: id })).toEqual([
      'OPEN_ITEM_MISMATCH',
    ]);
    expect(await codes({ transactionId: txs[0]!.id, openItemId: `${id.split(':')[0]}:2` })).toEqual(
      ['OPEN_ITEM_NOT_FOUND'],
    );
    expect(await codes({ transactionId: txs[0]!.id, openItemId: 'nonsense' })).toEqual([
      'OPEN_ITEM_NOT_FOUND',
    ]);
    expect(await codes({ transactionId: txs[0]!.id })).toEqual(['ACCOUNT_OR_OPEN_ITEM']);
    expect(await codes({ transactionId: txs[0]!.id, openItemId: id, accountCode: '1300' })).toEqual(
      ['ACCOUNT_OR_OPEN_ITEM'],
    );
    expect(await codes({ transactionId: txs[0]!.id, openItemId: id, vatCode: 'V21' })).toEqual([
      'ACCOUNT_OR_OPEN_ITEM',
    ]);
    expect(await countRows(kit, 'open_item_settlements', books.administrationId)).toBe(0);
    expect(await countRows(kit, 'journal_entries', books.administrationId)).toBe(1);
    expect((await openItems(books.adminToken, books))[0]!.openAmount).toBe('121.00');
    expect(await settledEvents(books.administrationId)).toEqual([]);
  });

  test('two transactions settling one item at once: exactly one wins, the item is never overdrawn', async () => {
    const { books, txs, items } = await booksWith(
      [credit('121.00', 'F2026-004', 'IN-1'), credit('121.00', 'F2026-004 dubbel', 'IN-2')],
      [['F2026-004', '121.00', 'sale']],
    );
    const id = items[0]!.id;
    const results = await Promise.all(
      txs.map((t) => processTx(books.adminToken, books, { transactionId: t.id, openItemId: id })),
    );
    const outcomes = results
      .map((r) => r.data!.processBankTransaction.userErrors.map((e) => e.code).join() || 'OK')
      .sort();
    expect(outcomes).toEqual(['OK', 'OPEN_ITEM_SETTLED']);
    expect(await countRows(kit, 'open_item_settlements', books.administrationId)).toBe(1);
    expect(await settledEvents(books.administrationId)).toHaveLength(1);
    expect((await openItems(books.adminToken, books, 'ALL'))[0]!.openAmount).toBe('0.00');
  });

  test('a viewer without LEDGER_WRITE: FORBIDDEN, nothing written; openItems needs LEDGER_READ', async () => {
    const { books, txs, items } = await booksWith(
      [credit('121.00', 'F2026-005', 'IN-1')],
      [['F2026-005', '121.00', 'sale']],
    );
    const reader = await userWith(kit, books, ['LEDGER_READ']);
    expect((await openItems(reader, books)).map((i) => i.id)).toEqual([items[0]!.id]);
    const r = await processTx(reader, books, {
      transactionId: txs[0]!.id,
      openItemId: items[0]!.id,
    });
    expect(r.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(await countRows(kit, 'open_item_settlements', books.administrationId)).toBe(0);
    expect(await countRows(kit, 'journal_entries', books.administrationId)).toBe(1);

    const noRead = await userWith(kit, books, ['ADMINISTRATION_MANAGE']);
    const list = await kit.gql<{ administration: { id: string; openItems: unknown } }>(
      noRead,
      `query($id: ID!) { administration(id: $id) { id openItems { totalCount } } }`,
      { id: books.administrationId },
    );
    expect(list.errors?.map((e) => [e.path?.at(-1), e.extensions?.code])).toEqual([
      ['openItems', 'FORBIDDEN'],
    ]);
    expect(list.data?.administration).toEqual({ id: books.administrationId, openItems: null });
  });
});
