import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { Pool } from 'undici';
import {
  signAccessToken,
  startEmbeddedPostgres,
  type SubgraphName,
  type SubgraphRuntime,
  type EmbeddedPostgresHandle,
} from '@kantoor/platform';
import { localRuntime, startKantoor, type RunningKantoor } from './run-system.js';
import { ALL_SUBGRAPHS } from './subgraphs.js';

/** What the benchmarks share: timing, GraphQL calls, and a whole system on a fresh database. */

export interface Stats {
  p50: number;
  p95: number;
  mean: number;
}

/** Latency of `fn` over `iterations` sequential calls after `warmup` unmeasured ones (ms). */
export async function measure(
  fn: () => Promise<unknown>,
  iterations: number,
  warmup = 2,
): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) times.push(await timed(fn));
  return statsOf(times);
}

/**
 * `fn` and its floor `floor`, measured turn about (fn, floor, fn, floor, ...): a ratio of
 * the two from the same seconds of the machine. On a shared virtual machine whose speed
 * drifts by a quarter within minutes, measuring one after the other put the drift into the
 * ratio.
 */
export async function measurePair(
  fn: () => Promise<unknown>,
  floor: () => Promise<unknown>,
  iterations: number,
  warmup = 2,
): Promise<[Stats, Stats]> {
  for (let i = 0; i < warmup; i++) {
    await fn();
    await floor();
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < iterations; i++) {
    a.push(await timed(fn));
    b.push(await timed(floor));
  }
  return [statsOf(a), statsOf(b)];
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function statsOf(times: number[]): Stats {
  times.sort((a, b) => a - b);
  return {
    p50: times[Math.floor(times.length * 0.5)]!,
    p95: times[Math.min(times.length - 1, Math.floor(times.length * 0.95))]!,
    mean: times.reduce((a, b) => a + b, 0) / times.length,
  };
}

/** Runs `total` calls of `fn` with `concurrency` workers; returns calls per second. */
export async function throughput(
  total: number,
  concurrency: number,
  fn: (i: number, worker: number) => Promise<unknown>,
): Promise<number> {
  let next = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (;;) {
        const i = next++;
        if (i >= total) return;
        await fn(i, worker);
      }
    }),
  );
  return total / (Number(process.hrtime.bigint() - start) / 1e9);
}

/**
 * One keep-alive connection pool per origin for the benchmark's client. undici's `request`
 * rather than the global `fetch`: fetch builds a WHATWG Request, Response and body stream per
 * call (about 0.8 ms of the dashboard query's 22 ms measured in-process, where the client
 * shares the CPU with the system it measures); the raw SQL floor's client has no such cost.
 */
const pools = new Map<string, Pool>();

function poolOf(origin: string): Pool {
  let pool = pools.get(origin);
  if (!pool) pools.set(origin, (pool = new Pool(origin, { connections: 16 })));
  return pool;
}

/** Closes the client's connections (the system stops after its clients). */
export async function closeClients(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((pool) => pool.close()));
}

/** A GraphQL call that fails loudly on errors (a benchmark must not time failures). */
export async function graphql(
  url: string,
  query: string,
  token: string,
  variables: unknown = {},
  headers: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  const target = new URL(url);
  const response = await poolOf(target.origin).request({
    method: 'POST',
    path: target.pathname,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.body.json()) as {
    errors?: unknown[];
    data?: Record<string, unknown>;
  };
  if (body.errors) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors).slice(0, 500)}`);
  if (response.statusCode !== 200) throw new Error(`HTTP ${response.statusCode}`);
  return body.data!;
}

export function machine(): string {
  return `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}

export interface BenchSystem {
  kantoor: RunningKantoor;
  /** One connection for data generation and the raw SQL floor. */
  db: Client;
  databaseUrl: string;
  jwtSecret: string;
  secrets: Record<string, string>;
  /** "embedded PostgreSQL (fsync off)" or "DATABASE_URL". */
  database: string;
  /**
   * A subgraph's runtime (database, events) for calling its services directly: the running
   * subgraph's own in-process, else one opened in this process (closed by stop()).
   */
  runtime(name: SubgraphName): Promise<SubgraphRuntime>;
  stop(): Promise<void>;
}

/**
 * How the benchmarks run the system: BENCH_MODE=processes (each subgraph and the gateway in a
 * child process of its own) or in-process (default: all in the benchmark's process).
 */
export function benchMode(): 'in-process' | 'processes' {
  return process.env.BENCH_MODE === 'processes' ? 'processes' : 'in-process';
}

/** A fresh database (embedded PostgreSQL unless DATABASE_URL) with the whole system on free ports. */
export async function startBenchSystem(
  label: string,
  mode: 'in-process' | 'processes' = benchMode(),
): Promise<BenchSystem> {
  let pg: EmbeddedPostgresHandle | null = null;
  let dir: string | null = null;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    dir = mkdtempSync(join(tmpdir(), `kantoor-${label}-`));
    pg = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), nonDurable: true });
    serverUrl = pg.url('postgres');
  }
  const name = `kantoor_${label.replace(/\W/g, '_')}_${randomBytes(4).toString('hex')}`;
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
    // Benchmarks measure throughput, not the per-caller budget.
    // A loaded machine answers slowly: measured, not cut off.
    env: { KANTOOR_RATE_LIMIT_POINTS: '0', KANTOOR_SUBGRAPH_TIMEOUT_MS: '60000' },
    mode,
  });
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const opened: { close(): Promise<void> }[] = [];
  return {
    kantoor,
    db,
    databaseUrl,
    jwtSecret,
    secrets,
    database: pg ? 'embedded PostgreSQL (fsync off)' : 'DATABASE_URL',
    runtime: async (name) => {
      const running = kantoor.subgraphs.find((s) => s.name === name)?.runtime;
      if (running) return running;
      const local = await localRuntime(
        ALL_SUBGRAPHS.find((s) => s.name === name)!,
        databaseUrl,
      );
      opened.push(local);
      return local;
    },
    stop: async () => {
      for (const r of opened) await r.close().catch(() => undefined);
      await db.end();
      await closeClients();
      await kantoor.stop();
      if (pg) await pg.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One office with N administrations, an ADMIN, and a MEMBER granted on every one; books opened. */
export async function seedDashboardOffice(
  db: Client,
  administrations: number,
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
    [office.id, administrations],
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
  // Steady state, as autovacuum keeps it: hint bits set, a visibility map for index-only scans.
  await db.query('VACUUM ANALYZE');
  return { adminId, memberId, officeId: office.id };
}

/** A fresh login session of `userId`: its id and an access token for it. */
export async function newSession(
  db: Client,
  userId: string,
  jwtSecret: string,
): Promise<{ sessionId: string; token: string }> {
  const { rows } = await db.query(
    `INSERT INTO tenancy.sessions (user_id, expires_at) VALUES ($1, now() + interval '1 day') RETURNING id`,
    [userId],
  );
  const sessionId = rows[0].id as string;
  return {
    sessionId,
    token: await signAccessToken({ sub: userId, sid: sessionId }, jwtSecret, 3600),
  };
}

/** An access token of a fresh login session of `userId`. */
export async function sessionToken(db: Client, userId: string, jwtSecret: string): Promise<string> {
  return (await newSession(db, userId, jwtSecret)).token;
}
