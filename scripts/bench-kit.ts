import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '@kantoor/platform';
import { startKantoor, type RunningKantoor } from './run-system.js';
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
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
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

/** A GraphQL call that fails loudly on errors (a benchmark must not time failures). */
export async function graphql(
  url: string,
  query: string,
  token: string,
  variables: unknown = {},
  headers: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { errors?: unknown[]; data?: Record<string, unknown> };
  if (body.errors) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors).slice(0, 500)}`);
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
  stop(): Promise<void>;
}

/** A fresh database (embedded PostgreSQL unless DATABASE_URL) with the whole system on free ports. */
export async function startBenchSystem(label: string): Promise<BenchSystem> {
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
    env: { KANTOOR_RATE_LIMIT_POINTS: '0' },
  });
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  return {
    kantoor,
    db,
    databaseUrl,
    jwtSecret,
    secrets,
    database: pg ? 'embedded PostgreSQL (fsync off)' : 'DATABASE_URL',
    stop: async () => {
      await db.end();
      await kantoor.stop();
      if (pg) await pg.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
