import { DomainError } from '@kantoor/platform';
import { camt053, camt053Statements, IBAN, someEntries } from '../../../__tests__/camt053-builder';
import {
  bankTransactions,
  countRows,
  CREATE_BANK_ACCOUNT,
  importStatement,
  makeBankAccount,
  makeBooks,
  PROCESS_TRANSACTION,
  startLedgerKit,
  trialBalance2026,
  userWith,
  type Books,
  type LedgerKit,
  type ProcessData,
  type UserErrorData,
} from '../../../__tests__/ledger-kit';
import { BankImportService, MAX_STATEMENT_BYTES } from '../bank-import.service';

let kit: LedgerKit;

beforeAll(async () => {
  kit = await startLedgerKit();
});
afterAll(async () => {
  await kit?.stop();
});

interface CreateData {
  createBankAccount: {
    bankAccount: {
      id: string;
      iban: string;
      name: string;
      journalCode: string;
      account: { code: string };
      journal: { code: string; type: string; iban: string };
    } | null;
    userErrors: UserErrorData[];
  };
}

async function createBankAccount(token: string, books: Books, input: Record<string, unknown>) {
  return kit.gql<CreateData>(token, CREATE_BANK_ACCOUNT, {
    input: { administrationId: books.administrationId, ...input },
  });
}

async function processTx(token: string, books: Books, input: Record<string, unknown>) {
  return kit.gql<ProcessData>(token, PROCESS_TRANSACTION, {
    input: { administrationId: books.administrationId, ...input },
  });
}

async function unprocessedInStatus(token: string, books: Books): Promise<number> {
  const r = await kit.gql<{
    administration: { ledgerStatus: { unprocessedBankTransactions: number } };
  }>(
    token,
    `query($id: ID!) { administration(id: $id) { ledgerStatus { unprocessedBankTransactions } } }`,
    {
      id: books.administrationId,
    },
  );
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!.administration.ledgerStatus.unprocessedBankTransactions;
}

/** Books with a bank account for IBAN.main and `entries` imported; returns the transactions. */
async function importedBooks(entries = someEntries(3)) {
  const books = await makeBooks(kit);
  const bankAccountId = await makeBankAccount(kit, books, IBAN.main);
  const r = await importStatement(
    kit,
    books.adminToken,
    books,
    bankAccountId,
    camt053(IBAN.main, entries),
  );
  expect(r.data?.importBankStatement.userErrors).toEqual([]);
  const { nodes } = await bankTransactions(kit, books.adminToken, books, bankAccountId);
  return { books, bankAccountId, transactions: nodes };
}

