import 'reflect-metadata';
import { GATEWAY_SECRET_HEADER, signAccessToken } from '@kantoor/platform';
import {
  graphql,
  machine,
  measure,
  seedDashboardOffice,
  startBenchSystem,
  type Stats,
} from './bench-kit.js';

/**
 * `npm run bench`: generated data of realistic size, every figure next to the raw SQL
 * floor measured in the same run. Prints a Markdown table for docs/benchmarks.md.
 * Set DATABASE_URL to use a server instead of the embedded PostgreSQL.
 */

const ADMINISTRATIONS = Number(process.env.BENCH_ADMINISTRATIONS ?? 5000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 60);
const WARMUP = 10;

async function main(): Promise<void> {
  const bench = await startBenchSystem('bench-dashboard');
  const { kantoor, db, jwtSecret, secrets } = bench;
  try {
    const setupStart = Date.now();
    const { adminId, memberId, officeId } = await seedDashboardOffice(db, ADMINISTRATIONS);
    const setupSeconds = (Date.now() - setupStart) / 1000;
    const token = async (userId: string) => {
      const { rows } = await db.query(
        `INSERT INTO tenancy.sessions (user_id, expires_at) VALUES ($1, now() + interval '1 day') RETURNING id`,
        [userId],
      );
      return signAccessToken({ sub: userId, sid: rows[0].id }, jwtSecret, 3600);
    };
    const adminToken = await token(adminId);
    const memberToken = await token(memberId);
    const tenancy = kantoor.subgraphs.find((s) => s.name === 'tenancy')!;
    const gatewayUrl = kantoor.gateway.url;

    const PAGE = `{ administrations(first: 100) { totalCount pageInfo { hasNextPage endCursor } edges { node { id name kind myPermissions } } } }`;
    const DASHBOARD = `{ administrations(first: 100) { totalCount edges { node { id name kind myPermissions accounts { code } } } } }`;

    // The raw SQL floor: what the administrations page needs, as plain SQL on one connection:
    // the visible administrations (the same predicate the service uses), count, first page,
    // and the viewer's permissions on that page.
    const visibleTo = (userId: string) =>
      userId === adminId
        ? `a.office_id = '${officeId}'`
        : `a.office_id = '${officeId}' AND a.id IN (SELECT g.administration_id FROM tenancy.grants g WHERE g.user_id = '${userId}' AND cardinality(g.permissions) > 0)`;
    const floor = (userId: string) => async () => {
      const visible = `${visibleTo(userId)} AND a.archived_at IS NULL`;
      await db.query(`SELECT count(*) FROM tenancy.administrations a WHERE ${visible}`);
      const page = await db.query(
        `SELECT a.* FROM tenancy.administrations a WHERE ${visible} ORDER BY lower(a.name), a.id LIMIT 101`,
      );
      await db.query(
        `SELECT administration_id, permission FROM tenancy.effective_permissions WHERE user_id = $1 AND administration_id = ANY($2::uuid[])`,
        [userId, page.rows.map((r) => r.id)],
      );
      return page;
    };
    const dashboardFloor = (userId: string) => async () => {
      const page = await floor(userId)();
      await db.query(
        `SELECT * FROM ledger.accounts WHERE administration_id = ANY($1::uuid[]) ORDER BY code`,
        [page.rows.slice(0, 100).map((r) => r.id)],
      );
    };

    const rows: [string, Stats, Stats][] = [];
    for (const [who, userId, tok] of [
      ['office ADMIN', adminId, adminToken],
      [`MEMBER with ${ADMINISTRATIONS.toLocaleString('en')} grants`, memberId, memberToken],
    ] as const) {
      const sql = await measure(floor(userId), ITERATIONS, WARMUP);
      const viaGateway = await measure(() => graphql(gatewayUrl, PAGE, tok), ITERATIONS, WARMUP);
      const direct = await measure(
        () => graphql(tenancy.url, PAGE, tok, {}, { [GATEWAY_SECRET_HEADER]: secrets.tenancy! }),
        ITERATIONS,
        WARMUP,
      );
      rows.push([`administrations(first: 100), ${who}: gateway`, viaGateway, sql]);
      rows.push([`administrations(first: 100), ${who}: tenancy direct`, direct, sql]);
      const dashSql = await measure(dashboardFloor(userId), ITERATIONS, WARMUP);
      const dash = await measure(() => graphql(gatewayUrl, DASHBOARD, tok), ITERATIONS, WARMUP);
      rows.push([`dashboard page + ledger accounts, ${who}: gateway`, dash, dashSql]);
    }

    const fmt = (n: number) => n.toFixed(1);
    console.log(`\n## Dashboard (${new Date().toISOString().slice(0, 10)})\n`);
    console.log(
      `Machine: ${machine()}, ${bench.database}. Data: 1 office, ${ADMINISTRATIONS.toLocaleString('en')} administrations, ` +
        `6 accounts each; generated in ${setupSeconds.toFixed(1)}s. ${ITERATIONS} iterations after ${WARMUP} warm-up, sequential.\n`,
    );
    console.log('| operation | p50 ms | p95 ms | mean ms | raw SQL floor p50 ms | ratio (p50) |');
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const [label, s, f] of rows) {
      console.log(
        `| ${label} | ${fmt(s.p50)} | ${fmt(s.p95)} | ${fmt(s.mean)} | ${fmt(f.p50)} | ${(s.p50 / f.p50).toFixed(1)}x |`,
      );
    }
  } finally {
    await bench.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
