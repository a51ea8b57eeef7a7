import {
  countRows,
  makeBooks,
  post,
  POST,
  simpleLines,
  startLedgerKit,
  userWith,
  type Books,
  type LedgerKit,
  type PostData,
} from '../../../__tests__/ledger-kit';

let kit: LedgerKit;
let books: Books;

beforeAll(async () => {
  kit = await startLedgerKit();
  books = await makeBooks(kit);
});
afterAll(async () => {
  await kit?.stop();
});

describe('postJournalEntry (LEDGER_WRITE)', () => {
  test('a V21 sale of 100.00 books 121.00 with a 21.00 VAT line; what is stored matches', async () => {
    const r = await post(kit, books.adminToken, {
      administrationId: books.administrationId,
      date: '2026-03-02',
      description: 'Factuur 2026-001 Bakkerij Jansen',
      journalCode: 'VRK',
      lines: [
        { accountCode: '1300', debit: '121.00', description: 'Debiteur' },
        { accountCode: '8000', credit: '100.00', vatCode: 'V21' },
      ],
    });
    expect(r.userErrors).toEqual([]);
    expect(r.entry).toMatchObject({
      number: '2026-000001',
      date: '2026-03-02',
      description: 'Factuur 2026-001 Bakkerij Jansen',
    });
    expect(
      r.entry!.lines.map((l) => [l.lineNo, l.kind, l.account.code, l.debit, l.credit, l.vatCode]),
    ).toEqual([
      [1, 'ENTERED', '1300', '121.00', '0.00', null],
      [2, 'ENTERED', '8000', '0.00', '100.00', 'V21'],
      [3, 'VAT_DUE', '1500', '0.00', '21.00', 'V21'],
    ]);
    const stored = await kit.ledgerDb.query(
      `SELECT e.number, e.entry_date, j.code AS journal, l.line_no, a.code, l.debit::text, l.credit::text, l.vat_code, l.kind
         FROM ledger.journal_entries e
         JOIN ledger.journals j ON j.id = e.journal_id
         JOIN ledger.journal_entry_lines l ON l.entry_id = e.id
         JOIN ledger.accounts a ON a.id = l.account_id
        WHERE e.id = $1 ORDER BY l.line_no`,
      [r.entry!.id],
    );
    expect(stored).toEqual([
      {
        number: '2026-000001',
        entry_date: '2026-03-02',
        journal: 'VRK',
        line_no: 1,
        code: '1300',
        debit: '121.00',
        credit: '0.00',
        vat_code: null,
        kind: 'ENTERED',
      },
      {
        number: '2026-000001',
        entry_date: '2026-03-02',
        journal: 'VRK',
        line_no: 2,
        code: '8000',
        debit: '0.00',
        credit: '100.00',
        vat_code: 'V21',
        kind: 'ENTERED',
      },
      {
        number: '2026-000001',
        entry_date: '2026-03-02',
        journal: 'VRK',
        line_no: 3,
        code: '1500',
        debit: '0.00',
        credit: '21.00',
        vat_code: 'V21',
        kind: 'VAT_DUE',
      },
    ]);
    // The entry reads back through the administration, and defaults to the memoriaal journal otherwise.
    const read = await kit.gql<{
      administration: {
        journalEntry: { number: string; journal: { code: string }; postedAt: string };
      };
    }>(
      books.adminToken,
      `query($id: ID!, $entry: ID!) { administration(id: $id) { journalEntry(id: $entry) { number journal { code } postedAt } } }`,
      { id: books.administrationId, entry: r.entry!.id },
    );
    expect(read.data!.administration.journalEntry).toMatchObject({
      number: '2026-000001',
      journal: { code: 'VRK' },
    });
  });

  test('0.10 + 0.20 balances 0.30', async () => {
    const r = await post(kit, books.adminToken, {
      administrationId: books.administrationId,
      lines: [
        { accountCode: '4400', debit: '0.10' },
        { accountCode: '4410', debit: '0.20' },
        { accountCode: '1000', credit: '0.30' },
      ],
    });
    expect(r.userErrors).toEqual([]);
    expect(r.entry!.lines.map((l) => [l.debit, l.credit])).toEqual([
      ['0.10', '0.00'],
      ['0.20', '0.00'],
      ['0.00', '0.30'],
    ]);
  });

  test('a reverse-charge purchase (IVERL) adds the VAT due and the equal input VAT', async () => {
    const r = await post(kit, books.adminToken, {
      administrationId: books.administrationId,
      journalCode: 'ink',
      lines: [
        { accountCode: '7100', debit: '1000.00', vatCode: 'IVERL' },
        { accountCode: '1600', credit: '1000.00' },
      ],
    });
    expect(r.userErrors).toEqual([]);
    expect(r.entry!.lines.map((l) => [l.kind, l.account.code, l.debit, l.credit])).toEqual([
      ['ENTERED', '7100', '1000.00', '0.00'],
      ['VAT_DUE', '1500', '0.00', '210.00'],
      ['VAT_INPUT', '1550', '210.00', '0.00'],
      ['ENTERED', '1600', '0.00', '1000.00'],
    ]);
  });

  test('25 parallel posts to one administration get 25 consecutive numbers', async () => {
    const b = await makeBooks(kit);
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        post(kit, b.adminToken, {
          administrationId: b.administrationId,
          date: '2026-05-01',
          description: `Parallel ${i}`,
          lines: simpleLines('10.00'),
        }),
      ),
    );
    expect(results.flatMap((r) => r.userErrors)).toEqual([]);
    const numbers = results.map((r) => r.entry!.number).sort();
    expect(numbers).toEqual(
      Array.from({ length: 25 }, (_, i) => `2026-${String(i + 1).padStart(6, '0')}`),
    );
    // Another year starts at 1 again.
    const next = await post(kit, b.adminToken, {
      administrationId: b.administrationId,
      date: '2027-01-01',
      lines: simpleLines('1.00'),
    });
    expect(next.entry!.number).toBe('2027-000001');
    const years = await kit.gql<{
      administration: { fiscalYears: { year: number; entryCount: number }[] };
    }>(
      b.adminToken,
      `query($id: ID!) { administration(id: $id) { fiscalYears { year startDate endDate entryCount } } }`,
      { id: b.administrationId },
    );
    expect(years.data!.administration.fiscalYears).toEqual([
      { year: 2026, startDate: '2026-01-01', endDate: '2026-12-31', entryCount: 25 },
      { year: 2027, startDate: '2027-01-01', endDate: '2027-12-31', entryCount: 1 },
    ]);
  });

  test('an idempotencyKey makes a retried post return the first entry and book nothing new', async () => {
    const b = await makeBooks(kit);
    const input = {
      administrationId: b.administrationId,
      idempotencyKey: 'bank-import-0001',
      lines: simpleLines('50.00'),
    };
    const [first, second] = await Promise.all([
      post(kit, b.adminToken, input),
      post(kit, b.adminToken, input),
    ]);
    const third = await post(kit, b.adminToken, input);
    expect(first.entry!.id).toBe(second.entry!.id);
    expect(third.entry!.id).toBe(first.entry!.id);
    expect(await countRows(kit, 'journal_entries', b.administrationId)).toBe(1);
    // A losing concurrent duplicate rolled back whole, its number too: no gap follows.
    const next = await post(kit, b.adminToken, { ...input, idempotencyKey: 'bank-import-0002' });
    expect(next.entry!.number).toBe('2026-000002');
    // The same key in another administration is another booking.
    const other = await makeBooks(kit, b);
    const elsewhere = await post(kit, b.adminToken, {
      ...input,
      administrationId: other.administrationId,
    });
    expect(elsewhere.entry!.id).not.toBe(first.entry!.id);
    expect(elsewhere.entry!.number).toBe('2026-000001');
    const tooLong = await post(kit, b.adminToken, { ...input, idempotencyKey: 'k'.repeat(201) });
    expect(tooLong.userErrors).toEqual([
      expect.objectContaining({
        code: 'INVALID_IDEMPOTENCY_KEY',
        field: ['input', 'idempotencyKey'],
      }),
    ]);
  });
});

