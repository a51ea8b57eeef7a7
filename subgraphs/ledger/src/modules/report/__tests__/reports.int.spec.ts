import {
  makeBooks,
  post,
  startLedgerKit,
  userWith,
  type Books,
  type LedgerKit,
} from '../../../__tests__/ledger-kit';

let kit: LedgerKit;
let b: Books;

/**
 * One small year of bookings:
 * - 2025-12-31 capital 10,000 into the bank (equity)
 * - 2026-01-10 sale 1,000 + 21% VAT on account
 * - 2026-01-20 rent 500 paid from the bank
 * - 2026-02-05 customer pays 1,210
 * - 2026-03-01 purchase 200 + 9% VAT on account
 */
beforeAll(async () => {
  kit = await startLedgerKit();
  b = await makeBooks(kit);
  const book = async (
    date: string,
    description: string,
    lines: Parameters<typeof post>[2]['lines'],
  ) => {
    const r = await post(kit, b.adminToken, {
      administrationId: b.administrationId,
      date,
      description,
      lines,
    });
    if (r.userErrors.length) throw new Error(JSON.stringify(r.userErrors));
    return r.entry!;
  };
  await book('2025-12-31', 'Storting kapitaal', [
    { accountCode: '1100', debit: '10000.00' },
    { accountCode: '0700', credit: '10000.00' },
  ]);
  await book('2026-01-10', 'Verkoop', [
    { accountCode: '1300', debit: '1210.00' },
    { accountCode: '8000', credit: '1000.00', vatCode: 'V21' },
  ]);
  await book('2026-01-20', 'Huur januari', [
    { accountCode: '4100', debit: '500.00' },
    { accountCode: '1100', credit: '500.00' },
  ]);
  await book('2026-02-05', 'Ontvangst debiteur', [
    { accountCode: '1100', debit: '1210.00' },
    { accountCode: '1300', credit: '1210.00' },
  ]);
  await book('2026-03-01', 'Inkoop', [
    { accountCode: '7000', debit: '200.00', vatCode: 'I9' },
    { accountCode: '1600', credit: '218.00' },
  ]);
});
afterAll(async () => {
  await kit?.stop();
});

interface Row {
  account: { code: string };
  debit: string;
  credit: string;
  balance: string;
}

const TB = `query($id: ID!, $from: Date!, $to: Date!) { administration(id: $id) {
  trialBalance(from: $from, to: $to) { from to totalDebit totalCredit rows { account { code } debit credit balance } }
} }`;

