/**
 * Issue 13 items 5, 12 and the reporting part of 4: the trial balance has opening, debit,
 * credit and closing per account; profit-and-loss accounts start each fiscal year at zero in
 * the trial balance and the account ledger; movements carry their reference.
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

beforeAll(async () => {
  kit = await startLedgerKit();
  b = await makeBooks(kit);
  const book = async (date: string, lines: LineIn[]) => {
    const r = await post(kit, b.adminToken, { administrationId: b.administrationId, date, lines });
    expect(r.userErrors).toEqual([]);
  };
  await book('2025-01-02', [
    { accountCode: '1100', debit: '40000.00' },
    { accountCode: '0700', credit: '40000.00' },
  ]);
  await book('2025-06-01', [
    { accountCode: '1100', debit: '20000.00' },
    { accountCode: '8010', credit: '20000.00' },
  ]);
  await book('2026-02-01', [
    { accountCode: '1100', debit: '16170.25' },
    { accountCode: '8000', credit: '16170.25' },
  ]);
  await book('2026-03-01', [
    { accountCode: '1300', debit: '100.00', reference: 'F2026-007' },
    { accountCode: '8010', credit: '100.00' },
  ]);
});
afterAll(async () => {
  await kit?.stop();
});

const TB = `query($id: ID!, $from: Date!, $to: Date!) { administration(id: $id) {
  trialBalance(from: $from, to: $to) {
    totalDebit totalCredit totalOpeningBalance totalClosingBalance
    rows { account { code } openingBalance debit credit balance closingBalance } } } }`;
interface TbData {
  administration: {
    trialBalance: {
      totalDebit: string;
      totalCredit: string;
      totalOpeningBalance: string;
      totalClosingBalance: string;
      rows: {
        account: { code: string };
        openingBalance: string;
        debit: string;
        credit: string;
        balance: string;
        closingBalance: string;
      }[];
    };
  };
}

async function trialBalance(from: string, to: string) {
  const r = await kit.gql<TbData>(b.adminToken, TB, { id: b.administrationId, from, to });
  expect(r.errors).toBeUndefined();
  const tb = r.data!.administration.trialBalance;
  return {
    ...tb,
    rows: Object.fromEntries(
      tb.rows.map((row) => [
        row.account.code,
        [row.openingBalance, row.debit, row.credit, row.closingBalance],
      ]),
    ),
  };
}

describe('5. trial balance: opening, debit, credit, closing per account', () => {
  test("1100 opens at 60,000.00 and closes at 76,170.25; last year's result opens on 0750; P&L accounts open at zero", async () => {
    const tb = await trialBalance('2026-01-01', '2026-12-31');
    expect(tb.rows).toEqual({
      '0700': ['-40000.00', '0.00', '0.00', '-40000.00'],
      '0750': ['-20000.00', '0.00', '0.00', '-20000.00'],
      '1100': ['60000.00', '16170.25', '0.00', '76170.25'],
      '1300': ['0.00', '100.00', '0.00', '100.00'],
      '8000': ['0.00', '0.00', '16170.25', '-16170.25'],
      '8010': ['0.00', '0.00', '100.00', '-100.00'],
    });
    expect(tb).toMatchObject({
      totalDebit: '16270.25',
      totalCredit: '16270.25',
      totalOpeningBalance: '0.00',
      totalClosingBalance: '0.00',
    });
  });

  test('within a year, a P&L account opens with the movements since the year started', async () => {
    const tb = await trialBalance('2026-03-01', '2026-03-31');
    expect(tb.rows['8000']).toEqual(['-16170.25', '0.00', '0.00', '-16170.25']);
    expect(tb.rows['8010']).toEqual(['0.00', '0.00', '100.00', '-100.00']);
    expect(tb.totalOpeningBalance).toBe('0.00');
    expect(tb.totalClosingBalance).toBe('0.00');
  });
});

const LEDGER = `query($id: ID!, $code: String!, $from: Date) { administration(id: $id) {
  accountLedger(accountCode: $code, from: $from) {
    openingBalance closingBalance
    movements { edges { node { date debit credit balance reference } } } } } }`;
interface LedgerData {
  administration: {
    accountLedger: {
      openingBalance: string;
      closingBalance: string;
      movements: {
        edges: {
          node: { date: string; balance: string; reference: string | null };
        }[];
      };
    };
  };
}
async function ledger(code: string, from?: string) {
  const r = await kit.gql<LedgerData>(b.adminToken, LEDGER, {
    id: b.administrationId,
    code,
    from,
  });
  expect(r.errors).toBeUndefined();
  return r.data!.administration.accountLedger;
}

describe('4. the account ledger starts P&L accounts at zero in a new year', () => {
  test('8010 opens 2026 at 0.00, not at -20,000.00; its running balance restarts each year', async () => {
    const in2026 = await ledger('8010', '2026-01-01');
    expect(in2026.openingBalance).toBe('0.00');
    expect(in2026.closingBalance).toBe('-100.00');
    const all = await ledger('8010');
    expect(all.movements.edges.map((e) => [e.node.date, e.node.balance])).toEqual([
      ['2025-06-01', '-20000.00'],
      ['2026-03-01', '-100.00'],
    ]);
    expect(all.closingBalance).toBe('-100.00');
    // A balance-sheet account carries its balance on.
    expect((await ledger('1100', '2026-01-01')).openingBalance).toBe('60000.00');
  });
});

describe('12. AccountMovement.reference', () => {
  test("a movement shows its line's reference", async () => {
    const l = await ledger('1300');
    expect(l.movements.edges.map((e) => e.node.reference)).toEqual(['F2026-007']);
    expect((await ledger('8010')).movements.edges.map((e) => e.node.reference)).toEqual([
      null,
      null,
    ]);
  });
});