describe('bad input: userErrors pointing at the field, nothing booked', () => {
  let b: Books;
  beforeAll(async () => {
    b = await makeBooks(kit);
  });

  async function refused(
    input: Record<string, unknown>,
    expected: { code: string; field: string[] | null }[],
  ) {
    const before = await countRows(kit, 'journal_entry_lines', b.administrationId);
    const r = await post(kit, b.adminToken, {
      administrationId: b.administrationId,
      lines: simpleLines('10.00'),
      ...input,
    });
    expect(r.entry).toBeNull();
    expect(r.userErrors.map((e) => ({ code: e.code, field: e.field }))).toEqual(expected);
    for (const e of r.userErrors) expect(e.message.length).toBeGreaterThan(0);
    expect(await countRows(kit, 'journal_entry_lines', b.administrationId)).toBe(before);
    expect(await countRows(kit, 'journal_entries', b.administrationId)).toBe(0);
  }

  const line1 = (patch: Record<string, unknown>) => ({
    lines: [
      { accountCode: '4000', debit: '10.00' },
      { accountCode: '1100', ...patch },
    ],
  });

  test.each([
    ['ten', 'INVALID_AMOUNT'],
    ['1e3', 'INVALID_AMOUNT'],
    ['0.001', 'TOO_MANY_DECIMALS'],
    ['-10.00', 'AMOUNT_NOT_POSITIVE'],
    ['0.00', 'AMOUNT_NOT_POSITIVE'],
  ])('amount "%s": %s at [input, lines, 1, credit]', async (amount, code) => {
    await refused(line1({ credit: amount }), [{ code, field: ['input', 'lines', '1', 'credit'] }]);
  });

  test('an amount as a JSON number is refused by the Decimal scalar (BAD_USER_INPUT)', async () => {
    const variables = {
      input: {
        administrationId: b.administrationId,
        date: '2026-03-15',
        description: 'x',
        lines: [
          { accountCode: '4000', debit: 12.34 },
          { accountCode: '1100', credit: '12.34' },
        ],
      },
    };
    // The subgraph itself refuses the float while coercing the variables.
    const direct = await kit.system.subgraphs.ledger.query<PostData>(POST, {
      token: b.adminToken,
      variables,
    });
    expect(direct.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // Through the gateway the caller gets the subgraph's own error.
    const r = await kit.gql<PostData>(b.adminToken, POST, variables);
    expect(r.data?.postJournalEntry ?? null).toBeNull();
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await countRows(kit, 'journal_entries', b.administrationId)).toBe(0);
  });

  test('both or neither of debit and credit: DEBIT_OR_CREDIT', async () => {
    await refused(line1({ credit: '10.00', debit: '10.00' }), [
      { code: 'DEBIT_OR_CREDIT', field: ['input', 'lines', '1', 'credit'] },
    ]);
    await refused(line1({}), [{ code: 'DEBIT_OR_CREDIT', field: ['input', 'lines', '1'] }]);
  });

  test('an impossible date (2026-02-30): INVALID_DATE', async () => {
    await refused({ date: '2026-02-30' }, [{ code: 'INVALID_DATE', field: ['input', 'date'] }]);
  });

  test('an empty description: EMPTY_DESCRIPTION; too long: TEXT_TOO_LONG', async () => {
    await refused({ description: '   ' }, [
      { code: 'EMPTY_DESCRIPTION', field: ['input', 'description'] },
    ]);
    await refused({ description: 'x'.repeat(501) }, [
      { code: 'TEXT_TOO_LONG', field: ['input', 'description'] },
    ]);
  });

  test('no lines: NO_LINES; more than 1,000 lines: TOO_MANY_LINES', async () => {
    await refused({ lines: [] }, [{ code: 'NO_LINES', field: ['input', 'lines'] }]);
    const many = Array.from({ length: 1001 }, () => ({ accountCode: '4000', debit: '1' }));
    await refused({ lines: many }, [{ code: 'TOO_MANY_LINES', field: ['input', 'lines'] }]);
  });

  test('an unknown account: UNKNOWN_ACCOUNT; an unknown VAT code: UNKNOWN_VAT_CODE; an unknown journal', async () => {
    await refused(line1({ accountCode: '9876', credit: '10.00' }), [
      { code: 'UNKNOWN_ACCOUNT', field: ['input', 'lines', '1', 'accountCode'] },
    ]);
    await refused(line1({ credit: '10.00', vatCode: 'X99' }), [
      { code: 'UNKNOWN_VAT_CODE', field: ['input', 'lines', '1', 'vatCode'] },
    ]);
    await refused({ journalCode: 'NOPE' }, [
      { code: 'UNKNOWN_JOURNAL', field: ['input', 'journalCode'] },
    ]);
  });

  test('every bad line is reported at once', async () => {
    await refused(
      {
        date: '2026-13-01',
        lines: [
          { accountCode: '4000', debit: 'ten' },
          { accountCode: '0000', credit: '5.00' },
          { accountCode: '1100', credit: '0.001' },
        ],
      },
      [
        { code: 'INVALID_DATE', field: ['input', 'date'] },
        { code: 'INVALID_AMOUNT', field: ['input', 'lines', '0', 'debit'] },
        { code: 'TOO_MANY_DECIMALS', field: ['input', 'lines', '2', 'credit'] },
        { code: 'UNKNOWN_ACCOUNT', field: ['input', 'lines', '1', 'accountCode'] },
      ],
    );
  });

  test('unbalanced after the VAT lines: UNBALANCED_ENTRY', async () => {
    // 100 net + 21 VAT on the credit side against 100 debit.
    await refused(
      {
        lines: [
          { accountCode: '1300', debit: '100.00' },
          { accountCode: '8000', credit: '100.00', vatCode: 'V21' },
        ],
      },
      [{ code: 'UNBALANCED_ENTRY', field: ['input', 'lines'] }],
    );
    await refused(
      {
        lines: [
          { accountCode: '4000', debit: '0.10' },
          { accountCode: '1100', credit: '0.11' },
        ],
      },
      [{ code: 'UNBALANCED_ENTRY', field: ['input', 'lines'] }],
    );
  });

  test('a blocked account (ACCOUNT_BLOCKED) and a blocked VAT code (VAT_CODE_BLOCKED)', async () => {
    const c = await makeBooks(kit);
    await kit.ledgerDb.query(
      `UPDATE ledger.accounts SET blocked = true WHERE administration_id = $1 AND code = '4000'`,
      [c.administrationId],
    );
    await kit.ledgerDb.query(
      `UPDATE ledger.vat_codes SET blocked = true WHERE administration_id = $1 AND code = 'I21'`,
      [c.administrationId],
    );
    const r = await post(kit, c.adminToken, {
      administrationId: c.administrationId,
      lines: [
        { accountCode: '4000', debit: '10.00' },
        { accountCode: '4010', debit: '10.00', vatCode: 'I21' },
        { accountCode: '1100', credit: '22.10' },
      ],
    });
    expect(r.userErrors.map((e) => [e.code, e.field])).toEqual([
      ['ACCOUNT_BLOCKED', ['input', 'lines', '0', 'accountCode']],
      ['VAT_CODE_BLOCKED', ['input', 'lines', '1', 'vatCode']],
    ]);
    expect(await countRows(kit, 'journal_entries', c.administrationId)).toBe(0);
  });

  test('a date in a locked period: PERIOD_LOCKED', async () => {
    await kit.ledgerDb.query(
      `INSERT INTO ledger.locked_periods (administration_id, start_date, end_date, source) VALUES ($1, '2026-01-01', '2026-03-31', 'USER')`,
      [b.administrationId],
    );
    await refused({ date: '2026-03-31' }, [{ code: 'PERIOD_LOCKED', field: ['input', 'date'] }]);
    const after = await post(kit, b.adminToken, {
      administrationId: b.administrationId,
      date: '2026-04-01',
      lines: simpleLines('1.00'),
    });
    expect(after.userErrors).toEqual([]);
    await kit.ledgerDb.query(`DELETE FROM ledger.locked_periods WHERE administration_id = $1`, [
      b.administrationId,
    ]);
  });
});

