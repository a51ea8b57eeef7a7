/**
 * Issue 13, item 10: statement balances (OPBD/CLBD) are checked against the previous
 * statement and the ledger, a difference shows on the statement and as an open action; a
 * bank transaction equal to an entry booked by hand on the bank account is suggested as that
 * entry and can be linked to it. Through the gateway.
 */
import { camt053, IBAN, type CamtEntryIn } from '../../../__tests__/camt053-builder';
import {
  bankTransactions,
  countRows,
  importStatement,
  makeBankAccount,
  makeBooks,
  post,
  PROCESS_TRANSACTION,
  startLedgerKit,
  userWith,
  type Books,
  type LedgerKit,
  type ProcessData,
} from '../../../__tests__/ledger-kit';

let kit: LedgerKit;

beforeAll(async () => {
  kit = await startLedgerKit();
});
afterAll(async () => {
  await kit?.stop();
});

const entry = (
  amount: string,
  direction: 'CRDT' | 'DBIT',
  day: number,
  ref: string,
): CamtEntryIn => ({
  amount,
  direction,
  bookingDate: `2026-03-${String(day).padStart(2, '0')}`,
  ref,
  name: 'Relatie',
  iban: IBAN.other,
  remittance: `Betaling ${ref}`,
});

interface StatementData {
  statementId: string | null;
  openingBalance: string | null;
  closingBalance: string;
  previousClosingBalance: string | null;
  openingDifference: string | null;
  entriesDifference: string | null;
  ledgerBalance: string;
  unprocessedAmount: string;
  ledgerDifference: string;
  balanced: boolean;
}

async function statements(token: string, books: Books) {
  const r = await kit.gql<{
    administration: {
      bankAccounts: { statements: StatementData[] | null }[];
      ledgerStatus: { bankBalanceDifferences: number };
    };
  }>(
    token,
    `query($id: ID!) { administration(id: $id) {
      bankAccounts { statements { statementId openingBalance closingBalance previousClosingBalance
        openingDifference entriesDifference ledgerBalance unprocessedAmount ledgerDifference balanced } }
      ledgerStatus { bankBalanceDifferences } } }`,
    { id: books.administrationId },
  );
  return r;
}

async function importFile(books: Books, bankAccountId: string, file: string) {
  const r = await importStatement(kit, books.adminToken, books, bankAccountId, file);
  expect(r.data?.importBankStatement.userErrors).toEqual([]);
}

describe('statement balances (OPBD/CLBD)', () => {
  test('checked against the previous statement and the ledger; a difference is an open action', async () => {
    const books = await makeBooks(kit);
    // The ledger knows the opening balance of the bank: 1,000.
    await post(kit, books.adminToken, {
      administrationId: books.administrationId,
      date: '2026-01-01',
      lines: [
        { accountCode: '1100', debit: '1000.00' },
        { accountCode: '0700', credit: '1000.00' },
      ],
    });
    const bankAccountId = await makeBankAccount(kit, books, IBAN.main);
    await importFile(
      books,
      bankAccountId,
      camt053(IBAN.main, [entry('200.00', 'CRDT', 3, 'A1'), entry('50.00', 'DBIT', 4, 'A2')], {
        statementId: 'ST-1',
        opening: ['1000.00', '2026-03-01'],
        closing: ['1150.00', '2026-03-05'],
      }),
    );
    let r = await statements(books.adminToken, books);
    expect(r.errors).toBeUndefined();
    // Unprocessed transactions explain the difference between ledger and bank.
    expect(r.data!.administration.bankAccounts[0]!.statements).toEqual([
      {
        statementId: 'ST-1',
        openingBalance: '1000.00',
        closingBalance: '1150.00',
        previousClosingBalance: null,
        openingDifference: null,
        entriesDifference: '0.00',
        ledgerBalance: '1000.00',
        unprocessedAmount: '150.00',
        ledgerDifference: '0.00',
        balanced: true,
      },
    ]);
    expect(r.data!.administration.ledgerStatus.bankBalanceDifferences).toBe(0);

    // The next statement opens at 1,100 instead of 1,150 (one is missing), and a payment of
    // 30 was also booked by hand on the bank account with another amount (35).
    await post(kit, books.adminToken, {
      administrationId: books.administrationId,
      date: '2026-03-10',
      lines: [
        { accountCode: '4100', debit: '35.00' },
        { accountCode: '1100', credit: '35.00' },
      ],
    });
    await importFile(
      books,
      bankAccountId,
      camt053(IBAN.main, [entry('30.00', 'DBIT', 10, 'B1')], {
        statementId: 'ST-2',
        opening: ['1100.00', '2026-03-06'],
        closing: ['1070.00', '2026-03-12'],
      }),
    );
    r = await statements(books.adminToken, books);
    const [latest] = r.data!.administration.bankAccounts[0]!.statements!;
    expect(latest).toEqual({
      statementId: 'ST-2',
      openingBalance: '1100.00',
      closingBalance: '1070.00',
      previousClosingBalance: '1150.00',
      openingDifference: '-50.00',
      entriesDifference: '0.00',
      ledgerBalance: '965.00',
      unprocessedAmount: '120.00',
      ledgerDifference: '-15.00',
      balanced: false,
    });
    expect(r.data!.administration.ledgerStatus.bankBalanceDifferences).toBe(1);
    // Imported again: kept once.
    await importFile(
      books,
      bankAccountId,
      camt053(IBAN.main, [entry('30.00', 'DBIT', 10, 'B1')], {
        statementId: 'ST-2',
        opening: ['1100.00', '2026-03-06'],
        closing: ['1070.00', '2026-03-12'],
      }),
    );
    expect(await countRows(kit, 'bank_statements', books.administrationId)).toBe(2);
  });

  test('a viewer without LEDGER_READ sees no statements', async () => {
    const books = await makeBooks(kit);
    await makeBankAccount(kit, books, IBAN.main);
    const invoicingOnly = await userWith(kit, books, ['INVOICING_READ']);
    const r = await statements(invoicingOnly, books);
    expect(r.errors?.some((e) => e.extensions?.code === 'FORBIDDEN')).toBe(true);
  });
});