describe('trialBalance (LEDGER_READ)', () => {
  test('movements per account in the period, and accounts with an opening balance; totals equal', async () => {
    const r = await kit.gql<{
      administration: {
        trialBalance: {
          from: string;
          to: string;
          totalDebit: string;
          totalCredit: string;
          rows: Row[];
        };
      };
    }>(b.adminToken, TB, { id: b.administrationId, from: '2026-01-01', to: '2026-01-31' });
    expect(r.errors).toBeUndefined();
    const tb = r.data!.administration.trialBalance;
    expect(tb).toMatchObject({
      from: '2026-01-01',
      to: '2026-01-31',
      totalDebit: '1710.00',
      totalCredit: '1710.00',
    });
    expect(tb.rows.map((x) => [x.account.code, x.debit, x.credit, x.balance])).toEqual([
      ['0700', '0.00', '0.00', '0.00'],
      ['1100', '0.00', '500.00', '-500.00'],
      ['1300', '1210.00', '0.00', '1210.00'],
      ['1500', '0.00', '210.00', '-210.00'],
      ['4100', '500.00', '0.00', '500.00'],
      ['8000', '0.00', '1000.00', '-1000.00'],
    ]);
  });

  test('a period without bookings has no movements, zero totals; from after to is BAD_USER_INPUT', async () => {
    const empty = await kit.gql<{
      administration: { trialBalance: { totalDebit: string; rows: Row[] } };
    }>(b.adminToken, TB, {
      id: b.administrationId,
      from: '2030-01-01',
      to: '2030-12-31',
    });
    expect(empty.data!.administration.trialBalance.totalDebit).toBe('0.00');
    for (const row of empty.data!.administration.trialBalance.rows) {
      expect([row.debit, row.credit]).toEqual(['0.00', '0.00']);
    }
    const before = await kit.gql<{
      administration: { trialBalance: { totalDebit: string; rows: Row[] } };
    }>(b.adminToken, TB, { id: b.administrationId, from: '2020-01-01', to: '2020-12-31' });
    expect(before.data!.administration.trialBalance).toMatchObject({
      totalDebit: '0.00',
      rows: [],
    });
    const bad = await kit.gql(b.adminToken, TB, {
      id: b.administrationId,
      from: '2026-02-01',
      to: '2026-01-01',
    });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('balance sheet and profit and loss (LEDGER_READ)', () => {
  test('the balance sheet at a date balances, grouped by account type and RGS level', async () => {
    const r = await kit.gql<{
      administration: {
        balanceSheet: {
          date: string;
          totalAssets: string;
          totalLiabilities: string;
          totalEquity: string;
          resultCurrentYear: string;
          resultPreviousYears: string;
          totalLiabilitiesAndEquity: string;
          sections: {
            type: string;
            amount: string;
            groups: {
              rgsCode: string | null;
              amount: string;
              rows: { account: { code: string }; amount: string }[];
            }[];
          }[];
        };
      };
    }>(
      b.adminToken,
      `query($id: ID!) { administration(id: $id) { balanceSheet(date: "2026-03-31", rgsLevel: 2) {
        date totalAssets totalLiabilities totalEquity resultCurrentYear resultPreviousYears totalLiabilitiesAndEquity
        sections { type amount groups { rgsCode amount rows { account { code } amount } } }
      } } }`,
      { id: b.administrationId },
    );
    expect(r.errors).toBeUndefined();
    const bs = r.data!.administration.balanceSheet;
    // Bank 10,000 - 500 + 1,210 = 10,710; debtors 0. VAT payable 210, input VAT -18 (a claim),
    // creditors 218. Result: 1,000 - 500 - 200 = 300.
    expect(bs).toMatchObject({
      date: '2026-03-31',
      totalAssets: '10710.00',
      totalLiabilities: '410.00',
      totalEquity: '10000.00',
      resultCurrentYear: '300.00',
      resultPreviousYears: '0.00',
      totalLiabilitiesAndEquity: '10710.00',
    });
    expect(bs.sections.map((s) => [s.type, s.amount])).toEqual([
      ['ASSET', '10710.00'],
      ['LIABILITY', '410.00'],
      ['EQUITY', '10000.00'],
    ]);
    const assets = bs.sections[0]!.groups.map((g) => [
      g.rgsCode,
      g.amount,
      g.rows.map((x) => [x.account.code, x.amount]),
    ]);
    expect(assets).toEqual([
      ['BLim', '10710.00', [['1100', '10710.00']]],
      ['BVor', '0.00', [['1300', '0.00']]],
    ]);
    const liabilities = bs.sections[1]!.groups.map((g) => [g.rgsCode, g.amount]);
    // The VAT accounts are one net position (192 owed): input VAT (1550, RGS BVorVbkTvo) keeps
    // its own row, inside the liabilities.
    expect(liabilities).toEqual([
      ['BSch', '428.00'],
      ['BVor', '-18.00'],
    ]);
    // Level 4 splits the VAT accounts.
    const detailed = await kit.gql<{
      administration: { balanceSheet: { sections: { groups: { rgsCode: string }[] }[] } };
    }>(
      b.adminToken,
      `query($id: ID!) { administration(id: $id) { balanceSheet(date: "2026-03-31", rgsLevel: 4) { sections { groups { rgsCode } } } } }`,
      { id: b.administrationId },
    );
    expect(
      detailed.data!.administration.balanceSheet.sections[1]!.groups.map((g) => g.rgsCode),
    ).toEqual(['BSchBepBtw', 'BSchCreHac', 'BVorVbkTvo']);
  });

  test('profit and loss over a period; an earlier year shows as result of previous years', async () => {
    const r = await kit.gql<{
      administration: {
        profitAndLoss: {
          totalRevenue: string;
          totalExpenses: string;
          result: string;
          sections: { type: string; groups: { rgsCode: string; amount: string }[] }[];
        };
        next: {
          resultCurrentYear: string;
          resultPreviousYears: string;
          totalAssets: string;
          totalLiabilitiesAndEquity: string;
        };
      };
    }>(
      b.adminToken,
      `query($id: ID!) { administration(id: $id) {
        profitAndLoss(from: "2026-01-01", to: "2026-03-31") { totalRevenue totalExpenses result sections { type groups { rgsCode amount } } }
        next: balanceSheet(date: "2027-01-15") { resultCurrentYear resultPreviousYears totalAssets totalLiabilitiesAndEquity }
      } }`,
      { id: b.administrationId },
    );
    const pl = r.data!.administration.profitAndLoss;
    expect(pl).toMatchObject({
      totalRevenue: '1000.00',
      totalExpenses: '700.00',
      result: '300.00',
    });
    expect(pl.sections.map((s) => [s.type, s.groups.map((g) => [g.rgsCode, g.amount])])).toEqual([
      ['REVENUE', [['WOmz', '1000.00']]],
      [
        'EXPENSE',
        [
          ['WBed', '500.00'],
          ['WKpr', '200.00'],
        ],
      ],
    ]);
    expect(r.data!.administration.next).toEqual({
      resultCurrentYear: '0.00',
      resultPreviousYears: '300.00',
      totalAssets: '10710.00',
      totalLiabilitiesAndEquity: '10710.00',
    });
  });
});

const LEDGER = `query($id: ID!, $code: String!, $from: Date, $to: Date, $first: Int, $after: String) { administration(id: $id) {
  accountLedger(accountCode: $code, from: $from, to: $to, first: $first, after: $after) {
    account { code name } from to openingBalance closingBalance
    movements { totalCount pageInfo { hasNextPage endCursor } edges { node { date debit credit balance description entry { number } } } }
  }
} }`;
interface LedgerData {
  administration: {
    accountLedger: {
      account: { code: string };
      openingBalance: string;
      closingBalance: string;
      movements: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string };
        edges: {
          node: {
            date: string;
            debit: string;
            credit: string;
            balance: string;
            entry: { number: string };
          };
        }[];
      };
    } | null;
  };
}

describe('accountLedger (LEDGER_READ): movements with a running balance, paginated', () => {
  test('pages keep the running balance; from gives the opening balance', async () => {
    const first = await kit.gql<LedgerData>(b.adminToken, LEDGER, {
      id: b.administrationId,
      code: '1100',
      first: 2,
    });
    const l1 = first.data!.administration.accountLedger!;
    expect(l1).toMatchObject({
      account: { code: '1100' },
      openingBalance: '0.00',
      closingBalance: '10710.00',
    });
    expect(l1.movements.totalCount).toBe(3);
    expect(
      l1.movements.edges.map((e) => [
        e.node.date,
        e.node.debit,
        e.node.credit,
        e.node.balance,
        e.node.entry.number,
      ]),
    ).toEqual([
      ['2025-12-31', '10000.00', '0.00', '10000.00', '2025-000001'],
      ['2026-01-20', '0.00', '500.00', '9500.00', '2026-000002'],
    ]);
    const second = await kit.gql<LedgerData>(b.adminToken, LEDGER, {
      id: b.administrationId,
      code: '1100',
      first: 2,
      after: l1.movements.pageInfo.endCursor,
    });
    const l2 = second.data!.administration.accountLedger!;
    expect(l2.movements.edges.map((e) => [e.node.date, e.node.balance])).toEqual([
      ['2026-02-05', '10710.00'],
    ]);
    expect(l2.movements.pageInfo.hasNextPage).toBe(false);

    const ranged = await kit.gql<LedgerData>(b.adminToken, LEDGER, {
      id: b.administrationId,
      code: '1100',
      from: '2026-01-01',
      to: '2026-01-31',
    });
    const l3 = ranged.data!.administration.accountLedger!;
    expect(l3).toMatchObject({ openingBalance: '10000.00', closingBalance: '9500.00' });
    expect(l3.movements.edges.map((e) => e.node.balance)).toEqual(['9500.00']);
  });

  test('an unknown account code gives null', async () => {
    const r = await kit.gql<LedgerData>(b.adminToken, LEDGER, {
      id: b.administrationId,
      code: '9876',
    });
    expect(r.errors).toBeUndefined();
    expect(r.data!.administration.accountLedger).toBeNull();
  });
});

const ENTRIES = `query($id: ID!, $first: Int, $after: String, $from: Date, $to: Date) { administration(id: $id) {
  journalEntries(first: $first, after: $after, from: $from, to: $to) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { number date } } }
} }`;
interface EntriesData {
  administration: {
    journalEntries: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string };
      edges: { node: { number: string; date: string } }[];
    } | null;
  };
}