describe('createBankAccount (ADMINISTRATION_MANAGE)', () => {
  test('makes the bank journal the account of an IBAN (electronic format); a second one gets a new journal', async () => {
    const books = await makeBooks(kit);
    const first = await createBankAccount(books.adminToken, books, {
      iban: 'nl91 abna 0417 1643 00',
      name: 'ABN AMRO zakelijk',
    });
    expect(first.data!.createBankAccount).toEqual({
      bankAccount: {
        id: expect.any(String),
        iban: IBAN.main,
        name: 'ABN AMRO zakelijk',
        journalCode: 'BNK',
        account: { code: '1100' },
        journal: { code: 'BNK', type: 'BANK', iban: IBAN.main },
      },
      userErrors: [],
    });
    const second = await createBankAccount(books.adminToken, books, {
      iban: IBAN.savings,
      accountCode: '1110',
    });
    expect(second.data!.createBankAccount.bankAccount).toMatchObject({
      iban: IBAN.savings,
      name: `Bank ${IBAN.savings}`,
      journalCode: 'BNK2',
      account: { code: '1110' },
    });
    const listed = await kit.gql<{
      administration: { bankAccounts: { iban: string; journalCode: string }[] };
    }>(
      books.adminToken,
      `query($id: ID!) { administration(id: $id) { bankAccounts { iban journalCode } } }`,
      {
        id: books.administrationId,
      },
    );
    expect(listed.data!.administration.bankAccounts).toEqual([
      { iban: IBAN.main, journalCode: 'BNK' },
      { iban: IBAN.savings, journalCode: 'BNK2' },
    ]);
  });

  test('userErrors: INVALID_IBAN, DUPLICATE_IBAN, JOURNAL_IN_USE, UNKNOWN_JOURNAL, NOT_A_BALANCE_SHEET_ACCOUNT, UNKNOWN_ACCOUNT', async () => {
    const books = await makeBooks(kit);
    await makeBankAccount(kit, books, IBAN.main);
    const cases: [Record<string, unknown>, string, string[]][] = [
      [{ iban: 'NL91ABNA0417164301' }, 'INVALID_IBAN', ['input', 'iban']],
      [{ iban: 'NL91 ABNA 0417 1643 00' }, 'DUPLICATE_IBAN', ['input', 'iban']],
      [{ iban: IBAN.other, journalCode: 'mem' }, 'JOURNAL_IN_USE', ['input', 'journalCode']],
      [{ iban: IBAN.other, journalCode: 'BNK' }, 'JOURNAL_IN_USE', ['input', 'journalCode']],
      [{ iban: IBAN.other, journalCode: 'XYZ' }, 'UNKNOWN_JOURNAL', ['input', 'journalCode']],
      [
        { iban: IBAN.other, accountCode: '4000' },
        'NOT_A_BALANCE_SHEET_ACCOUNT',
        ['input', 'accountCode'],
      ],
      [{ iban: IBAN.other, accountCode: '1234' }, 'UNKNOWN_ACCOUNT', ['input', 'accountCode']],
    ];
    for (const [input, code, field] of cases) {
      const r = await createBankAccount(books.adminToken, books, input);
      expect([input, r.data!.createBankAccount.userErrors.map((e) => [e.code, e.field])]).toEqual([
        input,
        [[code, field]],
      ]);
    }
    const [row] = (await kit.ledgerDb.query(
      `SELECT count(*)::int AS n FROM ledger.journals WHERE administration_id = $1 AND iban IS NOT NULL`,
      [books.administrationId],
    )) as { n: number }[];
    expect(row!.n).toBe(1);
  });

  test('a MEMBER with LEDGER_READ and LEDGER_WRITE but without ADMINISTRATION_MANAGE: FORBIDDEN, nothing stored', async () => {
    const books = await makeBooks(kit);
    const member = await userWith(kit, books, ['LEDGER_READ', 'LEDGER_WRITE']);
    const r = await createBankAccount(member, books, { iban: IBAN.main });
    expect(r.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const [row] = (await kit.ledgerDb.query(
      `SELECT count(*)::int AS n FROM ledger.journals WHERE administration_id = $1 AND iban IS NOT NULL`,
      [books.administrationId],
    )) as { n: number }[];
    expect(row!.n).toBe(0);
    const manager = await userWith(kit, books, ['ADMINISTRATION_MANAGE']);
    const allowed = await createBankAccount(manager, books, { iban: IBAN.main });
    expect(allowed.data!.createBankAccount.userErrors).toEqual([]);
  });
});

describe('importBankStatement (LEDGER_WRITE)', () => {
  test('an imported statement shows its transactions as unprocessed, signed, oldest first', async () => {
    const books = await makeBooks(kit);
    const bankAccountId = await makeBankAccount(kit, books, IBAN.main);
    const writer = await userWith(kit, books, ['LEDGER_READ', 'LEDGER_WRITE']);
    const r = await importStatement(
      kit,
      writer,
      books,
      bankAccountId,
      camt053(
        IBAN.main,
        [
          ...someEntries(3),
          {
            amount: '7.00',
            direction: 'DBIT',
            bookingDate: '2026-03-04',
            status: 'PDNG',
          },
        ],
        { statementId: 'ST-2026-03' },
      ),
    );
    expect(r.data!.importBankStatement).toEqual({
      bankAccount: { id: bankAccountId, iban: IBAN.main },
      transactionCount: 3,
      newCount: 3,
      knownCount: 0,
      skippedCount: 1,
      statementIds: ['ST-2026-03'],
      userErrors: [],
    });
    const list = await bankTransactions(kit, writer, books, bankAccountId);
    expect(list.totalCount).toBe(3);
    expect(list.unprocessedCount).toBe(3);
    expect(list.nodes.map(({ id: _id, ...rest }) => rest)).toEqual([
      {
        bookingDate: '2026-03-01',
        valueDate: '2026-03-01',
        amount: '10.01',
        counterpartyName: 'Relatie 1',
        counterpartyIban: 'NL02ABNA0123456789',
        description: 'Factuur 1',
        endToEndId: 'E2E-1',
        bankReference: 'REF-1',
        processed: false,
        suggestion: null,
      },
      expect.objectContaining({ bookingDate: '2026-03-02', amount: '-20.02' }),
      expect.objectContaining({ bookingDate: '2026-03-03', amount: '30.03' }),
    ]);
    expect(await unprocessedInStatus(writer, books)).toBe(3);
  });

  test('re-importing the same file or an overlapping one stores no duplicates', async () => {
    const books = await makeBooks(kit);
    const bankAccountId = await makeBankAccount(kit, books, IBAN.main);
    const all = someEntries(9);
    const first = await importStatement(
      kit,
      books.adminToken,
      books,
      bankAccountId,
      camt053(IBAN.main, all.slice(0, 6)),
    );
    expect(first.data!.importBankStatement).toMatchObject({ newCount: 6, knownCount: 0 });
    const again = await importStatement(
      kit,
      books.adminToken,
      books,
      bankAccountId,
      camt053(IBAN.main, all.slice(0, 6)),
    );
    expect(again.data!.importBankStatement).toMatchObject({
      transactionCount: 6,
      newCount: 0,
      knownCount: 6,
    });
    const overlap = await importStatement(
      kit,
      books.adminToken,
      books,
      bankAccountId,
      camt053(IBAN.main, all.slice(3)),
    );
    expect(overlap.data!.importBankStatement).toMatchObject({
      transactionCount: 6,
      newCount: 3,
      knownCount: 3,
    });
    expect(await countRows(kit, 'bank_transactions', books.administrationId)).toBe(9);
    expect(await countRows(kit, 'bank_imports', books.administrationId)).toBe(3);

    // Without bank references: a stable hash; two identical payments in one file are two.
    const coffee = {
      amount: '3.50',
      direction: 'DBIT' as const,
      bookingDate: '2026-03-20',
      name: 'Koffiebar',
      iban: IBAN.other,
      remittance: 'Pinbetaling koffie',
    };
    const file = camt053(IBAN.main, [coffee, coffee, { ...coffee, amount: '4.00' }]);
    const noRefs = await importStatement(kit, books.adminToken, books, bankAccountId, file);
    expect(noRefs.data!.importBankStatement).toMatchObject({ newCount: 3, knownCount: 0 });
    const noRefsAgain = await importStatement(kit, books.adminToken, books, bankAccountId, file);
    expect(noRefsAgain.data!.importBankStatement).toMatchObject({ newCount: 0, knownCount: 3 });
    expect(await countRows(kit, 'bank_transactions', books.administrationId)).toBe(12);
  });

  test('refused as a whole, nothing stored: not CAMT.053, malformed, another IBAN, unknown account', async () => {
    const books = await makeBooks(kit);
    const bankAccountId = await makeBankAccount(kit, books, IBAN.main);
    const malformed = someEntries(3);
    malformed[2] = { ...malformed[2]!, amount: 'tien' };
    const cases: [string, string, string, string[]][] = [
      ['plain text', 'Dit is geen bankafschrift', 'NOT_CAMT053', ['input', 'camt053']],
      [
        'a camt.052 report',
        '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.052.001.02"><BkToCstmrAcctRpt/></Document>',
        'NOT_CAMT053',
        ['input', 'camt053'],
      ],
      [
        'a malformed entry',
        camt053(IBAN.main, malformed),
        'MALFORMED_STATEMENT',
        ['input', 'camt053', 'Stmt', '0', 'Ntry', '2', 'Amt'],
      ],
      [
        'another IBAN',
        camt053(IBAN.other, someEntries(2)),
        'IBAN_MISMATCH',
        ['input', 'camt053', 'Stmt', '0', 'Acct', 'Id', 'IBAN'],
      ],
      [
        'a second statement of another IBAN',
        camt053Statements([
          { iban: IBAN.main, entries: someEntries(2) },
          { iban: IBAN.other, entries: someEntries(2, 'X') },
        ]),
        'IBAN_MISMATCH',
        ['input', 'camt053', 'Stmt', '1', 'Acct', 'Id', 'IBAN'],
      ],
    ];
    for (const [what, file, code, field] of cases) {
      const r = await importStatement(kit, books.adminToken, books, bankAccountId, file);
      expect([what, r.data!.importBankStatement.userErrors.map((e) => [e.code, e.field])]).toEqual([
        what,
        [[code, field]],
      ]);
      expect(r.data!.importBankStatement.newCount).toBeNull();
    }
    const unknown = await importStatement(
      kit,
      books.adminToken,
      books,
      '00000000-0000-4000-8000-000000000000',
      camt053(IBAN.main, someEntries(1)),
    );
    expect(unknown.data!.importBankStatement.userErrors.map((e) => e.code)).toEqual([
      'BANK_ACCOUNT_NOT_FOUND',
    ]);
    expect(await countRows(kit, 'bank_transactions', books.administrationId)).toBe(0);
    expect(await countRows(kit, 'bank_imports', books.administrationId)).toBe(0);
  });

  test('a file over 5 MB: FILE_TOO_LARGE before it is parsed (service level: the gateway limit is lower)', async () => {
    const books = await makeBooks(kit);
    const bankAccountId = await makeBankAccount(kit, books, IBAN.main);
    const service = new BankImportService(kit.ledgerDb);
    const huge = camt053(IBAN.main, someEntries(1)).replace(
      '<BkToCstmrStmt>',
      `<BkToCstmrStmt><!-- ${'x'.repeat(MAX_STATEMENT_BYTES)} -->`,
    );
    const error = await service
      .importStatement(books.administrationId, bankAccountId, huge, null)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('FILE_TOO_LARGE');
    expect(await countRows(kit, 'bank_transactions', books.administrationId)).toBe(0);
  });

  test('parallel imports of one file store each transaction once', async () => {
    const books = await makeBooks(kit);
    const bankAccountId = await makeBankAccount(kit, books, IBAN.main);
    const file = camt053(IBAN.main, someEntries(20));
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        importStatement(kit, books.adminToken, books, bankAccountId, file),
      ),
    );
    for (const r of results) expect(r.data!.importBankStatement.userErrors).toEqual([]);
    const newCounts = results.map((r) => r.data!.importBankStatement.newCount!);
    expect(newCounts.reduce((a, b) => a + b, 0)).toBe(20);
    expect(results.every((r) => r.data!.importBankStatement.transactionCount === 20)).toBe(true);
    expect(await countRows(kit, 'bank_transactions', books.administrationId)).toBe(20);
  });

  test('a viewer with LEDGER_READ only: FORBIDDEN, nothing stored', async () => {
    const books = await makeBooks(kit);
    const bankAccountId = await makeBankAccount(kit, books, IBAN.main);
    const reader = await userWith(kit, books, ['LEDGER_READ', 'ADMINISTRATION_MANAGE']);
    const r = await importStatement(
      kit,
      reader,
      books,
      bankAccountId,
      camt053(IBAN.main, someEntries(2)),
    );
    expect(r.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(await countRows(kit, 'bank_transactions', books.administrationId)).toBe(0);
    expect(await countRows(kit, 'bank_imports', books.administrationId)).toBe(0);
    // ... and without LEDGER_READ the list of transactions is FORBIDDEN too.
    const noRead = await userWith(kit, books, ['ADMINISTRATION_MANAGE']);
    const list = await kit.gql(
      noRead,
      `query($id: ID!) { administration(id: $id) { bankAccounts { iban } } }`,
      { id: books.administrationId },
    );
    expect(list.errors?.map((e) => [e.path?.at(-1), e.extensions?.code])).toEqual([
      ['bankAccounts', 'FORBIDDEN'],
    ]);
  });
});

