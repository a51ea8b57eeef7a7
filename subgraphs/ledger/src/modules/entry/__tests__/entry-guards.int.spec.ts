/**
 * Issue 13 (the accountant's findings) on the posting path, through the gateway: dates outside
 * a sane window (8), idempotency keys bound to their operation and input (9, 15), and VAT code
 * direction (1).
 */
import {
  countRows,
  makeBooks,
  post,
  simpleLines,
  startLedgerKit,
  type Books,
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

const codes = (errors: UserErrorData[]) => errors.map((e) => [e.code, e.field]);

async function fiscalYears(books: Books): Promise<number[]> {
  const rows = (await kit.ledgerDb.query(
    `SELECT year FROM ledger.fiscal_years WHERE administration_id = $1 ORDER BY year`,
    [books.administrationId],
  )) as { year: number }[];
  return rows.map((r) => r.year);
}

describe('8. bookkeeping dates outside the window: DATE_OUT_OF_RANGE, no fiscal year made', () => {
  test('1900-01-01 and 9999-12-31 are refused on posting, drafts and reversals', async () => {
    const b = await makeBooks(kit);
    for (const date of ['1900-01-01', '1999-12-31', '9999-12-31']) {
      const r = await post(kit, b.adminToken, {
        administrationId: b.administrationId,
        date,
        lines: simpleLines('10.00'),
      });
      expect(r.entry).toBeNull();
      expect(codes(r.userErrors)).toEqual([['DATE_OUT_OF_RANGE', ['input', 'date']]]);
    }
    expect(await countRows(kit, 'journal_entries', b.administrationId)).toBe(0);
    expect(await fiscalYears(b)).toEqual([]);

    const draft = await kit.gql<{ createDraftJournalEntry: { userErrors: UserErrorData[] } }>(
      b.adminToken,
      `mutation($input: CreateDraftJournalEntryInput!) { createDraftJournalEntry(input: $input) {
        draft { id } userErrors { field message code } } }`,
      {
        input: {
          administrationId: b.administrationId,
          date: '9999-12-31',
          description: 'Concept',
          lines: simpleLines('10.00'),
        },
      },
    );
    expect(codes(draft.data!.createDraftJournalEntry.userErrors)).toEqual([
      ['DATE_OUT_OF_RANGE', ['input', 'date']],
    ]);
    expect(await countRows(kit, 'draft_entries', b.administrationId)).toBe(0);

    const ok = await post(kit, b.adminToken, {
      administrationId: b.administrationId,
      date: '2000-01-01',
      lines: simpleLines('10.00'),
    });
    expect(ok.userErrors).toEqual([]);
    const reversal = await kit.gql<{ reverseJournalEntry: { userErrors: UserErrorData[] } }>(
      b.adminToken,
      `mutation($input: ReverseJournalEntryInput!) { reverseJournalEntry(input: $input) {
        entry { id } userErrors { field message code } } }`,
      {
        input: { administrationId: b.administrationId, entryId: ok.entry!.id, date: '1900-01-01' },
      },
    );
    expect(codes(reversal.data!.reverseJournalEntry.userErrors)).toEqual([
      ['DATE_OUT_OF_RANGE', ['input', 'date']],
    ]);
    expect(await fiscalYears(b)).toEqual([2000]);
  });

  test('a date up to a year ahead is accepted', async () => {
    const b = await makeBooks(kit);
    const inAYear = new Date(Date.now() + 360 * 86_400_000).toISOString().slice(0, 10);
    const r = await post(kit, b.adminToken, {
      administrationId: b.administrationId,
      date: inAYear,
      lines: simpleLines('10.00'),
    });
    expect(r.userErrors).toEqual([]);
  });
});

const REVERSE = `mutation($input: ReverseJournalEntryInput!) { reverseJournalEntry(input: $input) {
  entry { id number reverses { id } } reversedEntry { id } userErrors { field message code } } }`;
interface ReverseData {
  reverseJournalEntry: {
    entry: { id: string; number: string; reverses: { id: string } } | null;
    reversedEntry: { id: string } | null;
    userErrors: UserErrorData[];
  };
}

describe('9. an idempotency key is bound to its input', () => {
  test('the same key with another entry: IDEMPOTENCY_KEY_REUSED; the same input spelled differently is a retry', async () => {
    const b = await makeBooks(kit);
    const input = {
      administrationId: b.administrationId,
      idempotencyKey: 'import-42',
      lines: simpleLines('50.00'),
    };
    const first = await post(kit, b.adminToken, input);
    expect(first.userErrors).toEqual([]);
    const other = await post(kit, b.adminToken, { ...input, lines: simpleLines('60.00') });
    expect(other.entry).toBeNull();
    expect(codes(other.userErrors)).toEqual([
      ['IDEMPOTENCY_KEY_REUSED', ['input', 'idempotencyKey']],
    ]);
    const otherDate = await post(kit, b.adminToken, { ...input, date: '2026-03-16' });
    expect(codes(otherDate.userErrors)).toEqual([
      ['IDEMPOTENCY_KEY_REUSED', ['input', 'idempotencyKey']],
    ]);
    // "50" is "50.00", " mem " is the default journal, " Boeking " is "Boeking": a retry.
    const retry = await post(kit, b.adminToken, {
      ...input,
      description: ' Boeking ',
      journalCode: ' mem ',
      lines: [
        { accountCode: ' 4000', debit: '50' },
        { accountCode: '1100 ', credit: '50.0' },
      ],
    });
    expect(retry.userErrors).toEqual([]);
    expect(retry.entry!.id).toBe(first.entry!.id);
    expect(await countRows(kit, 'journal_entries', b.administrationId)).toBe(1);
  });

  test('parallel requests with one key and different input: one books, the other is IDEMPOTENCY_KEY_REUSED', async () => {
    const b = await makeBooks(kit);
    const results = await Promise.all(
      ['10.00', '20.00', '10.00', '20.00'].map((amount) =>
        post(kit, b.adminToken, {
          administrationId: b.administrationId,
          idempotencyKey: 'race-1',
          lines: simpleLines(amount),
        }),
      ),
    );
    const booked = results.filter((r) => r.entry);
    expect(new Set(booked.map((r) => r.entry!.id)).size).toBe(1);
    expect(booked.length).toBe(2);
    for (const r of results.filter((r) => !r.entry)) {
      expect(codes(r.userErrors)).toEqual([
        ['IDEMPOTENCY_KEY_REUSED', ['input', 'idempotencyKey']],
      ]);
    }
    expect(await countRows(kit, 'journal_entries', b.administrationId)).toBe(1);
  });
});

describe('15. reversal keys are bound to the operation and the entry reversed', () => {
  test('a key used by a post is not answered with that post by reverse; another entry with the key is refused', async () => {
    const b = await makeBooks(kit);
    const a = await post(kit, b.adminToken, {
      administrationId: b.administrationId,
      idempotencyKey: 'k-post',
      lines: simpleLines('10.00'),
    });
    const c = await post(kit, b.adminToken, {
      administrationId: b.administrationId,
      lines: simpleLines('20.00'),
    });
    const reverse = (entryId: string, key: string) =>
      kit.gql<ReverseData>(b.adminToken, REVERSE, {
        input: { administrationId: b.administrationId, entryId, idempotencyKey: key },
      });
    const wrongOperation = await reverse(a.entry!.id, 'k-post');
    expect(wrongOperation.errors).toBeUndefined();
    expect(codes(wrongOperation.data!.reverseJournalEntry.userErrors)).toEqual([
      ['IDEMPOTENCY_KEY_REUSED', ['input', 'idempotencyKey']],
    ]);
    const first = await reverse(a.entry!.id, 'k-rev');
    expect(first.data!.reverseJournalEntry.userErrors).toEqual([]);
    const again = await reverse(a.entry!.id, 'k-rev');
    expect(again.data!.reverseJournalEntry.entry!.id).toBe(
      first.data!.reverseJournalEntry.entry!.id,
    );
    // Before: the reversal of entry A came back for entry C.
    const otherEntry = await reverse(c.entry!.id, 'k-rev');
    expect(otherEntry.data!.reverseJournalEntry.entry).toBeNull();
    expect(codes(otherEntry.data!.reverseJournalEntry.userErrors)).toEqual([
      ['IDEMPOTENCY_KEY_REUSED', ['input', 'idempotencyKey']],
    ]);
    expect(await countRows(kit, 'journal_entries', b.administrationId)).toBe(3);
  });

  test('parallel retries of one reversal (and a post racing for its key) end without a 500', async () => {
    const b = await makeBooks(kit);
    const a = await post(kit, b.adminToken, {
      administrationId: b.administrationId,
      lines: simpleLines('10.00'),
    });
    const [r1, r2, r3, p] = await Promise.all([
      kit.gql<ReverseData>(b.adminToken, REVERSE, {
        input: { administrationId: b.administrationId, entryId: a.entry!.id, idempotencyKey: 'x' },
      }),
      kit.gql<ReverseData>(b.adminToken, REVERSE, {
        input: { administrationId: b.administrationId, entryId: a.entry!.id, idempotencyKey: 'x' },
      }),
      kit.gql<ReverseData>(b.adminToken, REVERSE, {
        input: { administrationId: b.administrationId, entryId: a.entry!.id, idempotencyKey: 'x' },
      }),
      post(kit, b.adminToken, {
        administrationId: b.administrationId,
        idempotencyKey: 'x',
        lines: simpleLines('5.00'),
      }),
    ]);
    for (const r of [r1, r2, r3]) expect(r.errors).toBeUndefined();
    const reversals = [r1, r2, r3]
      .map((r) => r.data!.reverseJournalEntry)
      .filter((d) => d.entry)
      .map((d) => d.entry!.id);
    const refused = [r1, r2, r3]
      .map((r) => r.data!.reverseJournalEntry.userErrors.map((e) => e.code).join())
      .filter((c) => c !== '');
    if (p.entry) {
      // The post won the key: every reversal is refused.
      expect(reversals).toEqual([]);
      expect(new Set(refused)).toEqual(new Set(['IDEMPOTENCY_KEY_REUSED']));
    } else {
      expect(codes(p.userErrors)).toEqual([
        ['IDEMPOTENCY_KEY_REUSED', ['input', 'idempotencyKey']],
      ]);
      expect(reversals).toHaveLength(3);
      expect(new Set(reversals).size).toBe(1);
    }
  });
});

describe('1. VAT code direction: VAT_CODE_DIRECTION unless the line is marked as a correction', () => {
  test('I21 on a credited revenue line and V21 on a debited bank line are refused; nothing booked', async () => {
    const b = await makeBooks(kit);
    const purchaseOnRevenue = await post(kit, b.adminToken, {
      administrationId: b.administrationId,
      lines: [
        { accountCode: '1300', debit: '121.00' },
        { accountCode: '8000', credit: '100.00', vatCode: 'I21' },
      ],
    });
    expect(codes(purchaseOnRevenue.userErrors)).toEqual([
      ['VAT_CODE_DIRECTION', ['input', 'lines', '1', 'vatCode']],
    ]);
    const salesOnBank = await post(kit, b.adminToken, {
      administrationId: b.administrationId,
      lines: [
        { accountCode: '1100', debit: '100.00', vatCode: 'V21' },
        { accountCode: '1300', credit: '121.00' },
      ],
    });
    expect(codes(salesOnBank.userErrors)).toEqual([
      ['VAT_CODE_DIRECTION', ['input', 'lines', '0', 'vatCode']],
    ]);
    const reverseChargeCredited = await post(kit, b.adminToken, {
      administrationId: b.administrationId,
      lines: [
        { accountCode: '1600', debit: '100.00' },
        { accountCode: '7100', credit: '100.00', vatCode: 'IVERL' },
      ],
    });
    expect(codes(reverseChargeCredited.userErrors)).toEqual([
      ['VAT_CODE_DIRECTION', ['input', 'lines', '1', 'vatCode']],
    ]);
    expect(await countRows(kit, 'journal_entries', b.administrationId)).toBe(0);
  });

  test('a credit note marked as a correction is booked (and shows the mark); the usual sides need no mark', async () => {
    const b = await makeBooks(kit);
    const creditNote = await kit.gql<{
      postJournalEntry: {
        entry: { lines: { account: { code: string }; debit: string; correction: boolean }[] };
        userErrors: UserErrorData[];
      };
    }>(
      b.adminToken,
      `mutation($input: PostJournalEntryInput!) { postJournalEntry(input: $input) {
        entry { lines { account { code } debit correction } } userErrors { field message code } } }`,
      {
        input: {
          administrationId: b.administrationId,
          date: '2026-03-15',
          description: 'Creditnota C-1',
          lines: [
            { accountCode: '8000', debit: '100.00', vatCode: 'V21', correction: true },
            { accountCode: '1300', credit: '121.00' },
          ],
        },
      },
    );
    expect(creditNote.data!.postJournalEntry.userErrors).toEqual([]);
    expect(
      creditNote.data!.postJournalEntry.entry.lines.map((l) => [
        l.account.code,
        l.debit,
        l.correction,
      ]),
    ).toEqual([
      ['8000', '100.00', true],
      ['1500', '21.00', false],
      ['1300', '0.00', false],
    ]);
    const sale = await post(kit, b.adminToken, {
      administrationId: b.administrationId,
      lines: [
        { accountCode: '1300', debit: '121.00' },
        { accountCode: '8000', credit: '100.00', vatCode: 'V21' },
      ],
    });
    expect(sale.userErrors).toEqual([]);
    const purchase = await post(kit, b.adminToken, {
      administrationId: b.administrationId,
      lines: [
        { accountCode: '4400', debit: '100.00', vatCode: 'I21' },
        { accountCode: '1600', credit: '121.00' },
      ],
    });
    expect(purchase.userErrors).toEqual([]);
  });

  test('a draft with a wrong-side VAT code is refused when saved, as a posting is', async () => {
    const b = await makeBooks(kit);
    const created = await kit.gql<{
      createDraftJournalEntry: { draft: { id: string } | null; userErrors: UserErrorData[] };
    }>(
      b.adminToken,
      `mutation($input: CreateDraftJournalEntryInput!) { createDraftJournalEntry(input: $input) {
        draft { id } userErrors { field message code } } }`,
      {
        input: {
          administrationId: b.administrationId,
          date: '2026-03-15',
          description: 'Concept',
          lines: [
            { accountCode: '1300', debit: '121.00' },
            { accountCode: '8000', credit: '100.00', vatCode: 'I21' },
          ],
        },
      },
    );
    expect(codes(created.data!.createDraftJournalEntry.userErrors)).toEqual([
      ['VAT_CODE_DIRECTION', ['input', 'lines', '1', 'vatCode']],
    ]);
  });
});
