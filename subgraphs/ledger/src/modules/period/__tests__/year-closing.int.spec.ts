/**
 * Issue 13, item 4: closing a fiscal year (jaarafsluiting) moves the result into equity by an
 * entry and locks the year; opening balances per year; the ledger agrees with the XAF opening
 * balance. Through the gateway.
 */
import { XMLParser } from 'fast-xml-parser';
import {
  makeBooks,
  post,
  startLedgerKit,
  userWith,
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

const CLOSE = `mutation($input: CloseFiscalYearInput!) { closeFiscalYear(input: $input) {
  fiscalYear { year closed closingEntry { number date lines { kind account { code } debit credit } } }
  userErrors { field message code } } }`;
const REOPEN = `mutation($input: ReopenFiscalYearInput!) { reopenFiscalYear(input: $input) {
  fiscalYear { year closed } userErrors { field message code } } }`;

interface CloseData {
  closeFiscalYear: {
    fiscalYear: {
      year: number;
      closed: boolean;
      closingEntry: {
        number: string;
        date: string;
        lines: { kind: string; account: { code: string }; debit: string; credit: string }[];
      } | null;
    } | null;
    userErrors: UserErrorData[];
  };
}

const close = (token: string, books: Books, year: number, extra: Record<string, unknown> = {}) =>
  kit.gql<CloseData>(token, CLOSE, {
    input: { administrationId: books.administrationId, year, ...extra },
  });

/** 2025: opening capital, turnover 20,000 (8010), costs 5,000 (4100): a profit of 15,000. */
async function year2025(books: Books) {
  for (const lines of [
    [
      { accountCode: '1100', debit: '10000.00' },
      { accountCode: '0700', credit: '10000.00' },
    ],
    [
      { accountCode: '1100', debit: '20000.00' },
      { accountCode: '8010', credit: '20000.00' },
    ],
    [
      { accountCode: '4100', debit: '5000.00' },
      { accountCode: '1100', credit: '5000.00' },
    ],
  ]) {
    const r = await post(kit, books.adminToken, {
      administrationId: books.administrationId,
      date: '2025-06-30',
      lines,
    });
    expect(r.userErrors).toEqual([]);
  }
}

async function openingBalances(books: Books, year: number): Promise<[string, string][]> {
  const r = await kit.gql<{
    administration: {
      fiscalYears: { year: number; openingBalances: { accountCode: string; balance: string }[] }[];
    };
  }>(
    books.adminToken,
    `query($id: ID!) { administration(id: $id) { fiscalYears { year openingBalances { accountCode balance } } } }`,
    { id: books.administrationId },
  );
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  const fy = r.data!.administration.fiscalYears.find((y) => y.year === year);
  return (fy?.openingBalances ?? []).map((o) => [o.accountCode, o.balance]);
}

/** The XAF opening balance of `year` as [account, debit - credit]. */
async function xafOpening(books: Books, year: number): Promise<[string, string][]> {
  const r = await kit.gql<{ administration: { auditFile: string } }>(
    books.adminToken,
    `query($id: ID!, $year: Int!) { administration(id: $id) { auditFile(fiscalYear: $year) } }`,
    { id: books.administrationId, year },
  );
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  const doc = new XMLParser({ isArray: (name) => name === 'obLine', parseTagValue: false }).parse(
    r.data!.administration.auditFile,
  ) as {
    auditfile: {
      company: { openingBalance?: { obLine: { accID: string; amnt: number; amntTp: string }[] } };
    };
  };
  return (doc.auditfile.company.openingBalance?.obLine ?? [])
    .map((l): [string, string] => [
      String(l.accID),
      (l.amntTp === 'D' ? Number(l.amnt) : -Number(l.amnt)).toFixed(2),
    ])
    .sort((a, b) => a[0].localeCompare(b[0]));
}

describe('closing a fiscal year (jaarafsluiting)', () => {
  test('the result goes to equity by a closing entry, the year is locked, its P&L still shows the result', async () => {
    const books = await makeBooks(kit);
    await year2025(books);
    const r = await close(books.adminToken, books, 2025);
    expect(r.errors).toBeUndefined();
    const fy = r.data!.closeFiscalYear;
    expect(fy.userErrors).toEqual([]);
    expect(fy.fiscalYear).toMatchObject({ year: 2025, closed: true });
    expect(fy.fiscalYear!.closingEntry!.date).toBe('2025-12-31');
    expect(
      fy.fiscalYear!.closingEntry!.lines.map((l) => [l.kind, l.account.code, l.debit, l.credit]),
    ).toEqual([
      ['CLOSING', '4100', '0.00', '5000.00'],
      ['CLOSING', '8010', '20000.00', '0.00'],
      ['CLOSING', '0750', '0.00', '15000.00'],
    ]);

    const reports = await kit.gql<{
      administration: {
        profitAndLoss: { result: string; totalRevenue: string };
        balanceSheet: {
          totalEquity: string;
          resultCurrentYear: string;
          resultPreviousYears: string;
        };
        lockedPeriods: { from: string; to: string; source: string }[];
        fiscalYears: { year: number; closed: boolean }[];
      };
    }>(
      books.adminToken,
      `query($id: ID!) { administration(id: $id) {
        profitAndLoss(from: "2025-01-01", to: "2025-12-31") { result totalRevenue }
        balanceSheet(date: "2025-12-31") { totalEquity resultCurrentYear resultPreviousYears }
        lockedPeriods { from to source }
        fiscalYears { year closed }
      } }`,
      { id: books.administrationId },
    );
    expect(reports.errors).toBeUndefined();
    const a = reports.data!.administration;
    expect(a.profitAndLoss).toEqual({ result: '15000.00', totalRevenue: '20000.00' });
    expect(a.balanceSheet).toEqual({
      totalEquity: '25000.00',
      resultCurrentYear: '0.00',
      resultPreviousYears: '0.00',
    });
    expect(a.lockedPeriods).toEqual([
      { from: '2025-01-01', to: '2025-12-31', source: 'YEAR_CLOSING' },
    ]);
    expect(a.fiscalYears).toEqual([{ year: 2025, closed: true }]);

    // Locked: no posting into 2025, no unlocking by hand, no reversing the closing entry.
    const late = await post(kit, books.adminToken, {
      administrationId: books.administrationId,
      date: '2025-11-01',
      lines: [
        { accountCode: '4100', debit: '1.00' },
        { accountCode: '1100', credit: '1.00' },
      ],
    });
    expect(late.userErrors.map((e) => e.code)).toEqual(['PERIOD_LOCKED']);
    const locks = await kit.ledgerDb.query(
      `SELECT id FROM ledger.locked_periods WHERE administration_id = $1`,
      [books.administrationId],
    );
    const unlock = await kit.gql<{ unlockPeriod: { userErrors: UserErrorData[] } }>(
      books.adminToken,
      `mutation($input: UnlockPeriodInput!) { unlockPeriod(input: $input) { userErrors { code } } }`,
      {
        input: {
          administrationId: books.administrationId,
          lockedPeriodId: (locks as { id: string }[])[0]!.id,
          reason: 'vergeten factuur',
        },
      },
    );
    expect(unlock.data!.unlockPeriod.userErrors.map((e) => e.code)).toEqual([
      'PERIOD_LOCKED_BY_YEAR_CLOSING',
    ]);

    // 2026 opens with the result in equity: the ledger's opening balances equal the XAF's.
    const opening = await openingBalances(books, 2025);
    expect(opening).toEqual([]);
    await post(kit, books.adminToken, {
      administrationId: books.administrationId,
      date: '2026-01-05',
      lines: [
        { accountCode: '4100', debit: '100.00' },
        { accountCode: '1100', credit: '100.00' },
      ],
    });
    expect(await openingBalances(books, 2026)).toEqual([
      ['0700', '-10000.00'],
      ['0750', '-15000.00'],
      ['1100', '25000.00'],
    ]);
    expect(await xafOpening(books, 2026)).toEqual(await openingBalances(books, 2026));

    // Closed again: FISCAL_YEAR_CLOSED; 2026 has not ended.
    expect((await close(books.adminToken, books, 2025)).data!.closeFiscalYear.userErrors).toEqual([
      expect.objectContaining({ code: 'FISCAL_YEAR_CLOSED', field: ['input', 'year'] }),
    ]);
    expect(
      (await close(books.adminToken, books, 2026)).data!.closeFiscalYear.userErrors.map(
        (e) => e.code,
      ),
    ).toEqual(['FISCAL_YEAR_NOT_ENDED']);
  });

  test('without closing, the ledger and the XAF opening balance agree as well (result in 0750)', async () => {
    const books = await makeBooks(kit);
    await year2025(books);
    await post(kit, books.adminToken, {
      administrationId: books.administrationId,
      date: '2026-01-05',
      lines: [
        { accountCode: '4100', debit: '100.00' },
        { accountCode: '1100', credit: '100.00' },
      ],
    });
    expect(await openingBalances(books, 2026)).toEqual([
      ['0700', '-10000.00'],
      ['0750', '-15000.00'],
      ['1100', '25000.00'],
    ]);
    expect(await xafOpening(books, 2026)).toEqual(await openingBalances(books, 2026));
  });

  test('reopening reverses the closing entry and removes the lock; then it closes again', async () => {
    const books = await makeBooks(kit);
    await year2025(books);
    // Q4 locked (e.g. its VAT return filed): the closing entry (no VAT) still lands on 31-12.
    const q4 = await kit.gql<{ lockPeriod: { userErrors: UserErrorData[] } }>(
      books.adminToken,
      `mutation($input: LockPeriodInput!) { lockPeriod(input: $input) { userErrors { code } } }`,
      { input: { administrationId: books.administrationId, from: '2025-10-01', to: '2025-12-31' } },
    );
    expect(q4.data!.lockPeriod.userErrors).toEqual([]);
    expect((await close(books.adminToken, books, 2025)).data!.closeFiscalYear.userErrors).toEqual(
      [],
    );
    const noReason = await kit.gql<{ reopenFiscalYear: { userErrors: UserErrorData[] } }>(
      books.adminToken,
      REOPEN,
      { input: { administrationId: books.administrationId, year: 2025, reason: ' ' } },
    );
    expect(noReason.data!.reopenFiscalYear.userErrors.map((e) => e.code)).toEqual([
      'REASON_REQUIRED',
    ]);
    const r = await kit.gql<{
      reopenFiscalYear: {
        fiscalYear: { year: number; closed: boolean };
        userErrors: UserErrorData[];
      };
    }>(books.adminToken, REOPEN, {
      input: {
        administrationId: books.administrationId,
        year: 2025,
        reason: 'Correctie afschrijving',
      },
    });
    expect(r.data!.reopenFiscalYear).toEqual({
      fiscalYear: { year: 2025, closed: false },
      userErrors: [],
    });
    const booked = await post(kit, books.adminToken, {
      administrationId: books.administrationId,
      date: '2025-09-30',
      lines: [
        { accountCode: '4100', debit: '1000.00' },
        { accountCode: '1100', credit: '1000.00' },
      ],
    });
    expect(booked.userErrors).toEqual([]);
    const again = await close(books.adminToken, books, 2025);
    expect(again.data!.closeFiscalYear.userErrors).toEqual([]);
    expect(
      again.data!.closeFiscalYear.fiscalYear!.closingEntry!.lines.map((l) => [
        l.account.code,
        l.debit,
        l.credit,
      ]),
    ).toEqual([
      ['4100', '0.00', '6000.00'],
      ['8010', '20000.00', '0.00'],
      ['0750', '0.00', '14000.00'],
    ]);
    expect(
      (
        await kit.gql<{ reopenFiscalYear: { userErrors: UserErrorData[] } }>(
          books.adminToken,
          REOPEN,
          {
            input: { administrationId: books.administrationId, year: 2024, reason: 'x' },
          },
        )
      ).data!.reopenFiscalYear.userErrors.map((e) => e.code),
    ).toEqual(['FISCAL_YEAR_NOT_CLOSED']);
  });

  test('years close in order; a draft in the year blocks; LEDGER_WRITE alone is FORBIDDEN', async () => {
    const books = await makeBooks(kit);
    await post(kit, books.adminToken, {
      administrationId: books.administrationId,
      date: '2024-03-01',
      lines: [
        { accountCode: '4100', debit: '10.00' },
        { accountCode: '1100', credit: '10.00' },
      ],
    });
    await year2025(books);
    expect(
      (await close(books.adminToken, books, 2025)).data!.closeFiscalYear.userErrors.map(
        (e) => e.code,
      ),
    ).toEqual(['EARLIER_YEAR_OPEN']);
    const writer = await userWith(kit, books, ['LEDGER_READ', 'LEDGER_WRITE']);
    const forbidden = await close(writer, books, 2024);
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const draft = await kit.gql<{ createDraftJournalEntry: { userErrors: UserErrorData[] } }>(
      books.adminToken,
      `mutation($input: CreateDraftJournalEntryInput!) { createDraftJournalEntry(input: $input) { userErrors { code } } }`,
      {
        input: {
          administrationId: books.administrationId,
          date: '2024-05-01',
          description: 'Nog te boeken',
          lines: [{ accountCode: '4100', debit: '5.00' }],
        },
      },
    );
    expect(draft.data!.createDraftJournalEntry.userErrors).toEqual([]);
    expect(
      (await close(books.adminToken, books, 2024)).data!.closeFiscalYear.userErrors.map(
        (e) => e.code,
      ),
    ).toEqual(['DRAFTS_IN_YEAR']);
    const [closed] = (await kit.ledgerDb.query(
      `SELECT count(*)::int AS n FROM ledger.fiscal_years WHERE administration_id = $1 AND closed_at IS NOT NULL`,
      [books.administrationId],
    )) as { n: number }[];
    expect(closed!.n).toBe(0);
  });
});
