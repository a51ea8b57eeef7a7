import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  GATEWAY_SECRET_HEADER,
  signAccessToken,
  startEmbeddedPostgres,
  type EmbeddedPostgresHandle,
} from '@kantoor/platform';
import { startKantoor } from './run-system.js';
import { ALL_SUBGRAPHS } from './subgraphs.js';

/**
 * `npm run bench`: generated data of realistic size, every figure next to the raw SQL
 * floor measured in the same run. Prints a Markdown table for docs/benchmarks.md.
 * Set DATABASE_URL to use a server instead of the embedded PostgreSQL.
 */

const ADMINISTRATIONS = Number(process.env.BENCH_ADMINISTRATIONS ?? 5000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 60);
const WARMUP = 10;

interface Stats {
  p50: number;
  p95: number;
  mean: number;
}

async function measure(fn: () => Promise<unknown>, iterations = ITERATIONS): Promise<Stats> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return {
    p50: times[Math.floor(times.length * 0.5)]!,
    p95: times[Math.floor(times.length * 0.95)]!,
    mean: times.reduce((a, b) => a + b, 0) / times.length,
  };
}

async function graphql(
  url: string,
  query: string,
  token: string,
  headers: Record<string, string> = {},
) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { errors?: unknown[]; data?: unknown };
  if (body.errors) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors).slice(0, 500)}`);
  return body.data;
}

/** One office with N administrations, an ADMIN, and a MEMBER granted on every one; books opened. */
async function generate(
  db: Client,
): Promise<{ adminId: string; memberId: string; officeId: string }> {
  const [office] = (
    await db.query(
      `INSERT INTO tenancy.offices (name) VALUES ('Benchmark Accountants') RETURNING id`,
    )
  ).rows;
  const users = await db.query(
    `INSERT INTO tenancy.users (office_id, email, name, kind, office_role, password_hash)
     VALUES ($1, 'admin@bench.test', 'Bench Admin', 'STAFF', 'ADMIN', 'x'),
            ($1, 'member@bench.test', 'Bench Member', 'STAFF', 'MEMBER', 'x')
     RETURNING id, office_role`,
    [office.id],
  );
  const adminId = users.rows.find((u) => u.office_role === 'ADMIN').id as string;
  const memberId = users.rows.find((u) => u.office_role === 'MEMBER').id as string;
  await db.query(
    `INSERT INTO tenancy.administrations (office_id, name, kind, modules, client_modules, vat_number, kvk_number)
     SELECT $1, 'Klant ' || lpad(g::text, 5, '0') || ' ' || (ARRAY['BV','VOF','Eenmanszaak','Stichting'])[1 + g % 4],
            CASE WHEN g % 5 = 0 THEN 'INTERNAL_WITH_CLIENT_LOGIN' ELSE 'INTERNAL' END,
            '{LEDGER,INVOICING}',
            CASE WHEN g % 5 = 0 THEN '{INVOICING}'::text[] ELSE '{}'::text[] END,
            NULL, lpad((10000000 + g)::text, 8, '0')
       FROM generate_series(1, $2) g`,
    [office.id, ADMINISTRATIONS],
  );
  await db.query(
    `INSERT INTO tenancy.grants (user_id, administration_id, permissions)
     SELECT $1, id, '{LEDGER_READ,INVOICING_READ,VAT_READ}' FROM tenancy.administrations WHERE office_id = $2`,
    [memberId, office.id],
  );
  await db.query(
    `INSERT INTO ledger.books (administration_id) SELECT id FROM tenancy.administrations WHERE office_id = $1`,
    [office.id],
  );
  await db.query(
    `INSERT INTO ledger.accounts (administration_id, code, name, type)
     SELECT a.id, c.code, c.name, c.type FROM tenancy.administrations a
      CROSS JOIN (VALUES ('1000','Kas','ASSET'), ('1100','Bank','ASSET'), ('1300','Debiteuren','ASSET'),
                         ('1600','Crediteuren','LIABILITY'), ('4000','Algemene kosten','EXPENSE'),
                         ('8000','Omzet','REVENUE')) AS c(code, name, type)
      WHERE a.office_id = $1`,
    [office.id],
  );
  await db.query('ANALYZE');
  return { adminId, memberId, officeId: office.id };
}

async function main(): Promise<void> {
  let pg: EmbeddedPostgresHandle | null = null;
  let dir: string | null = null;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    dir = mkdtempSync(join(tmpdir(), 'kantoor-bench-'));
    pg = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), nonDurable: true });
    serverUrl = pg.url('postgres');
  }
  const name = `kantoor_bench_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();

  const jwtSecret = randomBytes(32).toString('hex');
  const secrets = Object.fromEntries(
    ALL_SUBGRAPHS.map((s) => [s.name, randomBytes(32).toString('hex')]),
  );
  const kantoor = await startKantoor({
    databaseUrl,
    jwtSecret,
    secrets,
    logLevel: 'error',
    ports: 'free',
  });
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const setupStart = Date.now();
    const { adminId, memberId, officeId } = await generate(db);
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
      ['MEMBER with 5,000 grants', memberId, memberToken],
    ] as const) {
      const sql = await measure(floor(userId));
      const viaGateway = await measure(() => graphql(gatewayUrl, PAGE, tok));
      const direct = await measure(() =>
        graphql(tenancy.url, PAGE, tok, { [GATEWAY_SECRET_HEADER]: secrets.tenancy! }),
      );
      rows.push([`administrations(first: 100), ${who}: gateway`, viaGateway, sql]);
      rows.push([`administrations(first: 100), ${who}: tenancy direct`, direct, sql]);
      const dashSql = await measure(dashboardFloor(userId));
      const dash = await measure(() => graphql(gatewayUrl, DASHBOARD, tok));
      rows.push([`dashboard page + ledger accounts, ${who}: gateway`, dash, dashSql]);
    }

    const fmt = (n: number) => n.toFixed(1);
    console.log(`\n## Dashboard (${new Date().toISOString().slice(0, 10)})\n`);
    console.log(
      `Machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ` +
        `${pg ? 'embedded PostgreSQL (fsync off)' : 'DATABASE_URL'}. Data: 1 office, ${ADMINISTRATIONS.toLocaleString('en')} administrations, ` +
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
    await db.end();
    await kantoor.stop();
    if (pg) await pg.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
