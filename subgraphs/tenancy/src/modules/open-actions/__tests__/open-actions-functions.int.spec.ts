/**
 * The read model's time-dependent count of VAT returns to file, as PostgreSQL runs it: the
 * inlined expression (migration 1765500000000) gives the answers of the first definition
 * (a function with its own FROM, kept here as the reference) on every kind of case, and it is
 * inlined into the calling statement (no per-row function call).
 */
import { startTestSystemWithFactories, type TestSystem } from '../../../../../../test/system';
import { firstVatReturnsToFile } from '../../../migrations/1765500000000-open-actions-inline';
import { SORT_DUE_DATES } from '../../../migrations/1765600000000-open-actions-overdue-inline';
import { upsertInvoicingActions, upsertVatActions } from '../open-actions.sql';

let system: TestSystem;
beforeAll(async () => ({ system } = await startTestSystemWithFactories()));
// A test system that never served a request keeps jest from exiting when run alone (a handle
// left open by its stop; not investigated): one request through the gateway first.
beforeAll(() => system.query('{ __typename }'));
afterAll(() => system?.stop());

const db = () => system.subgraphs.tenancy.runtime.dataSource;

/** The verbose plan of `expression` over every row of the read model, on 2026-12-03. */
async function planOf(expression: string): Promise<string> {
  const rows: { 'QUERY PLAN': string }[] = await db().query(
    `EXPLAIN (VERBOSE, COSTS OFF) SELECT ${expression} FROM tenancy.open_actions o`,
    ['2026-12-03'],
  );
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}

const REFERENCE = firstVatReturnsToFile('pg_temp.reference_to_file');

test('vatReturnsToFile: the same answers as the reference on every kind, day and filing', async () => {
  const runner = db().createQueryRunner();
  try {
    await runner.query(REFERENCE);
    // Every combination of kind, first day, today and a filing (sorted, as the upsert keeps
    // it): period starts before, inside, at the edges of and after the counted range,
    // duplicates, and filings outside any period start.
    const { rows } = await runner
      .query(
        `WITH kinds(kind) AS (VALUES ('MONTH'), ('QUARTER'), ('YEAR'), (NULL)),
              firsts(first_day) AS (VALUES (DATE '2024-02-15'), (DATE '2025-01-01'), (DATE '2025-12-31'),
                                           (DATE '2026-06-30'), (DATE '2027-03-01'), (NULL::date)),
              todays(today) AS (VALUES (DATE '2025-01-01'), (DATE '2025-11-30'), (DATE '2026-01-01'),
                                       (DATE '2026-07-01'), (DATE '2026-12-03')),
              filings(filed) AS (VALUES ('{}'::date[]), ('{2025-01-01}'), ('{2024-01-01,2025-04-01,2025-07-01}'),
                                        ('{2025-01-01,2025-01-01,2025-02-01}'), ('{2025-10-01,2026-01-01,2026-04-01,2026-07-01,2026-10-01}'),
                                        ('{1900-01-01,2025-03-15,2030-01-01}'),
                                        ('{2025-01-01,2025-02-01,2025-03-01,2025-04-01,2025-05-01,2025-06-01,2025-07-01,2025-08-01,2025-09-01,2025-10-01,2025-11-01,2025-12-01,2026-01-01}'))
         SELECT kind, first_day::text, filed::text, today::text,
                tenancy.vat_returns_to_file(kind, first_day, filed, today) AS inlined,
                pg_temp.reference_to_file(kind, first_day, filed, today) AS reference
           FROM kinds, firsts, todays, filings`,
        undefined,
        true,
      )
      .then((r: { records: unknown[] }) => ({ rows: r.records as Record<string, unknown>[] }));
    expect(rows).toHaveLength(4 * 6 * 5 * 7);
    const differing = rows.filter((r) => r.inlined !== r.reference);
    expect(differing).toEqual([]);
    // Not vacuous: many cases have returns to file, some more than one.
    expect(rows.filter((r) => Number(r.reference) > 0).length).toBeGreaterThan(100);
    expect(rows.some((r) => Number(r.reference) > 4)).toBe(true);
  } finally {
    await runner.release();
  }
});

test('it is inlined: the statement calls no function per row', async () => {
  const plan = await planOf(
    'tenancy.vat_returns_to_file(o.vat_filing_period, o.vat_first_day, o.vat_filed, CAST($1 AS date))',
  );
  expect(plan).toContain('width_bucket');
  expect(plan).not.toContain('vat_returns_to_file');
});

