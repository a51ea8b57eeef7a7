import 'reflect-metadata';
import { signAccessToken } from '@kantoor/platform';
import { graphql, machine, measure, startBenchSystem, type Stats } from './bench-kit.js';
import {
  OVERVIEW_PAGE_AND_COUNTS,
  OVERVIEW_ROWS,
  overviewParameters,
  pageParameters,
} from '@kantoor/vat';

/**
 * `npm run bench:vat`: the office's VAT overview for 5,000 administrations (two thirds
 * quarterly, one third monthly, since 2025-01-01; a third of the past returns in the workflow
 * or filed): the first page of 50 with countsByStatus through the gateway, against the raw SQL
 * floor (the page and the counts as plain SQL on one connection) in the same run; and
 * Administration.vatStatus for a page of 100 administrations. The VAT projection is filled
 * with SQL (as 5,000 administration.created events would fill it). Prints a Markdown section
 * for docs/benchmarks.md.
 */

const ADMINISTRATIONS = Number(process.env.BENCH_VAT_ADMINISTRATIONS ?? 5000);
const ITERATIONS = Number(process.env.BENCH_VAT_ITERATIONS ?? 30);

const OVERVIEW = `query($filter: VatOverviewFilter) {
  vatOverview(first: 50, filter: $filter) {
    totalCount countsByStatus { status count }
    pageInfo { hasNextPage endCursor }
    edges { cursor node { administration { id name } return { period dueDate status overdue } } }
  } }`;

const STATUS_PAGE = `{ administrations(first: 100) { edges { node { id name
  vatStatus { openReturns overdueReturns nextReturn { period dueDate status } } } } } }`;