describe('processBankTransaction (LEDGER_WRITE)', () => {
  test('books balanced entries in the bank journal, with and without VAT; the trial balance moves', async () => {
    const { books, bankAccountId, transactions } = await importedBooks([
      {
        amount: '121.00',
        direction: 'CRDT',
        bookingDate: '2026-03-02',
        ref: 'IN-1',
        name: 'Bakkerij Jansen',
        remittance: 'Factuur 2026-001',
      },
      {
        amount: '10.00',
        direction: 'DBIT',
        bookingDate: '2026-03-03',
        ref: 'OUT-1',
        name: 'Office Centre',
      },
      {
        amount: '500.00',
        direction: 'DBIT',
        bookingDate: '2026-03-04',
        ref: 'OUT-2',
        name: 'Verhuurder',
      },
    ]);
    const writer = await userWith(kit, books, ['LEDGER_READ', 'LEDGER_WRITE']);
    expect(await trialBalance2026(kit, writer, books)).toEqual({});

    const sale = await processTx(writer, books, {
      transactionId: transactions[0]!.id,
      accountCode: '8000',
      vatCode: 'V21',
    });
    expect(sale.data!.processBankTransaction.userErrors).toEqual([]);
    const entry = sale.data!.processBankTransaction.entry!;
    expect(entry).toMatchObject({
      number: '2026-000001',
      date: '2026-03-02',
      description: 'Bakkerij Jansen: Factuur 2026-001',
      journal: { code: 'BNK' },
    });
    expect(entry.lines.map((l) => [l.kind, l.account.code, l.debit, l.credit, l.vatCode])).toEqual([
      ['ENTERED', '1100', '121.00', '0.00', null],
      ['ENTERED', '8000', '0.00', '100.00', 'V21'],
      ['VAT_DUE', '1500', '0.00', '21.00', 'V21'],
    ]);
    expect(sale.data!.processBankTransaction.transaction).toEqual({
      id: transactions[0]!.id,
      processed: true,
      entry: { id: entry.id },
    });

    // 10.00 including 21% VAT: net 8.26, VAT 1.74 (gross - net), not 8.26 x 21% = 1.73.
    const purchase = await processTx(writer, books, {
      transactionId: transactions[1]!.id,
      accountCode: '4400',
      vatCode: 'i21',
      description: 'Printpapier',
    });
    expect(
      purchase.data!.processBankTransaction.entry!.lines.map((l) => [
        l.kind,
        l.account.code,
        l.debit,
        l.credit,
      ]),
    ).toEqual([
      ['ENTERED', '1100', '0.00', '10.00'],
      ['ENTERED', '4400', '8.26', '0.00'],
      ['VAT_INPUT', '1550', '1.74', '0.00'],
    ]);
    const rent = await processTx(writer, books, {
      transactionId: transactions[2]!.id,
      accountCode: '4100',
    });
    expect(
      rent.data!.processBankTransaction.entry!.lines.map((l) => [
        l.account.code,
        l.debit,
        l.credit,
        l.vatCode,
      ]),
    ).toEqual([
      ['1100', '0.00', '500.00', null],
      ['4100', '500.00', '0.00', null],
    ]);

    expect(await trialBalance2026(kit, writer, books)).toEqual({
      '1100': '121.00/510.00',
      '1500': '0.00/21.00',
      '1550': '1.74/0.00',
      '4100': '500.00/0.00',
      '4400': '8.26/0.00',
      '8000': '0.00/100.00',
    });
    const left = await bankTransactions(kit, writer, books, bankAccountId);
    expect(left.totalCount).toBe(0);
    expect(left.unprocessedCount).toBe(0);
    expect(
      (await bankTransactions(kit, writer, books, bankAccountId, 'PROCESSED')).totalCount,
    ).toBe(3);
    expect(await unprocessedInStatus(writer, books)).toBe(0);
  });

  test('once: ALREADY_PROCESSED; bad input points at the field and books nothing', async () => {
    const { books, transactions } = await importedBooks(someEntries(2));
    const [a, b] = transactions;
    const first = await processTx(books.adminToken, books, {
      transactionId: a!.id,
      accountCode: '1300',
    });
    expect(first.data!.processBankTransaction.userErrors).toEqual([]);
    const again = await processTx(books.adminToken, books, {
      transactionId: a!.id,
      accountCode: '1300',
    });
    expect(again.data!.processBankTransaction.userErrors).toEqual([
      {
        code: 'ALREADY_PROCESSED',
        field: ['input', 'transactionId'],
        message: 'This transaction was booked already (entry 2026-000001).',
      },
    ]);
    const cases: [Record<string, unknown>, string, string[]][] = [
      [{ transactionId: b!.id, accountCode: '9876' }, 'UNKNOWN_ACCOUNT', ['input', 'accountCode']],
      [
        { transactionId: b!.id, accountCode: '4400', vatCode: 'X99' },
        'UNKNOWN_VAT_CODE',
        ['input', 'vatCode'],
      ],
      [
        { transactionId: b!.id, accountCode: '4400', date: '2026-02-30' },
        'INVALID_DATE',
        ['input', 'date'],
      ],
      [
        { transactionId: '00000000-0000-4000-8000-000000000000', accountCode: '4400' },
        'BANK_TRANSACTION_NOT_FOUND',
        ['input', 'transactionId'],
      ],
    ];
    for (const [input, code, field] of cases) {
      const r = await processTx(books.adminToken, books, input);
      expect([
        input,
        r.data!.processBankTransaction.userErrors.map((e) => [e.code, e.field]),
      ]).toEqual([input, [[code, field]]]);
    }
    // A locked period: PERIOD_LOCKED on the date; booked on another date it goes through.
    const lock = await kit.gql<{ lockPeriod: { userErrors: UserErrorData[] } }>(
      books.adminToken,
      `mutation($input: LockPeriodInput!) { lockPeriod(input: $input) { userErrors { code } } }`,
      { input: { administrationId: books.administrationId, from: '2026-03-01', to: '2026-03-31' } },
    );
    expect(lock.data!.lockPeriod.userErrors).toEqual([]);
    const locked = await processTx(books.adminToken, books, {
      transactionId: b!.id,
      accountCode: '4400',
    });
    expect(locked.data!.processBankTransaction.userErrors.map((e) => [e.code, e.field])).toEqual([
      ['PERIOD_LOCKED', ['input', 'date']],
    ]);
    expect(await countRows(kit, 'journal_entries', books.administrationId)).toBe(1);
    const moved = await processTx(books.adminToken, books, {
      transactionId: b!.id,
      accountCode: '4400',
      date: '2026-04-01',
    });
    expect(moved.data!.processBankTransaction.entry).toMatchObject({ date: '2026-04-01' });
  });

  test('parallel processing of one transaction books it once', async () => {
    const { books, transactions } = await importedBooks(someEntries(1));
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        processTx(books.adminToken, books, {
          transactionId: transactions[0]!.id,
          accountCode: '8900',
        }),
      ),
    );
    const codes = results.map((r) => r.data!.processBankTransaction.userErrors.map((e) => e.code));
    expect(codes.filter((c) => c.length === 0)).toHaveLength(1);
    expect(codes.filter((c) => c.length === 1 && c[0] === 'ALREADY_PROCESSED')).toHaveLength(5);
    expect(await countRows(kit, 'journal_entries', books.administrationId)).toBe(1);
  });

  test('a viewer with LEDGER_READ only: FORBIDDEN, nothing booked', async () => {
    const { books, transactions } = await importedBooks(someEntries(1));
    const reader = await userWith(kit, books, ['LEDGER_READ', 'ADMINISTRATION_MANAGE']);
    const r = await processTx(reader, books, {
      transactionId: transactions[0]!.id,
      accountCode: '8900',
    });
    expect(r.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(await countRows(kit, 'journal_entries', books.administrationId)).toBe(0);
    const [row] = (await kit.ledgerDb.query(
      `SELECT count(*)::int AS n FROM ledger.bank_transactions WHERE administration_id = $1 AND entry_id IS NULL`,
      [books.administrationId],
    )) as { n: number }[];
    expect(row!.n).toBe(1);
  });
});

