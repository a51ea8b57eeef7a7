/**
 * Issue 13 item 6: debit balances of liability accounts (input VAT, a current account with the
 * director) are presented on the asset side; VAT is one net position.
 */
import {
  makeBooks,
  post,
  startLedgerKit,
  type Books,
  type LedgerKit,
  type LineIn,
} from '../../../__tests__/ledger-kit';

let kit: LedgerKit;
let b: Books;

const book = async (date: string, lines: LineIn[]) => {
  const r = await post(kit, b.adminToken, { administrationId: b.administrationId, date, lines });
  expect(r.userErrors).toEqual([]);
};

beforeAll(async () => {
  kit = await startLedgerKit();
  b = await makeBooks(kit);
  await book('2026-01-02', [
    { accountCode: '1100', debit: '10000.00' },
    { accountCode: '0700', credit: '10000.00' },
  ]);
  await book('2026-01-10', [
    { accountCode: '1300', debit: '121.00' },
    { accountCode: '8000', credit: '100.00', vatCode: 'V21' },
  ]);
  await book('2026-01-15', [
    { accountCode: '0400', debit: '1000.00', vatCode: 'I21' },
    { accountCode: '1100', credit: '1210.00' },
  ]);
  // The director takes 500.00 from the company: the current account is a receivable.
  await book('2026-01-20', [
    { accountCode: '1800', debit: '500.00' },
    { accountCode: '1100', credit: '500.00' },
  ]);
});
afterAll(async () => {
  await kit?.stop();
});

interface Sheet {
  totalAssets: string;
  totalLiabilities: string;
  totalLiabilitiesAndEquity: string;
  sections: {
    type: string;
    amount: string;
    groups: { rows: { account: { code: string }; amount: string }[] }[];
  }[];
}

async function sheet(date: string) {
  const r = await kit.gql<{ administration: { balanceSheet: Sheet } }>(
    b.adminToken,
    `query($id: ID!, $date: Date!) { administration(id: $id) { balanceSheet(date: $date, rgsLevel: 4) {
      totalAssets totalLiabilities totalLiabilitiesAndEquity
      sections { type amount groups { rows { account { code } amount } } } } } }`,
    { id: b.administrationId, date },
  );
  expect(r.errors).toBeUndefined();
  const s = r.data!.administration.balanceSheet;
  const rows = (type: string) =>
    Object.fromEntries(
      s.sections
        .find((x) => x.type === type)!
        .groups.flatMap((g) => g.rows)
        .map((row) => [row.account.code, row.amount]),
    );
  return { ...s, assets: rows('ASSET'), liabilities: rows('LIABILITY') };
}

describe('6. balance sheet: debit balances of liabilities on the asset side', () => {
  test("net input VAT and the director's debt are assets, not negative liabilities", async () => {
    const s = await sheet('2026-01-31');
    expect(s.assets).toEqual({
      '0400': '1000.00',
      '1100': '8290.00',
      '1300': '121.00',
      // VAT as one position: 210.00 input VAT less 21.00 VAT due = 189.00 to reclaim.
      '1500': '-21.00',
      '1550': '210.00',
      '1800': '500.00',
    });
    expect(s.liabilities).toEqual({});
    expect(s.totalAssets).toBe('10100.00');
    expect(s.totalLiabilities).toBe('0.00');
    expect(s.totalLiabilitiesAndEquity).toBe('10100.00');
  });

  test('once more VAT is due than reclaimed, the VAT position is a liability', async () => {
    await book('2026-02-10', [
      { accountCode: '1300', debit: '2420.00' },
      { accountCode: '8000', credit: '2000.00', vatCode: 'V21' },
    ]);
    const s = await sheet('2026-02-28');
    expect(s.liabilities).toEqual({ '1500': '441.00', '1550': '-210.00' });
    expect(s.assets['1800']).toBe('500.00');
    expect(s.assets['1550']).toBeUndefined();
    expect(s.totalAssets).toBe(s.totalLiabilitiesAndEquity);
  });
});