describe('authorization', () => {
  test('a viewer with LEDGER_READ only gets FORBIDDEN and nothing is written', async () => {
    const b = await makeBooks(kit);
    for (const token of [
      await userWith(kit, b, ['LEDGER_READ']),
      await userWith(kit, b, ['INVOICING_READ', 'INVOICING_WRITE'], 'CLIENT'),
    ]) {
      const r = await kit.gql<PostData>(token, POST, {
        input: {
          administrationId: b.administrationId,
          date: '2026-03-15',
          description: 'x',
          lines: simpleLines('1.00'),
        },
      });
      expect(r.data?.postJournalEntry ?? null).toBeNull();
      expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const anonymous = await kit.gql<PostData>(null, POST, {
      input: {
        administrationId: b.administrationId,
        date: '2026-03-15',
        description: 'x',
        lines: simpleLines('1.00'),
      },
    });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await countRows(kit, 'journal_entries', b.administrationId)).toBe(0);
  });

  test('a MEMBER with LEDGER_WRITE books; the ADMIN of another office cannot', async () => {
    const b = await makeBooks(kit);
    const writer = await userWith(kit, b, ['LEDGER_READ', 'LEDGER_WRITE']);
    const ok = await post(kit, writer, {
      administrationId: b.administrationId,
      lines: simpleLines('3.00'),
    });
    expect(ok.userErrors).toEqual([]);
    const stranger = await makeBooks(kit);
    const r = await kit.gql<PostData>(stranger.adminToken, POST, {
      input: {
        administrationId: b.administrationId,
        date: '2026-03-15',
        description: 'x',
        lines: simpleLines('1.00'),
      },
    });
    expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await countRows(kit, 'journal_entries', b.administrationId)).toBe(1);
  });

  test('an administration whose books are not open: BOOKS_NOT_OPEN', async () => {
    const office = await kit.make.office();
    const admin = await kit.make.user({ officeId: office.id, officeRole: 'ADMIN' });
    const a = await kit.make.administration({
      officeId: office.id,
      modules: ['INVOICING'],
      kind: 'EXTERNAL',
    });
    const token = await kit.make.token(admin.id);
    const r = await kit.gql<PostData>(token, POST, {
      input: {
        administrationId: a.id,
        date: '2026-03-15',
        description: 'x',
        lines: simpleLines('1.00'),
      },
    });
    // An office ADMIN holds every permission on it, but the ledger never opened books there.
    expect(r.data!.postJournalEntry.userErrors.map((e) => [e.code, e.field])).toEqual([
      ['BOOKS_NOT_OPEN', ['input', 'administrationId']],
    ]);
    const [row] = await kit.ledgerDb.query(
      `SELECT count(*)::int AS n FROM ledger.books WHERE administration_id = $1`,
      [a.id],
    );
    expect(row.n).toBe(0);
  });
});