describe('a transaction booked by hand already', () => {
  test('is suggested as that entry and linked to it without a new booking', async () => {
    const books = await makeBooks(kit);
    const bankAccountId = await makeBankAccount(kit, books, IBAN.main);
    const byHand = await post(kit, books.adminToken, {
      administrationId: books.administrationId,
      date: '2026-03-02',
      description: 'Huur maart (met de hand)',
      lines: [
        { accountCode: '4100', debit: '750.00' },
        { accountCode: '1100', credit: '750.00' },
      ],
    });
    expect(byHand.userErrors).toEqual([]);
    await importFile(
      books,
      bankAccountId,
      camt053(IBAN.main, [entry('750.00', 'DBIT', 3, 'H1'), entry('80.00', 'DBIT', 3, 'H2')]),
    );
    const txs = (await bankTransactions(kit, books.adminToken, books, bankAccountId)).nodes;
    const rent = txs.find((t) => t.amount === '-750.00')!;
    const other = txs.find((t) => t.amount === '-80.00')!;
    const suggestions = await kit.gql<{
      administration: {
        bankAccounts: {
          transactions: {
            edges: { node: { id: string; suggestion: { entryId: string | null } | null } }[];
          };
        }[];
      };
    }>(
      books.adminToken,
      `query($id: ID!) { administration(id: $id) { bankAccounts { transactions(first: 10) { edges { node { id suggestion { entryId } } } } } } }`,
      { id: books.administrationId },
    );
    const byId = new Map(
      suggestions.data!.administration.bankAccounts[0]!.transactions.edges.map((e) => [
        e.node.id,
        e.node.suggestion?.entryId ?? null,
      ]),
    );
    expect(byId.get(rent.id)).toBe(byHand.entry!.id);
    expect(byId.get(other.id)).toBeNull();

    const entriesBefore = await countRows(kit, 'journal_entries', books.administrationId);
    const process = (input: Record<string, unknown>) =>
      kit.gql<ProcessData>(books.adminToken, PROCESS_TRANSACTION, {
        input: { administrationId: books.administrationId, ...input },
      });
    const wrong = await process({ transactionId: other.id, entryId: byHand.entry!.id });
    expect(wrong.data!.processBankTransaction.userErrors.map((e) => e.code)).toEqual([
      'ENTRY_MISMATCH',
    ]);
    const linked = await process({ transactionId: rent.id, entryId: byHand.entry!.id });
    expect(linked.data!.processBankTransaction.userErrors).toEqual([]);
    expect(linked.data!.processBankTransaction.transaction).toMatchObject({
      processed: true,
      entry: { id: byHand.entry!.id },
    });
    expect(await countRows(kit, 'journal_entries', books.administrationId)).toBe(entriesBefore);
    // The entry is taken now: it is no suggestion for another transaction of that amount.
    await importFile(books, bankAccountId, camt053(IBAN.main, [entry('750.00', 'DBIT', 4, 'H3')]));
    const again = (await bankTransactions(kit, books.adminToken, books, bankAccountId)).nodes.find(
      (t) => t.bankReference === 'H3',
    )!;
    const second = await process({ transactionId: again.id, entryId: byHand.entry!.id });
    expect(second.data!.processBankTransaction.userErrors.map((e) => e.code)).toEqual([
      'ALREADY_PROCESSED',
    ]);
  });
});