describe('journalEntries (LEDGER_READ): newest first, date range, keyset pagination', () => {
  test('pages through all entries newest first', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const r: { data?: EntriesData | null } = await kit.gql<EntriesData>(b.adminToken, ENTRIES, {
        id: b.administrationId,
        first: 2,
        after,
      });
      const page = r.data!.administration.journalEntries!;
      expect(page.totalCount).toBe(5);
      seen.push(...page.edges.map((e) => e.node.number));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual([
      '2026-000004',
      '2026-000003',
      '2026-000002',
      '2026-000001',
      '2025-000001',
    ]);
  });

  test('filters on dates; a bad cursor is BAD_USER_INPUT', async () => {
    const r = await kit.gql<EntriesData>(b.adminToken, ENTRIES, {
      id: b.administrationId,
      from: '2026-01-15',
      to: '2026-02-28',
    });
    expect(r.data!.administration.journalEntries!.edges.map((e) => e.node.date)).toEqual([
      '2026-02-05',
      '2026-01-20',
    ]);
    expect(r.data!.administration.journalEntries!.totalCount).toBe(2);
    const bad = await kit.gql(b.adminToken, ENTRIES, { id: b.administrationId, after: 'bm9wZQ' });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('read permissions', () => {
  const ALL = `query($id: ID!) { administration(id: $id) {
    id name
    accounts { code } vatCodes { code } journals { code } ledgerStatus { draftEntries }
    journalEntries(first: 1) { totalCount }
    trialBalance(from: "2026-01-01", to: "2026-12-31") { totalDebit }
    balanceSheet(date: "2026-12-31") { totalAssets }
    profitAndLoss(from: "2026-01-01", to: "2026-12-31") { result }
    accountLedger(accountCode: "1100") { closingBalance }
    fiscalYears { year } lockedPeriods { id }
  } }`;
  const LEDGER_FIELDS = [
    'accounts',
    'vatCodes',
    'journals',
    'ledgerStatus',
    'journalEntries',
    'trialBalance',
    'balanceSheet',
    'profitAndLoss',
    'accountLedger',
    'fiscalYears',
    'lockedPeriods',
  ];

  test('a client without LEDGER_READ gets FORBIDDEN on every ledger field while the rest arrives', async () => {
    const c = await makeBooks(kit, undefined, {
      kind: 'INTERNAL_WITH_CLIENT_LOGIN',
      clientModules: ['INVOICING'],
    });
    const client = await userWith(kit, c, ['INVOICING_READ', 'INVOICING_WRITE'], 'CLIENT');
    const r = await kit.gql<{ administration: Record<string, unknown> }>(client, ALL, {
      id: c.administrationId,
    });
    expect(r.data!.administration.id).toBe(c.administrationId);
    expect(typeof r.data!.administration.name).toBe('string');
    for (const field of LEDGER_FIELDS)
      expect([field, r.data!.administration[field]]).toEqual([field, null]);
    expect(r.errors!.map((e) => [e.path?.at(-1), e.extensions?.code]).sort()).toEqual(
      LEDGER_FIELDS.map((f) => [f, 'FORBIDDEN']).sort(),
    );
  });

  test('a MEMBER with LEDGER_READ sees every ledger field', async () => {
    const reader = await userWith(kit, b, ['LEDGER_READ']);
    const r = await kit.gql<{ administration: Record<string, unknown> }>(reader, ALL, {
      id: b.administrationId,
    });
    expect(r.errors).toBeUndefined();
    for (const field of LEDGER_FIELDS)
      expect([field, r.data!.administration[field] !== null]).toEqual([field, true]);
  });

  test('_entities on the ledger subgraph obeys the same rules', async () => {
    const q = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Administration { id trialBalance(from: "2026-01-01", to: "2026-12-31") { totalDebit } } } }`;
    const variables = { reps: [{ __typename: 'Administration', id: b.administrationId }] };
    const outsider = await makeBooks(kit);
    const denied = await kit.system.subgraphs.ledger.query<{
      _entities: { id: string; trialBalance: unknown }[];
    }>(q, {
      token: outsider.adminToken,
      variables,
    });
    expect(denied.data!._entities[0]).toEqual({ id: b.administrationId, trialBalance: null });
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const allowed = await kit.system.subgraphs.ledger.query<{
      _entities: { trialBalance: { totalDebit: string } }[];
    }>(q, {
      token: b.adminToken,
      variables,
    });
    expect(allowed.data!._entities[0]!.trialBalance.totalDebit).toBe('3138.00');
  });
});