describe('posted entries are append-only in the database', () => {
  test('UPDATE and DELETE of posted entries and lines are refused by a trigger', async () => {
    const b = await makeBooks(kit);
    const r = await post(kit, b.adminToken, {
      administrationId: b.administrationId,
      lines: simpleLines('7.00'),
    });
    const id = r.entry!.id;
    for (const sql of [
      `UPDATE ledger.journal_entry_lines SET debit = 8 WHERE entry_id = $1 AND line_no = 1`,
      `DELETE FROM ledger.journal_entry_lines WHERE entry_id = $1`,
      `UPDATE ledger.journal_entries SET description = 'changed' WHERE id = $1`,
      `DELETE FROM ledger.journal_entries WHERE id = $1`,
    ]) {
      await expect(kit.ledgerDb.query(sql, [id])).rejects.toThrow(/append-only/);
    }
    await expect(kit.ledgerDb.query(`TRUNCATE ledger.journal_entry_lines`)).rejects.toThrow(
      /append-only/,
    );
    // Lines that do not balance cannot be added, not even by hand.
    await expect(
      kit.ledgerDb.query(
        `INSERT INTO ledger.journal_entry_lines (administration_id, entry_id, line_no, kind, account_id, debit, credit, entry_date, entry_sequence)
         SELECT administration_id, entry_id, 99, kind, account_id, debit, credit, entry_date, entry_sequence
           FROM ledger.journal_entry_lines WHERE entry_id = $1 AND line_no = 1`,
        [id],
      ),
    ).rejects.toThrow(/does not balance/);
    const lines = await kit.ledgerDb.query(
      `SELECT debit::text, credit::text FROM ledger.journal_entry_lines WHERE entry_id = $1 ORDER BY line_no`,
      [id],
    );
    expect(lines).toEqual([
      { debit: '7.00', credit: '0.00' },
      { debit: '0.00', credit: '7.00' },
    ]);
  });
});