describe('booking rules (createBankRule, ADMINISTRATION_MANAGE)', () => {
  const CREATE_RULE = `mutation($input: CreateBankRuleInput!) { createBankRule(input: $input) {
    rule { id counterpartyIban descriptionContains vatCode account { code } }
    userErrors { field code } } }`;
  interface RuleData {
    createBankRule: {
      rule: {
        id: string;
        counterpartyIban: string | null;
        descriptionContains: string | null;
        vatCode: string | null;
        account: { code: string };
      } | null;
      userErrors: { field: string[]; code: string }[];
    };
  }

  test('each unprocessed transaction shows the first matching rule as its suggestion', async () => {
    const { books, bankAccountId } = await importedBooks([
      {
        amount: '60.50',
        direction: 'DBIT',
        bookingDate: '2026-03-02',
        ref: 'A',
        name: 'KPN',
        iban: IBAN.other,
        remittance: 'Abonnement maart',
      },
      {
        amount: '80.00',
        direction: 'DBIT',
        bookingDate: '2026-03-03',
        ref: 'B',
        name: 'Shell',
        iban: IBAN.german,
        remittance: 'Tankstation Utrecht',
      },
      { amount: '15.00', direction: 'DBIT', bookingDate: '2026-03-04', ref: 'C', name: 'Onbekend' },
    ]);
    const rule = (input: Record<string, unknown>) =>
      kit.gql<RuleData>(books.adminToken, CREATE_RULE, {
        input: { administrationId: books.administrationId, ...input },
      });
    const byIban = await rule({
      counterpartyIban: 'nl39 rabo 0300 0652 64',
      accountCode: '4410',
      vatCode: 'i21',
    });
    expect(byIban.data!.createBankRule).toEqual({
      rule: {
        id: expect.any(String),
        counterpartyIban: IBAN.other,
        descriptionContains: null,
        vatCode: 'I21',
        account: { code: '4410' },
      },
      userErrors: [],
    });
    const byText = await rule({
      descriptionContains: 'TANKSTATION',
      accountCode: '4200',
      vatCode: 'I21',
    });
    const broader = await rule({ descriptionContains: 'e', accountCode: '4590' });
    const list = await bankTransactions(kit, books.adminToken, books, bankAccountId);
    expect(list.nodes.map((t) => t.suggestion)).toEqual([
      { ruleId: byIban.data!.createBankRule.rule!.id, accountCode: '4410', vatCode: 'I21' },
      { ruleId: byText.data!.createBankRule.rule!.id, accountCode: '4200', vatCode: 'I21' },
      { ruleId: broader.data!.createBankRule.rule!.id, accountCode: '4590', vatCode: null },
    ]);

    const errors = await Promise.all([
      rule({ accountCode: '4410' }),
      rule({ counterpartyIban: 'NL00XXXX', accountCode: '4410' }),
      rule({ descriptionContains: 'x', accountCode: '0000' }),
      rule({ descriptionContains: 'x', accountCode: '4410', vatCode: 'NOPE' }),
    ]);
    expect(
      errors.map((r) => r.data!.createBankRule.userErrors.map((e) => [e.code, e.field])),
    ).toEqual([
      [['RULE_NEEDS_CONDITION', ['input']]],
      [['INVALID_IBAN', ['input', 'counterpartyIban']]],
      [['UNKNOWN_ACCOUNT', ['input', 'accountCode']]],
      [['UNKNOWN_VAT_CODE', ['input', 'vatCode']]],
    ]);

    const deleted = await kit.gql<{ deleteBankRule: { ruleId: string; userErrors: unknown[] } }>(
      books.adminToken,
      `mutation($input: DeleteBankRuleInput!) { deleteBankRule(input: $input) { ruleId userErrors { code } } }`,
      {
        input: {
          administrationId: books.administrationId,
          ruleId: byText.data!.createBankRule.rule!.id,
        },
      },
    );
    expect(deleted.data!.deleteBankRule.userErrors).toEqual([]);
    const after = await bankTransactions(kit, books.adminToken, books, bankAccountId);
    expect(after.nodes[1]!.suggestion).toMatchObject({ accountCode: '4590' });
  });

  test('a MEMBER with LEDGER_WRITE but without ADMINISTRATION_MANAGE: FORBIDDEN, no rule stored', async () => {
    const books = await makeBooks(kit);
    const member = await userWith(kit, books, ['LEDGER_READ', 'LEDGER_WRITE']);
    const r = await kit.gql<RuleData>(member, CREATE_RULE, {
      input: {
        administrationId: books.administrationId,
        counterpartyIban: IBAN.other,
        accountCode: '4410',
      },
    });
    expect(r.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(await countRows(kit, 'bank_rules', books.administrationId)).toBe(0);
  });
});
