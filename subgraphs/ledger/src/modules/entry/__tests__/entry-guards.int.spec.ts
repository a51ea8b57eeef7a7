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
