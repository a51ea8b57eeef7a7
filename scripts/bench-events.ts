import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import {
  createDataSource,
  createLogger,
  EventBus,
  processedEventsTableSql,
  startEmbeddedPostgres,
  type DomainEvent,
  type EmbeddedPostgresHandle,
  type EventBusOptions,
  type Subscription,
} from '@kantoor/platform';
import { machine } from './bench-kit.js';

/**
 * `npm run bench:events`: delivery between modules over the event bus on a real
 * PostgreSQL (embedded unless DATABASE_URL), next to the raw SQL floor of the same
 * handler run in a loop on one connection.
 *
 * - burst: BENCH_EVENTS (500) events on one queue, published by 8 concurrent publishers,
 *   one transaction each, for 50 administrations; events/s from the first publish to the
 *   last handler commit, and latency publish-commit -> handler-commit (p50/p99).
 * - idle: BENCH_IDLE (200) events one at a time with a pause between them, so the worker
 *   is idle when each arrives: p50/p99 latency.
 * - before: the previous configuration (batch of 1, poll every second, no NOTIFY) on a
 *   short burst of BENCH_BEFORE (20) events, for comparison.
 *
 * The handler is a typical consumer's: keep a per-administration counter and write one
 * row, inside the consumer's transaction with its processed_events row.
 */

const EVENTS = Number(process.env.BENCH_EVENTS ?? 500);
const IDLE = Number(process.env.BENCH_IDLE ?? 200);
const BEFORE = Number(process.env.BENCH_BEFORE ?? 20);
const ADMINISTRATIONS = 50;
const SCHEMA = 'bench';

interface Timing {
  published: Map<string, number>;
  handled: Map<string, number>;
}

function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
}

/** The consumer's work for one event: the same SQL the raw floor runs. */
async function applyEvent(event: DomainEvent, manager: EntityManager): Promise<void> {
  const { administrationId, n } = event.payload as { administrationId: string; n: number };
  await manager.query(
    `INSERT INTO bench.counters (administration_id, events) VALUES ($1, 1)
     ON CONFLICT (administration_id) DO UPDATE SET events = bench.counters.events + 1`,
    [administrationId],
  );
  await manager.query(
    `INSERT INTO bench.effects (event_id, administration_id, n) VALUES ($1, $2, $3)`,
    [event.id, administrationId, n],
  );
}

async function startBus(
  url: string,
  timing: Timing,
  extra: Partial<EventBusOptions> = {},
): Promise<EventBus> {
  return EventBus.start({
    url,
    logger: createLogger('bench-events', 'error'),
    supervise: false,
    ...(process.env.BENCH_CONCURRENCY
      ? { concurrency: Number(process.env.BENCH_CONCURRENCY) }
      : {}),
    ...(process.env.BENCH_BATCH ? { batchSize: Number(process.env.BENCH_BATCH) } : {}),
    ...(process.env.BENCH_PER_TX ? { eventsPerTransaction: Number(process.env.BENCH_PER_TX) } : {}),
    afterHandled: (event) => {
      timing.handled.set(event.id, now());
    },
    ...extra,
  });
}

async function subscribe(
  bus: EventBus,
  dataSource: DataSource,
  label: string,
): Promise<Subscription> {
  const s: Subscription = {
    event: `bench.${label}`,
    queue: `bench-${label}`,
    handle: applyEvent,
  };
  await bus.declare([s]);
  await bus.work([s], dataSource, SCHEMA);
  return s;
}

async function publishOne(
  bus: EventBus,
  dataSource: DataSource,
  type: string,
  n: number,
  timing: Timing,
): Promise<void> {
  const administrationId = ADMINISTRATION_IDS[n % ADMINISTRATIONS]!;
  const id = await dataSource.transaction((manager) =>
    bus.publish(manager, type, { administrationId, n }),
  );
  timing.published.set(id, now());
}

async function publishMany(
  bus: EventBus,
  dataSource: DataSource,
  type: string,
  first: number,
  count: number,
  timing: Timing,
): Promise<void> {
  const ids = await dataSource.transaction(async (manager) => {
    const published: string[] = [];
    for (let n = first; n < first + count && n < EVENTS; n++) {
      const administrationId = ADMINISTRATION_IDS[n % ADMINISTRATIONS]!;
      published.push(await bus.publish(manager, type, { administrationId, n }));
    }
    return published;
  });
  const at = now();
  for (const id of ids) timing.published.set(id, at);
}