test('the upsert keeps the filed periods sorted and without nulls', async () => {
  const id = '00000000-0000-4000-8000-00000000f11e';
  // The statement the VAT module's report goes through (open-actions.events.ts).
  await upsertVatActions(db().manager, [
    JSON.stringify([
      {
        id,
        kind: 'QUARTER',
        first_day: '2025-01-01',
        filed: ['2025-07-01', null, '2025-01-01', '2025-04-01'],
        first_unfiled: '2025-10-01',
      },
    ]),
    new Date().toISOString(),
  ]);
  const [row] = await db().query(
    `SELECT vat_filed::text AS filed FROM tenancy.open_actions WHERE administration_id = $1`,
    [id],
  );
  expect(row.filed).toBe('{2025-01-01,2025-04-01,2025-07-01}');
});

describe('overdueInvoices: running totals at the position of the day', () => {
  const ids = Array.from(
    { length: 6 },
    (_, i) => `00000000-0000-4000-8000-0000000d${String(i).padStart(4, '0')}`,
  );
  // Unsorted, with duplicate dates, a far past, the edges of the days asked, and none.
  const reports = [
    { dates: ['2026-12-02', '2026-11-01', '2026-12-03', '2026-12-04'], counts: [2, 5, 7, 11] },
    { dates: ['2026-12-03', '2026-12-03', '1900-01-01'], counts: [1, 4, 9] },
    { dates: [], counts: [] },
    { dates: ['2027-01-01'], counts: [3] },
    { dates: ['2026-12-01', '2026-01-15', '2026-06-30', '2026-12-02'], counts: [1, 1, 1, 1] },
    { dates: ['2026-12-02'], counts: [40] },
  ];
  const days = [
    '1900-01-01',
    '2026-01-15',
    '2026-11-30',
    '2026-12-02',
    '2026-12-03',
    '2026-12-04',
    '2026-12-05',
    '2099-01-01',
  ];

  /** Every id and day: the inlined count and the first definition's, side by side. */
  async function compare() {
    const rows: { id: string; day: string; inlined: number; reference: number }[] =
      await db().query(
        `SELECT o.administration_id AS id, d::date::text AS day,
              tenancy.overdue_invoices_running(o.invoice_due_dates, o.invoice_due_running, d::date) AS inlined,
              tenancy.overdue_invoices(o.invoice_due_dates, o.invoice_due_counts, d::date) AS reference
         FROM tenancy.open_actions o, unnest($2::date[]) AS d
        WHERE o.administration_id = ANY($1::uuid[])`,
        [ids, days],
      );
    expect(rows).toHaveLength(ids.length * days.length);
    expect(rows.filter((r) => r.inlined !== r.reference)).toEqual([]);
    return rows;
  }

  test('the upsert sorts by due date with running totals; the same answers as overdue_invoices', async () => {
    await upsertInvoicingActions(db().manager, [
      JSON.stringify(ids.map((id, i) => ({ id, drafts: 0, ...reports[i]! }))),
      new Date().toISOString(),
    ]);
    const rows = await compare();
    const on = (id: string, day: string) => rows.find((r) => r.id === id && r.day === day)!.inlined;
    // By hand: due before the day.
    expect(on(ids[0]!, '2026-12-03')).toBe(5 + 2);
    expect(on(ids[0]!, '2026-12-05')).toBe(25);
    expect(on(ids[1]!, '2026-12-03')).toBe(9);
    expect(on(ids[1]!, '2026-12-04')).toBe(14);
    expect(on(ids[2]!, '2099-01-01')).toBe(0);
    expect(on(ids[5]!, '2026-12-02')).toBe(0);
    const [stored] = await db().query(
      `SELECT invoice_due_dates::text AS dates, invoice_due_counts::text AS counts,
              invoice_due_running::text AS running
         FROM tenancy.open_actions WHERE administration_id = $1`,
      [ids[0]],
    );
    expect(stored).toEqual({
      dates: '{2026-11-01,2026-12-02,2026-12-03,2026-12-04}',
      counts: '{5,2,7,11}',
      running: '{5,7,14,25}',
    });
  });

  test('rows stored before are sorted with running totals by the migration', async () => {
    await db().query(
      `UPDATE tenancy.open_actions o SET invoice_due_dates = r.dates::date[],
              invoice_due_counts = r.counts::int[], invoice_due_running = '{}'
         FROM (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, dates text, counts text)) AS r
        WHERE o.administration_id = r.id`,
      [
        JSON.stringify(
          ids.map((id, i) => ({
            id,
            dates: `{${reports[i]!.dates.join(',')}}`,
            counts: `{${reports[i]!.counts.join(',')}}`,
          })),
        ),
      ],
    );
    await db().query(SORT_DUE_DATES);
    await compare();
  });

  test('it is inlined: the statement calls no function per row', async () => {
    const plan = await planOf(
      'tenancy.overdue_invoices_running(o.invoice_due_dates, o.invoice_due_running, CAST($1 AS date))',
    );
    expect(plan).toContain('width_bucket');
    expect(plan).not.toContain('overdue_invoices');
  });
});
