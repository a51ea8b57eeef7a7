/**
 * Issue 13 item 16: a page of 100 administrations asking fiscal years, locked periods and the
 * reports costs the ledger one query per kind, not one per administration. Every SQL statement
 * of the ledger's DataSource is counted (its logger sees each one).
 */
import {
  makeBooks,
  makeOffice,
  post,
  simpleLines,
  startLedgerKit,
  type LedgerKit,
} from '../../../__tests__/ledger-kit';
import { isOpenActionsReport } from '@kantoor/platform';
import type { QueryRunner } from 'typeorm';

let kit: LedgerKit;

beforeAll(async () => {
  kit = await startLedgerKit();
});
afterAll(async () => {
  await kit?.stop();
});

const PAGE = `query($first: Int) { administrations(first: $first) { totalCount edges { node {
  id
  fiscalYears { year entryCount }
  lockedPeriods { from to }
  trialBalance(from: "2026-01-01", to: "2026-12-31") { totalDebit rows { account { code } closingBalance } }
  balanceSheet(date: "2026-12-31") { totalAssets totalLiabilitiesAndEquity }
  profitAndLoss(from: "2026-01-01", to: "2026-12-31") { result }
} } } }`;
interface Node {
  id: string;
  fiscalYears: { year: number; entryCount: number }[];
  lockedPeriods: { from: string; to: string }[];
  trialBalance: {
    totalDebit: string;
    rows: { account: { code: string }; closingBalance: string }[];
  };
  balanceSheet: { totalAssets: string; totalLiabilitiesAndEquity: string };
  profitAndLoss: { result: string };
}

test('a page of 100 administrations: one query per kind for fiscalYears, lockedPeriods and the reports', async () => {
  const o = await makeOffice(kit);
  const tenancy = kit.system.subgraphs.tenancy.runtime.dataSource;
  const rows: { id: string }[] = await tenancy.query(
    `INSERT INTO tenancy.administrations (office_id, name, kind, modules)
     SELECT $1, 'Klant ' || lpad(g::text, 3, '0'), 'INTERNAL', '{LEDGER}' FROM generate_series(1, 99) g
     RETURNING id`,
    [o.officeId],
  );
  await kit.ledgerDb.query(
    `INSERT INTO ledger.books (administration_id, office_id) SELECT unnest($1::uuid[]), $2`,
    [rows.map((r) => r.id), o.officeId],
  );
  const b = await makeBooks(kit, o);
  await post(kit, b.adminToken, {
    administrationId: b.administrationId,
    date: '2026-02-01',
    lines: [
      { accountCode: '1100', debit: '121.00' },
      { accountCode: '8000', credit: '121.00' },
    ],
  });
  await post(kit, b.adminToken, {
    administrationId: b.administrationId,
    date: '2026-03-01',
    lines: simpleLines('21.00'),
  });
  await kit.gql(
    b.adminToken,
    `mutation($input: LockPeriodInput!) { lockPeriod(input: $input) { userErrors { code } } }`,
    { input: { administrationId: b.administrationId, from: '2026-01-01', to: '2026-01-31' } },
  );

  const statements: string[] = [];
  const logQuery = jest
    .spyOn(kit.ledgerDb.logger, 'logQuery')
    .mockImplementation((query: string, _parameters: unknown, runner?: QueryRunner) => {
      // The dashboard's background reporter shares the data source; not this request's.
      if (!isOpenActionsReport(query, runner)) statements.push(query);
    });
  try {
    const r = await kit.gql<{ administrations: { totalCount: number; edges: { node: Node }[] } }>(
      o.adminToken,
      PAGE,
      { first: 100 },
    );
    expect(r.errors).toBeUndefined();
    const nodes = r.data!.administrations.edges.map((e) => e.node);
    expect(nodes).toHaveLength(100);
    const count = (table: string) =>
      statements.filter((q) => q.includes(`"ledger"."${table}"`) || q.includes(`ledger.${table}`))
        .length;
    expect(count('fiscal_years')).toBe(1);
    expect(count('locked_periods')).toBe(1);
    // One GROUP BY over the lines per report kind (trial balance, balance sheet, profit and
    // loss), and the accounts read once per report kind.
    expect(count('journal_entry_lines')).toBe(3);
    expect(count('accounts')).toBeLessThanOrEqual(3);
    expect(statements.length).toBeLessThan(15);

    const real = nodes.find((n) => n.id === b.administrationId)!;
    expect(real.fiscalYears).toEqual([{ year: 2026, entryCount: 2 }]);
    expect(real.lockedPeriods).toEqual([{ from: '2026-01-01', to: '2026-01-31' }]);
    expect(real.trialBalance.totalDebit).toBe('142.00');
    expect(real.balanceSheet).toEqual({
      totalAssets: '100.00',
      totalLiabilitiesAndEquity: '100.00',
    });
    expect(real.profitAndLoss.result).toBe('100.00');
    const idle = nodes.filter((n) => n.id !== b.administrationId);
    expect(idle.every((n) => n.fiscalYears.length === 0 && n.trialBalance.rows.length === 0)).toBe(
      true,
    );
  } finally {
    logQuery.mockRestore();
  }
});