async function waitFor(timing: Timing, count: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (timing.handled.size < count) {
    if (Date.now() > deadline) throw new Error(`only ${timing.handled.size}/${count} handled`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function latencies(timing: Timing): { p50: number; p99: number } {
  const values = [...timing.handled].map(([id, at]) => at - timing.published.get(id)!);
  values.sort((a, b) => a - b);
  return { p50: percentile(values, 0.5), p99: percentile(values, 0.99) };
}

const ADMINISTRATION_IDS = Array.from({ length: ADMINISTRATIONS }, () => randomUUID());

async function main(): Promise<void> {
  const began = Date.now();
  let embedded: EmbeddedPostgresHandle | null = null;
  let dir: string | null = null;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    dir = mkdtempSync(join(tmpdir(), 'kantoor-bench-events-'));
    embedded = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), nonDurable: true });
    serverUrl = embedded.url('postgres');
  }
  const name = `kantoor_bench_events_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();

  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  await db.query(`CREATE SCHEMA ${SCHEMA}`);
  await db.query(processedEventsTableSql(SCHEMA));
  await db.query(
    `CREATE TABLE bench.counters (administration_id uuid PRIMARY KEY, events int NOT NULL)`,
  );
  await db.query(`CREATE TABLE bench.effects (
    event_id uuid PRIMARY KEY, administration_id uuid NOT NULL, n int NOT NULL)`);

  const dataSource = createDataSource({
    url: databaseUrl,
    schema: SCHEMA,
    entities: [],
    migrations: [],
  });
  await dataSource.initialize();
  // The publishing module has its own pool, as tenancy and the ledger do.
  const publisher = createDataSource({
    url: databaseUrl,
    schema: 'public',
    entities: [],
    migrations: [],
  });
  await publisher.initialize();
  const rows: string[] = [];
  try {
    // Raw floor: the handler's SQL (processed_events row + counter + effect) in a loop,
    // one transaction per event, one connection.
    const floorStart = now();
    const floorTimes: number[] = [];
    for (let n = 0; n < EVENTS; n++) {
      const t = now();
      await db.query('BEGIN');
      await db.query(`INSERT INTO bench.processed_events (event_id, queue) VALUES ($1, 'floor')`, [
        randomUUID(),
      ]);
      await db.query(
        `INSERT INTO bench.counters (administration_id, events) VALUES ($1, 1)
         ON CONFLICT (administration_id) DO UPDATE SET events = bench.counters.events + 1`,
        [ADMINISTRATION_IDS[n % ADMINISTRATIONS]],
      );
      await db.query(
        `INSERT INTO bench.effects (event_id, administration_id, n) VALUES ($1, $2, $3)`,
        [randomUUID(), ADMINISTRATION_IDS[n % ADMINISTRATIONS], n],
      );
      await db.query('COMMIT');
      floorTimes.push(now() - t);
    }
    const floorRate = EVENTS / ((now() - floorStart) / 1000);
    floorTimes.sort((a, b) => a - b);
    const floorP50 = percentile(floorTimes, 0.5);
    const floorP99 = percentile(floorTimes, 0.99);

    // Burst: publishers and the worker run at the same time; once with one event per
    // publishing transaction, once with ten (e.g. a billing run or an import).
    for (const perTransaction of [1, 10]) {
      const timing: Timing = { published: new Map(), handled: new Map() };
      const bus = await startBus(databaseUrl, timing);
      const s = await subscribe(bus, dataSource, `burst-${perTransaction}`);
      const cpu = process.cpuUsage();
      const start = now();
      let next = 0;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          for (;;) {
            const first = next;
            next += perTransaction;
            if (first >= EVENTS) return;
            await publishMany(bus, publisher, s.event, first, perTransaction, timing);
          }
        }),
      );
      const published = now();
      await waitFor(timing, EVENTS, 120_000);
      const end = Math.max(...timing.handled.values());
      const used = process.cpuUsage(cpu);
      if (process.env.BENCH_DEBUG) {
        console.error(
          `node cpu ${((used.user + used.system) / 1000).toFixed(0)} ms of ${(end - start).toFixed(0)} ms wall`,
        );
      }
      await bus.stop();
      const { p50, p99 } = latencies(timing);
      const rate = EVENTS / ((end - start) / 1000);
      const publishRate = EVENTS / ((published - start) / 1000);
      rows.push(
        `| burst of ${EVENTS} on one queue while 8 publishers commit ${perTransaction} per transaction (published at ${publishRate.toFixed(0)}/s) | ${rate.toFixed(0)} | ${p50.toFixed(1)} | ${p99.toFixed(1)} | ${floorRate.toFixed(0)} | ${(floorRate / rate).toFixed(1)}x |`,
      );
    }

    // Drain: the burst is published first (no worker), then one worker takes it all.
    {
      const timing: Timing = { published: new Map(), handled: new Map() };
      const bus = await startBus(databaseUrl, timing);
      const s: Subscription = { event: 'bench.drain', queue: 'bench-drain', handle: applyEvent };
      await bus.declare([s]);
      let next = 0;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          for (;;) {
            const n = next++;
            if (n >= EVENTS) return;
            await publishOne(bus, publisher, s.event, n, timing);
          }
        }),
      );
      const start = now();
      await bus.work([s], dataSource, SCHEMA);
      await waitFor(timing, EVENTS, 120_000);
      const end = Math.max(...timing.handled.values());
      await bus.stop();
      const rate = EVENTS / ((end - start) / 1000);
      const fromStart = [...timing.handled.values()].map((t) => t - start).sort((a, b) => a - b);
      rows.push(
        `| drain: ${EVENTS} waiting on one queue, then the worker starts (latency from its start) | ${rate.toFixed(0)} | ${percentile(fromStart, 0.5).toFixed(1)} | ${percentile(fromStart, 0.99).toFixed(1)} | ${floorRate.toFixed(0)} | ${(floorRate / rate).toFixed(1)}x |`,
      );
    }

    // Idle: one event at a time, the worker idle (waiting in its poll) when it arrives.
    {
      const timing: Timing = { published: new Map(), handled: new Map() };
      const bus = await startBus(databaseUrl, timing);
      const s = await subscribe(bus, dataSource, 'idle');
      for (let n = 0; n < IDLE; n++) {
        await publishOne(bus, publisher, s.event, n, timing);
        await waitFor(timing, n + 1, 10_000);
        await new Promise((r) => setTimeout(r, 20 + Math.random() * 30));
      }
      await bus.stop();
      const { p50, p99 } = latencies(timing);
      rows.push(
        `| idle: ${IDLE} single events, 20-50 ms apart | - | ${p50.toFixed(1)} | ${p99.toFixed(1)} | - | floor p50 ${floorP50.toFixed(1)} ms |`,
      );
    }

    // Before: batch of 1, a poll per second, no NOTIFY (the previous configuration).
    {
      const timing: Timing = { published: new Map(), handled: new Map() };
      const bus = await startBus(databaseUrl, timing, {
        batchSize: 1,
        concurrency: 1,
        pollingIntervalSeconds: 1,
        listen: false,
      });
      const s = await subscribe(bus, dataSource, 'before');
      const start = now();
      for (let n = 0; n < BEFORE; n++) await publishOne(bus, publisher, s.event, n, timing);
      await waitFor(timing, BEFORE, 120_000);
      const end = Math.max(...timing.handled.values());
      await bus.stop();
      const { p50, p99 } = latencies(timing);
      const rate = BEFORE / ((end - start) / 1000);
      rows.push(
        `| before (batch 1, poll 1 s, no NOTIFY): burst of ${BEFORE} | ${rate.toFixed(1)} | ${p50.toFixed(1)} | ${p99.toFixed(1)} | ${floorRate.toFixed(0)} | ${(floorRate / rate).toFixed(0)}x |`,
      );
    }

    const check = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM bench.effects`);
    const expected = EVENTS * 4 + IDLE + BEFORE;
    if (check.rows[0]!.n !== expected) {
      throw new Error(`expected ${expected} effects, found ${check.rows[0]!.n}`);
    }

    console.log(`## Events between modules (${new Date().toISOString().slice(0, 10)})

Machine: ${machine()}, ${embedded ? 'embedded PostgreSQL (fsync off)' : 'DATABASE_URL'}. \`npm run bench:events\`, total run ${Math.round((Date.now() - began) / 1000)}s.
Handler: a per-administration counter upsert and one row, in the consumer's transaction with its processed_events row. Floor: the same SQL in a loop, one transaction per event on one connection (p50 ${floorP50.toFixed(2)} ms, p99 ${floorP99.toFixed(2)} ms per transaction). Latency: publish commit to handler commit.

| scenario | events/s | p50 ms | p99 ms | raw SQL floor events/s | ratio (floor / bus) |
| --- | ---: | ---: | ---: | ---: | ---: |
${rows.join('\n')}`);
  } finally {
    await dataSource.destroy();
    await publisher.destroy();
    await db.end();
    if (embedded) await embedded.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