async function main(): Promise<void> {
  const began = Date.now();
  const bench = await startBenchSystem('bench-vat');
  const { kantoor, db, jwtSecret } = bench;
  try {
    const [office] = (
      await db.query(`INSERT INTO tenancy.offices (name) VALUES ('Benchmark VAT') RETURNING id`)
    ).rows as { id: string }[];
    const [user] = (
      await db.query(
        `INSERT INTO tenancy.users (office_id, email, name, kind, office_role, password_hash)
         VALUES ($1, 'admin@bench-vat.test', 'Bench Admin', 'STAFF', 'ADMIN', 'x') RETURNING id`,
        [office!.id],
      )
    ).rows as { id: string }[];
    const { rows: sessions } = await db.query(
      `INSERT INTO tenancy.sessions (user_id, expires_at) VALUES ($1, now() + interval '1 day') RETURNING id`,
      [user!.id],
    );
    const token = await signAccessToken({ sub: user!.id, sid: sessions[0].id }, jwtSecret, 3600);

    // Tenancy's rows and the VAT projection of them (administration.created would write it).
    await db.query(
      `INSERT INTO tenancy.administrations (office_id, name, kind, modules, vat_filing_period, vat_number)
       SELECT $1, 'Administratie ' || lpad(i::text, 5, '0'), 'INTERNAL', '{LEDGER}',
              CASE WHEN i % 3 = 0 THEN 'MONTH' ELSE 'QUARTER' END, 'NL' || lpad(i::text, 9, '0') || 'B01'
         FROM generate_series(1, $2) i`,
      [office!.id, ADMINISTRATIONS],
    );
    await db.query(
      `INSERT INTO vat.administrations (administration_id, office_id, name, vat_filing_period, vat_number, started_on)
       SELECT id, office_id, name, vat_filing_period, vat_number, '2025-01-01'
         FROM tenancy.administrations WHERE office_id = $1`,
      [office!.id],
    );
    // A third of the returns of 2025 in the workflow or filed.
    await db.query(
      `INSERT INTO vat.returns (administration_id, period, period_start, period_end, due_date, status, sums, prepared_at)
       SELECT a.administration_id,
              CASE a.vat_filing_period WHEN 'MONTH' THEN to_char(s, 'YYYY-MM')
                   ELSE to_char(s, 'YYYY') || '-Q' || extract(quarter FROM s) END,
              s::date, (s + step - interval '1 day')::date, (s + step + interval '1 month' - interval '1 day')::date,
              (ARRAY['PREPARED', 'APPROVED', 'SUBMITTED', 'ACCEPTED'])[1 + (abs(hashtext(a.administration_id::text || s::text)) % 4)],
              '{"turnover": {}, "vat": {}, "input": "0.00"}', now()
         FROM vat.administrations a
         CROSS JOIN LATERAL (SELECT CASE a.vat_filing_period WHEN 'MONTH' THEN interval '1 month' ELSE interval '3 months' END AS step) x
         CROSS JOIN LATERAL generate_series('2025-01-01'::timestamp, '2025-12-01'::timestamp, x.step) s
        WHERE a.office_id = $1 AND abs(hashtext(a.administration_id::text || s::text)) % 3 = 0`,
      [office!.id],
    );
    await db.query('ANALYZE');
    const { rows: counted } = await db.query(
      `SELECT count(*)::int AS n FROM vat.returns r JOIN vat.administrations a USING (administration_id) WHERE a.office_id = $1`,
      [office!.id],
    );

    const gatewayUrl = kantoor.gateway.url;
    const today = new Date().toISOString().slice(0, 10);
    const params = overviewParameters(user!.id, today, {
      statuses: null,
      dueBefore: null,
      overdue: null,
      search: null,
    });
    const overdueParams = overviewParameters(user!.id, today, {
      statuses: null,
      dueBefore: null,
      overdue: true,
      search: null,
    });
    // The floor: the one statement that answers the page of 50 (+1) and the counts.
    const floor = (p: unknown[]) => async () => {
      await db.query(OVERVIEW_PAGE_AND_COUNTS, pageParameters(p, null, 51));
    };
    if (process.env.BENCH_VAT_EXPLAIN) {
      const { rows: plan } = await db.query(
        `EXPLAIN (ANALYZE, BUFFERS) SELECT status, count(*) FROM (${OVERVIEW_ROWS}) o GROUP BY status`,
        params,
      );
      console.log(plan.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n'));
    }
    const check = (await graphql(gatewayUrl, OVERVIEW, token)) as {
      vatOverview: { totalCount: number; edges: unknown[] };
    };
    if (check.vatOverview.edges.length !== 50) throw new Error('expected a full first page');

    const results: { name: string; stats: Stats; floor: Stats }[] = [];
    const floorAll = await measure(floor(params), ITERATIONS);
    results.push({
      name: 'vatOverview(first: 50) + countsByStatus, office ADMIN: gateway',
      stats: await measure(() => graphql(gatewayUrl, OVERVIEW, token), ITERATIONS),
      floor: floorAll,
    });
    const floorOverdue = await measure(floor(overdueParams), ITERATIONS);
    results.push({
      name: 'vatOverview(first: 50, filter: { overdue: true }): gateway',
      stats: await measure(
        () => graphql(gatewayUrl, OVERVIEW, token, { filter: { overdue: true } }),
        ITERATIONS,
      ),
      floor: floorOverdue,
    });
    const statusFloor = await measure(async () => {
      await db.query(
        `SELECT id FROM tenancy.administrations WHERE office_id = $1 ORDER BY lower(name), id LIMIT 101`,
        [office!.id],
      );
      await db.query(
        `SELECT a.*, r.* FROM vat.administrations a LEFT JOIN vat.returns r USING (administration_id)
          WHERE a.administration_id IN (SELECT id FROM tenancy.administrations WHERE office_id = $1 ORDER BY lower(name), id LIMIT 100)`,
        [office!.id],
      );
    }, ITERATIONS);
    results.push({
      name: 'administrations(first: 100) { vatStatus }: gateway',
      stats: await measure(() => graphql(gatewayUrl, STATUS_PAGE, token), ITERATIONS),
      floor: statusFloor,
    });

    console.log(`\n## VAT overview (${today})\n`);
    console.log(
      `Machine: ${machine()}, ${bench.database}. Data: 1 office, ${ADMINISTRATIONS} administrations (two thirds quarterly, one third monthly) since 2025-01-01: ${check.vatOverview.totalCount} overview rows, ${counted[0].n} returns in the workflow or filed. ${ITERATIONS} iterations after 2 warm-up, sequential. Command: \`npm run bench:vat\`, total run ${Math.round((Date.now() - began) / 1000)}s.\n`,
    );
    console.log('| operation | p50 ms | p95 ms | mean ms | raw SQL floor p50 ms | ratio (p50) |');
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const r of results) {
      console.log(
        `| ${r.name} | ${r.stats.p50.toFixed(1)} | ${r.stats.p95.toFixed(1)} | ${r.stats.mean.toFixed(1)} | ${r.floor.p50.toFixed(1)} | ${(r.stats.p50 / r.floor.p50).toFixed(1)}x |`,
      );
    }
  } finally {
    await bench.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
