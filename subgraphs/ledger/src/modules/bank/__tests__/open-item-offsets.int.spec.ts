/**
 * Issue 13, item 3: open items with the same reference offset each other automatically (a
 * credit note against its invoice, a payment booked by hand); one payment settles several
 * items together (settleOpenItems); the open-items list (debiteuren) is then right. Through
 * the gateway.
 */
import { camt053, IBAN, type CamtEntryIn } from '../../../__tests__/camt053-builder';
import {
  captureEvents,
  countRows,
  importStatement,
  makeBankAccount,
  makeBooks,
  post,
  startLedgerKit,
  trialBalance2026,
  userWith,
  type Books,
  type LedgerKit,
  type UserErrorData,
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

interface Item {
  id: string;
  reference: string;
  side: string;
  amount: string;
  openAmount: string;
}

async function openItems(books: Books, status: 'OPEN' | 'ALL' = 'OPEN'): Promise<Item[]> {
  const r = await kit.gql<{ administration: { openItems: { edges: { node: Item }[] } } }>(
    books.adminToken,
    `query($id: ID!, $status: OpenItemStatus) { administration(id: $id) {
      openItems(status: $status) { edges { node { id reference side amount openAmount } } } } }`,
    { id: books.administrationId, status },
  );
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!.administration.openItems.edges.map((e) => e.node);
}

const brief = (items: Item[]) => items.map((i) => [i.reference, i.side, i.amount, i.openAmount]);

/** A sales invoice (debit 1300) or a credit note of it (credit 1300), reference `ref`. */
async function sale(
  books: Books,
  ref: string,
  amount: string,
  creditNote = false,
  date = '2026-02-10',
) {
  const r = await post(kit, books.adminToken, {
    administrationId: books.administrationId,
    date,
    description: `${creditNote ? 'Creditnota' : 'Factuur'} ${ref}`,
    journalCode: 'VRK',
    lines: creditNote
      ? [
          { accountCode: '8000', debit: amount },
          { accountCode: '1300', credit: amount, reference: ref },
        ]
      : [
          { accountCode: '1300', debit: amount, reference: ref },
          { accountCode: '8000', credit: amount },
        ],
  });
  expect(r.userErrors).toEqual([]);
  return r.entry!;
}

const SETTLE = `mutation($input: SettleOpenItemsInput!) { settleOpenItems(input: $input) {
  openItems { id reference side amount openAmount }
  entry { id date description journal { code } lines { account { code } debit credit reference } }
  transaction { id processed }
  userErrors { field message code } } }`;

interface SettleData {
  settleOpenItems: {
    openItems: Item[] | null;
    entry: {
      id: string;
      date: string;
      description: string;
      journal: { code: string };
      lines: {
        account: { code: string };
        debit: string;
        credit: string;
        reference: string | null;
      }[];
    } | null;
    transaction: { id: string; processed: boolean } | null;
    userErrors: UserErrorData[];
  };
}

const settle = (token: string, books: Books, input: Record<string, unknown>) =>
  kit.gql<SettleData>(token, SETTLE, {
    input: { administrationId: books.administrationId, ...input },
  });

const moneyIn = (amount: string, remittance: string, day = 2): CamtEntryIn => ({
  amount,
  direction: 'CRDT',
  bookingDate: `2026-03-${String(day).padStart(2, '0')}`,
  ref: `REF-${amount}-${day}`,
  name: 'Bakkerij Jansen',
  iban: IBAN.other,
  remittance,
});

async function importTransactions(books: Books, entries: CamtEntryIn[]): Promise<string[]> {
  const bankAccountId = await makeBankAccount(kit, books, IBAN.main);
  const r = await importStatement(
    kit,
    books.adminToken,
    books,
    bankAccountId,
    camt053(IBAN.main, entries),
  );
  expect(r.data?.importBankStatement.userErrors).toEqual([]);
  const rows = (await kit.ledgerDb.query(
    `SELECT id FROM ledger.bank_transactions WHERE administration_id = $1 ORDER BY booking_date, amount`,
    [books.administrationId],
  )) as { id: string }[];
  return rows.map((x) => x.id);
}

describe('automatic offsetting by reference', () => {
  test('a credit note with the invoice reference offsets the invoice: neither stays open', async () => {
    const books = await makeBooks(kit);
    await sale(books, 'F2026-001', '218.00');
    await sale(books, 'F2026-001', '218.00', true, '2026-02-12');
    expect(await openItems(books)).toEqual([]);
    expect(brief(await openItems(books, 'ALL'))).toEqual([
      ['F2026-001', 'DEBIT', '218.00', '0.00'],
      ['F2026-001', 'CREDIT', '218.00', '0.00'],
    ]);
    // An offset is no payment: invoicing learns of credit notes itself.
    expect(await settledEvents(books.administrationId)).toEqual([]);
  });

  test('a partial credit note leaves the rest of the invoice open; a payment booked by hand settles it', async () => {
    const books = await makeBooks(kit);
    await sale(books, 'F2026-002', '218.00');
    await sale(books, 'F2026-002', '100.00', true, '2026-02-12');
    expect(brief(await openItems(books))).toEqual([['F2026-002', 'DEBIT', '218.00', '118.00']]);
    const paid = await post(kit, books.adminToken, {
      administrationId: books.administrationId,
      date: '2026-02-20',
      lines: [
        { accountCode: '1100', debit: '118.00' },
        { accountCode: '1300', credit: '118.00', reference: 'F2026-002' },
      ],
    });
    expect(paid.userErrors).toEqual([]);
    expect(await openItems(books)).toEqual([]);
    // A different reference or account offsets nothing.
    await sale(books, 'F2026-003', '50.00');
    await sale(books, 'F2026-004', '50.00', true);
    expect(brief(await openItems(books))).toEqual([
      ['F2026-003', 'DEBIT', '50.00', '50.00'],
      ['F2026-004', 'CREDIT', '50.00', '50.00'],
    ]);
  });

  test('reversing the credit note reopens the invoice', async () => {
    const books = await makeBooks(kit);
    await sale(books, 'F2026-005', '80.00');
    const note = await sale(books, 'F2026-005', '80.00', true);
    expect(await openItems(books)).toEqual([]);
    const r = await kit.gql<{ reverseJournalEntry: { userErrors: UserErrorData[] } }>(
      books.adminToken,
      `mutation($input: ReverseJournalEntryInput!) { reverseJournalEntry(input: $input) { userErrors { code } } }`,
      { input: { administrationId: books.administrationId, entryId: note.id } },
    );
    expect(r.data!.reverseJournalEntry.userErrors).toEqual([]);
    expect(brief(await openItems(books))).toEqual([['F2026-005', 'DEBIT', '80.00', '80.00']]);
  });
});

describe('settleOpenItems', () => {
  test('one payment across two invoices and a credit note: one bank entry, each line keeps its reference', async () => {
    const books = await makeBooks(kit);
    await sale(books, 'F2026-010', '100.00');
    await sale(books, 'F2026-011', '60.00');
    await sale(books, 'CN2026-001', '20.00', true);
    const [txId] = await importTransactions(books, [
      moneyIn('140.00', 'F2026-010 F2026-011 CN2026-001'),
    ]);
    const ids = Object.fromEntries((await openItems(books)).map((i) => [i.reference, i.id]));
    const r = await settle(books.adminToken, books, {
      transactionId: txId,
      openItemIds: [ids['CN2026-001'], ids['F2026-010'], ids['F2026-011']],
    });
    expect(r.errors).toBeUndefined();
    const p = r.data!.settleOpenItems;
    expect(p.userErrors).toEqual([]);
    expect(brief(p.openItems!)).toEqual([
      ['CN2026-001', 'CREDIT', '20.00', '0.00'],
      ['F2026-010', 'DEBIT', '100.00', '0.00'],
      ['F2026-011', 'DEBIT', '60.00', '0.00'],
    ]);
    expect(p.transaction).toEqual({ id: txId, processed: true });
    expect(p.entry!.journal.code).toBe('BNK');
    expect(p.entry!.lines.map((l) => [l.account.code, l.debit, l.credit, l.reference])).toEqual([
      ['1100', '140.00', '0.00', null],
      ['1300', '20.00', '0.00', 'CN2026-001'],
      ['1300', '0.00', '100.00', 'F2026-010'],
      ['1300', '0.00', '60.00', 'F2026-011'],
    ]);
    expect(await openItems(books)).toEqual([]);
    expect((await trialBalance2026(kit, books.adminToken, books))['1300']).toBe('180.00/180.00');
    const events = await settledEvents(books.administrationId);
    expect(events.map((e) => [e.reference, e.amount]).sort()).toEqual([
      ['CN2026-001', '-20.00'],
      ['F2026-010', '100.00'],
      ['F2026-011', '60.00'],
    ]);
    // Once: the transaction is processed now.
    const again = await settle(books.adminToken, books, {
      transactionId: txId,
      openItemIds: [ids['F2026-010']],
    });
    expect(again.data!.settleOpenItems.userErrors.map((e) => e.code)).toEqual([
      'ALREADY_PROCESSED',
    ]);
  });

  // The bank line on the credit side through settleOpenItems (bookBankTransaction's other
  // callers cover it through processBankTransaction), with the date and description given.
  test('money going out refunds two credit notes: the bank is credited, each note debited; date and description as given', async () => {
    const books = await makeBooks(kit);
    await sale(books, 'CN2026-050', '30.00', true);
    await sale(books, 'CN2026-051', '20.00', true);
    const [txId] = await importTransactions(books, [
      { ...moneyIn('50.00', 'Terugbetaling CN2026-050 CN2026-051', 5), direction: 'DBIT' },
    ]);
    const ids = Object.fromEntries((await openItems(books)).map((i) => [i.reference, i.id]));
    const r = await settle(books.adminToken, books, {
      transactionId: txId,
      openItemIds: [ids['CN2026-050'], ids['CN2026-051']],
      date: '2026-03-06',
      description: 'Terugbetaling creditnota',
    });
    expect(r.errors).toBeUndefined();
    const p = r.data!.settleOpenItems;
    expect(p.userErrors).toEqual([]);
    expect(p.entry).toMatchObject({
      date: '2026-03-06',
      description: 'Terugbetaling creditnota',
      journal: { code: 'BNK' },
    });
    expect(p.entry!.lines.map((l) => [l.account.code, l.debit, l.credit, l.reference])).toEqual([
      ['1100', '0.00', '50.00', null],
      ['1300', '30.00', '0.00', 'CN2026-050'],
      ['1300', '20.00', '0.00', 'CN2026-051'],
    ]);
    expect(p.transaction).toEqual({ id: txId, processed: true });
    expect(await openItems(books)).toEqual([]);
    const events = await settledEvents(books.administrationId);
    expect(events.map((e) => [e.reference, e.amount, e.date]).sort()).toEqual([
      ['CN2026-050', '-30.00', '2026-03-06'],
      ['CN2026-051', '-20.00', '2026-03-06'],
    ]);
  });

  test('the last item takes what remains (partial); more than the items: OPEN_ITEM_MISMATCH, nothing written', async () => {
    const books = await makeBooks(kit);
    await sale(books, 'F2026-020', '100.00');
    await sale(books, 'F2026-021', '60.00');
    const [small, large] = await importTransactions(books, [
      moneyIn('130.00', 'F2026-020 F2026-021', 3),
      moneyIn('500.00', 'te veel', 4),
    ]);
    const ids = (await openItems(books)).map((i) => i.id);
    const entriesBefore = await countRows(kit, 'journal_entries', books.administrationId);
    const tooMuch = await settle(books.adminToken, books, {
      transactionId: large,
      openItemIds: ids,
    });
    expect(tooMuch.data!.settleOpenItems.userErrors.map((e) => [e.code, e.field])).toEqual([
      ['OPEN_ITEM_MISMATCH', ['input', 'openItemIds']],
    ]);
    expect(await countRows(kit, 'journal_entries', books.administrationId)).toBe(entriesBefore);
    const ok = await settle(books.adminToken, books, { transactionId: small, openItemIds: ids });
    expect(ok.data!.settleOpenItems.userErrors).toEqual([]);
    expect(brief(await openItems(books))).toEqual([['F2026-021', 'DEBIT', '60.00', '30.00']]);
  });

  test('without a transaction: items that cancel out are offset (no entry); others OPEN_ITEM_MISMATCH', async () => {
    const books = await makeBooks(kit);
    await sale(books, 'F2026-030', '75.00');
    await sale(books, 'CN2026-030', '75.00', true);
    await sale(books, 'F2026-031', '10.00');
    const ids = Object.fromEntries((await openItems(books)).map((i) => [i.reference, i.id]));
    const entriesBefore = await countRows(kit, 'journal_entries', books.administrationId);
    const bad = await settle(books.adminToken, books, {
      openItemIds: [ids['F2026-031'], ids['CN2026-030']],
    });
    expect(bad.data!.settleOpenItems.userErrors.map((e) => e.code)).toEqual(['OPEN_ITEM_MISMATCH']);
    const r = await settle(books.adminToken, books, {
      openItemIds: [ids['F2026-030'], ids['CN2026-030']],
    });
    expect(r.data!.settleOpenItems.userErrors).toEqual([]);
    expect(r.data!.settleOpenItems.entry).toBeNull();
    expect(brief(await openItems(books))).toEqual([['F2026-031', 'DEBIT', '10.00', '10.00']]);
    expect(await countRows(kit, 'journal_entries', books.administrationId)).toBe(entriesBefore);
  });

  test('userErrors for unknown items; a viewer with only LEDGER_READ is FORBIDDEN and nothing is written', async () => {
    const books = await makeBooks(kit);
    await sale(books, 'F2026-040', '75.00');
    await sale(books, 'CN2026-040', '75.00', true);
    const ids = (await openItems(books)).map((i) => i.id);
    const unknown = await settle(books.adminToken, books, {
      openItemIds: [ids[0], '00000000-0000-4000-8000-000000000000:1'],
    });
    expect(unknown.data!.settleOpenItems.userErrors.map((e) => e.code)).toEqual([
      'OPEN_ITEM_NOT_FOUND',
    ]);
    const one = await settle(books.adminToken, books, { openItemIds: [ids[0]] });
    expect(one.data!.settleOpenItems.userErrors.map((e) => e.code)).toEqual(['NO_LINES']);
    const reader = await userWith(kit, books, ['LEDGER_READ']);
    const forbidden = await settle(reader, books, { openItemIds: ids });
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(brief(await openItems(books))).toHaveLength(2);
  });
});
