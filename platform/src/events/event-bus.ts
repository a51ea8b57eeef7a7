import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import pg from 'pg';
import PgBoss from 'pg-boss';
import type { DataSource, EntityManager } from 'typeorm';
import { createUnderLock } from '../db/create-under-lock.js';
import type { Logger } from '../logger.js';

/**
 * pg-boss 10's worker completes or fails each fetched batch after our handler returned
 * without awaiting the call (src/manager.js, `work()`'s onFetch; timgit/pg-boss#577, fixed
 * only in a later major). When PostgreSQL drops the connection at that moment (a restart, a
 * failover, pg_terminate_backend), that promise rejects with nobody listening, and Node ends
 * the process on the unhandled rejection: every subgraph working on events went down with
 * the database. Here every promise of pg-boss's `complete` and `fail` gets a handler of its
 * own; callers that await them (ours do) still receive the rejection. A batch pg-boss could
 * not complete stays active until it expires and is delivered again, where processed_events
 * keeps the effect single; a redelivery is recorded for ops (`noteRetry`).
 * test/faults.e2e.spec.ts ("connections cut") crashed without this.
 */
function guardUnawaitedCompletions(): void {
  type Completion = (...args: unknown[]) => Promise<unknown>;
  const manager = (
    createRequire(__filename)('pg-boss/src/manager.js') as {
      prototype: Record<'complete' | 'fail', Completion & { guarded?: true }>;
    }
  ).prototype;
  for (const name of ['complete', 'fail'] as const) {
    const original = manager[name];
    if (typeof original !== 'function') {
      throw new Error(`pg-boss changed: Manager.prototype.${name} is gone (see the comment above)`);
    }
    if (original.guarded) continue;
    const guarded: Completion & { guarded?: true } = function (this: unknown, ...args) {
      const result = original.apply(this, args);
      result.catch(() => undefined);
      return result;
    };
    // Named as the original: PgBoss exposes the manager's functions by their `name`.
    Object.defineProperty(guarded, 'name', { value: name });
    guarded.guarded = true;
    manager[name] = guarded;
  }
}
guardUnawaitedCompletions();

/** pg-boss keeps its tables in this schema. */
export const EVENTS_SCHEMA = 'pgboss';
/** The event bus's own tables (failed deliveries for ops); pg-boss's schema stays pg-boss's. */
export const EVENT_LOG_SCHEMA = 'events';
/**
 * LISTEN/NOTIFY channel: a publishing transaction notifies the names of the queues it
 * put a job on; PostgreSQL delivers the notification at commit (never on rollback), and
 * each process wakes its workers of those queues at once instead of at their next poll.
 */
export const EVENTS_CHANNEL = 'kantoor_events';

/** What travels between modules. `id` is the idempotency key of every handler. */
export interface DomainEvent<P = Record<string, unknown>> {
  id: string;
  type: string;
  occurredAt: string;
  payload: P;
}

/** One consumer of one event type: its queue and its idempotent handler. */
export interface Subscription {
  /** Event type, e.g. "administration.created". */
  event: string;
  /** Queue of this consumer, e.g. "ledger.administration-created". */
  queue: string;
  /**
   * Runs inside the consumer's transaction, at most once per event id; a throw rolls
   * back and the delivery is retried with backoff, then dead-lettered. Throw
   * {@link EventNotReadyError} when a prerequisite has not arrived yet (retry later).
   */
  handle: (event: DomainEvent, manager: EntityManager) => Promise<void>;
  /**
   * Events with the same key are never handled concurrently by one consuming module: in
   * a fetched batch they run one after the other in publish order, and across queues and
   * processes a transaction-level advisory lock on (schema, key) serializes them. Default: the
   * payload's `administrationId`; null means no key (fully concurrent).
   */
  orderingKey?: (event: DomainEvent) => string | null;
  /** This queue's retries (default: the bus's retryLimit). */
  retryLimit?: number;
  /** This queue's first retry delay in seconds, doubling (default: the bus's retryDelay). */
  retryDelaySeconds?: number;
  /**
   * Handle each event in its own transaction, never several together: for handlers with an
   * effect outside the database (e.g. an HTTP call) that a rolled-back batch would repeat.
   */
  oneByOne?: boolean;
}

/**
 * Thrown by a handler when the event cannot be applied yet (e.g. "archived" arrived
 * before "created" was applied): rolled back and retried with backoff like any failure.
 */
export class EventNotReadyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventNotReadyError';
  }
}

export type FailedEventState = 'RETRYING' | 'DEAD_LETTERED';

/** A delivery whose handler threw: waiting for its next retry, or dead-lettered for good. */
export interface FailedEvent {
  jobId: string;
  queue: string;
  event: DomainEvent;
  state: FailedEventState;
  /** Attempts that failed so far. */
  attempts: number;
  /** The last error: its message (and name). */
  error: { message: string; name?: string };
  firstFailedAt: Date;
  lastFailedAt: Date;
}

export interface FailedEventsPage {
  rows: FailedEvent[];
  hasNextPage: boolean;
  totalCount: number;
}

export interface EventBusOptions {
  url: string;
  logger: Logger;
  /**
   * Seconds between polls of an idle worker (pg-boss minimum 0.5). A fallback only:
   * NOTIFY wakes the worker at commit; polls pick up retries that became due.
   */
  pollingIntervalSeconds?: number;
  /** Jobs one worker fetches at a time (default 50). */
  batchSize?: number;
  /** Keys of one batch handled in parallel per queue (default 4; bounded by the pool). */
  concurrency?: number;
  /**
   * Events of one lane handled in one consumer transaction (default 10): fewer commits
   * and round trips. When a handler throws, the transaction rolls back and each of its
   * events is handled again on its own, so one bad event fails alone.
   */
  eventsPerTransaction?: number;
  retryLimit?: number;
  /** Seconds before the first retry; doubles each time. */
  retryDelay?: number;
  /**
   * Seconds a delivery may stay active before pg-boss's maintenance fails it (a crashed
   * worker's job is retried after this; default 60).
   */
  expireInSeconds?: number;
  /** Start pg-boss's maintenance (archiving, expiry). Off in tests. */
  supervise?: boolean;
  /** Seconds between maintenance runs when supervising (default 30). */
  maintenanceIntervalSeconds?: number;
  /** LISTEN for commits of published events (default true). */
  listen?: boolean;
  /** Test hook: runs after a handler's transaction committed, before its job is completed. */
  afterHandled?: (event: DomainEvent, queue: string) => Promise<void> | void;
}

const DEFAULT_BATCH_SIZE = 50;
const DEFAULT_CONCURRENCY = 4;
const DEFAULT_EVENTS_PER_TRANSACTION = 10;
const DEFAULT_POLLING_SECONDS = 2;

type Job = PgBoss.JobWithMetadata<DomainEvent>;

/**
 * Domain events over pg-boss: published in the caller's own transaction (the job row is
 * written by the same connection and commits or rolls back with the change), delivered
 * at least once, handled idempotently (keyed by event id in the consumer's
 * `processed_events` table), retried with exponential backoff and dead-lettered into
 * "<queue>.dead"; `failedEvents()` lists failing deliveries for ops.
 *
 * Speed: a commit NOTIFYs the queues it filled and the workers fetch at once (polling is
 * a fallback); a worker fetches up to `batchSize` jobs and handles their keys
 * `concurrency` at a time, each event in its own transaction.
 */
export class EventBus {
  private stopping = false;
  private listener: pg.Client | undefined;
  private listening: Promise<void> | undefined;
  private reconnecting = false;
  private readonly workers = new Map<string, string[]>();
  private readonly pool: pg.Pool;

  private constructor(
    private readonly boss: PgBoss,
    private readonly options: EventBusOptions,
  ) {
    boss.on('error', (error) => {
      // Connections cut while shutting down are expected, not worth an error line.
      if (this.stopping) options.logger.debug({ err: error }, 'event bus error while stopping');
      else options.logger.error({ err: error }, 'event bus error');
    });
    // The bus's own table (failures), on a tiny pool that closes when idle.
    this.pool = new pg.Pool({
      connectionString: options.url,
      max: 2,
      idleTimeoutMillis: 5000,
      application_name: 'kantoor-events-log',
    });
    this.pool.on('error', (error) => options.logger.warn({ err: error }, 'event log pool error'));
  }

  static async start(options: EventBusOptions): Promise<EventBus> {
    const boss = new PgBoss({
      connectionString: options.url,
      schema: EVENTS_SCHEMA,
      max: 3,
      application_name: 'kantoor-events',
      supervise: options.supervise ?? true,
      maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 30,
      schedule: false,
      migrate: true,
    });
    const bus = new EventBus(boss, options);
    await boss.start();
    await bus.createLogTable();
    return bus;
  }

  private async createLogTable(): Promise<void> {
    // Several processes start at once: one of them creates, the others wait and see it.
    await createUnderLock(this.pool, `migrate:${EVENT_LOG_SCHEMA}`, [
      `CREATE SCHEMA IF NOT EXISTS ${EVENT_LOG_SCHEMA}`,
      `CREATE TABLE IF NOT EXISTS ${EVENT_LOG_SCHEMA}.failed_delivery (
        job_id uuid PRIMARY KEY,
        queue text NOT NULL,
        event jsonb NOT NULL,
        state text NOT NULL CHECK (state IN ('RETRYING', 'DEAD_LETTERED')),
        attempts int NOT NULL,
        error jsonb NOT NULL,
        first_failed_at timestamptz NOT NULL DEFAULT now(),
        last_failed_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX IF NOT EXISTS failed_delivery_newest
        ON ${EVENT_LOG_SCHEMA}.failed_delivery (first_failed_at DESC, job_id DESC)`,
    ]);
  }

  /** Publishes `type` in the transaction of `manager`; returns the event id. */
  async publish<P extends Record<string, unknown>>(
    manager: EntityManager,
    type: string,
    payload: P,
  ): Promise<string> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(`publish(${type}) must run inside a transaction`);
    }
    const event: DomainEvent<P> = {
      id: uuidv7(),
      type,
      occurredAt: new Date().toISOString(),
      payload,
    };
    const db = {
      executeSql: async (text: string, values: unknown[]) => ({
        rows: (await manager.query(text, values)) as unknown[],
      }),
    };
    // The subscribed queues, and in the same statement a NOTIFY per queue: PostgreSQL
    // holds it until this transaction commits, and drops it if it rolls back.
    const queues: { name: string }[] = await manager.query(
      `SELECT name, pg_notify($2, name) FROM ${EVENTS_SCHEMA}.subscription
        WHERE event = $1 ORDER BY name`,
      [type, EVENTS_CHANNEL],
    );
    if (queues.length > 0) {
      // One statement for every subscribed queue, on this transaction's connection: any
      // failure aborts the change. Time-ordered job ids: jobs of one transaction share
      // created_on, and pg-boss (and deliver()) order by (created_on, id), so this keeps them
      // in publish order.
      await this.boss.insert(
        queues.map(({ name }) => ({ id: uuidv7(), name, data: event })),
        { db },
      );
    }
    return event.id;
  }

  /** Creates the queues (with dead letters and retry policy) and subscribes them. Idempotent. */
  async declare(subscriptions: Subscription[]): Promise<void> {
    for (const s of subscriptions) {
      const dead = `${s.queue}.dead`;
      const policy = {
        name: s.queue,
        retryLimit: s.retryLimit ?? this.options.retryLimit ?? 8,
        retryDelay: s.retryDelaySeconds ?? this.options.retryDelay ?? 5,
        retryBackoff: true,
        expireInSeconds: this.options.expireInSeconds ?? 60,
        deadLetter: dead,
      };
      await this.boss.createQueue(dead, { name: dead });
      await this.boss.createQueue(s.queue, policy);
      // createQueue leaves an existing queue as it was: apply a changed policy too.
      await this.boss.updateQueue(s.queue, policy);
      await this.boss.subscribe(s.event, s.queue);
    }
  }

  /** Starts a worker per subscription; each handler runs in a transaction of `dataSource`. */
  async work(subscriptions: Subscription[], dataSource: DataSource, schema: string): Promise<void> {
    const listen = this.options.listen ?? true;
    if (listen) await this.listen();
    const batchSize = this.options.batchSize ?? DEFAULT_BATCH_SIZE;
    for (const s of subscriptions) {
      const self: { id?: string } = {};
      const workerId = await this.boss.work<DomainEvent>(
        s.queue,
        {
          batchSize,
          includeMetadata: true,
          pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? DEFAULT_POLLING_SECONDS,
        },
        async (jobs) => {
          await this.deliver(s, jobs, dataSource, schema);
          // A full batch: more are likely waiting, fetch again without waiting for a poll
          // (with `listen: false` the bus is plain pg-boss polling, e.g. for comparison).
          if (jobs.length >= batchSize && self.id && listen) this.boss.notifyWorker(self.id);
        },
      );
      self.id = workerId;
      this.workers.set(s.queue, [...(this.workers.get(s.queue) ?? []), workerId]);
    }
  }

  /**
   * Handles one fetched batch: keys `concurrency` at a time, the events of one key in
   * publish order, each in its own transaction. Successes are completed together; a
   * failure is failed on its own (retry with backoff, or dead letter) and recorded for
   * ops. pg-boss then completes what is still active: nothing, unless failing threw, in
   * which case we throw too and pg-boss fails the rest (completed jobs are untouched).
   */
  private async deliver(
    s: Subscription,
    jobs: Job[],
    dataSource: DataSource,
    schema: string,
  ): Promise<void> {
    const ordered = [...jobs].sort(
      (a, b) =>
        a.createdOn.getTime() - b.createdOn.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
    const groups = new Map<string, Job[]>();
    for (const job of ordered) {
      const key = orderingKeyOf(s, job.data) ?? `job:${job.id}`;
      groups.set(key, [...(groups.get(key) ?? []), job]);
    }
    // A delivery fetched again after a failure the bus did not see (its process died, or
    // pg-boss timed it out) is recorded too, so ops see it while it keeps failing.
    for (const job of ordered.filter((j) => j.retryCount > 0)) {
      await this.noteRetry(s.queue, job).catch((error: unknown) => {
        this.options.logger.warn({ err: error, jobId: job.id }, 'recording a retry failed');
      });
    }
    const completed: string[] = [];
    let bookkeepingError: unknown;
    const succeeded = async (job: Job) => {
      await this.options.afterHandled?.(job.data, s.queue);
      completed.push(job.id);
      if (job.retryCount > 0) {
        await this.clearFailure(job.id).catch((error: unknown) => {
          this.options.logger.warn({ err: error, jobId: job.id }, 'clearing a failure failed');
        });
      }
    };
    const one = async (job: Job) => {
      try {
        await handleOnce(dataSource, schema, s, job.data, this.options.logger);
      } catch (error) {
        try {
          await this.recordFailure(s.queue, job, error);
        } catch (failError) {
          bookkeepingError ??= failError;
        }
        return;
      }
      await succeeded(job);
    };
    // Several events in one transaction; if any handler throws, each on its own instead.
    const chunk = async (part: Job[]) => {
      if (part.length === 1) return one(part[0]!);
      try {
        await handleMany(
          dataSource,
          schema,
          s,
          part.map((j) => j.data),
          this.options.logger,
        );
      } catch {
        for (const job of part) await one(job);
        return;
      }
      for (const job of part) await succeeded(job);
    };
    const perTransaction = s.oneByOne
      ? 1
      : (this.options.eventsPerTransaction ?? DEFAULT_EVENTS_PER_TRANSACTION);
    const pending = [...groups.values()];
    let next = 0;
    // A lane takes whole groups (a key's events stay in order in one lane) and handles
    // them `perTransaction` at a time.
    // Once the bus is stopping, no lane starts another transaction: the subgraph is about
    // to close its database pool, and a transaction queued on a closed pool never settles
    // (pg-boss's stop would then wait for this worker forever).
    let skipped = false;
    const lane = async () => {
      let part: Job[] = [];
      while (next < pending.length) {
        for (const job of pending[next++]!) {
          part.push(job);
          if (part.length >= perTransaction) {
            if (this.stopping) {
              skipped = true;
              return;
            }
            await chunk(part);
            part = [];
          }
        }
      }
      if (part.length > 0) {
        if (this.stopping) {
          skipped = true;
          return;
        }
        await chunk(part);
      }
    };
    const lanes = Math.max(
      1,
      Math.min(this.options.concurrency ?? DEFAULT_CONCURRENCY, pending.length),
    );
    await Promise.all(Array.from({ length: lanes }, lane));
    if (completed.length > 0) await this.boss.complete(s.queue, completed);
    if (bookkeepingError) throw bookkeepingError;
    // Jobs left unhandled by the stop must not be completed with the batch: throwing makes
    // pg-boss fail them, and they are delivered again (by this or another process).
    if (skipped) throw new Error('event bus stopping; the rest of the batch is delivered again');
  }

  private async recordFailure(queue: string, job: Job, error: unknown): Promise<void> {
    const e = error instanceof Error ? error : new Error(String(error));
    const output = { name: e.name, message: e.message };
    const dead = job.retryCount >= job.retryLimit;
    const level = e instanceof EventNotReadyError && !dead ? 'info' : 'warn';
    this.options.logger[level](
      { err: e, queue, jobId: job.id, eventId: job.data.id, attempt: job.retryCount + 1, dead },
      dead ? 'event dead-lettered' : 'event handler failed; will retry',
    );
    await this.boss.fail(queue, job.id, output);
    await this.pool.query(
      `INSERT INTO ${EVENT_LOG_SCHEMA}.failed_delivery (job_id, queue, event, state, attempts, error)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (job_id) DO UPDATE SET
         -- A late failure of an earlier attempt (timed out by pg-boss, then thrown) must
         -- not turn a dead letter back into a retry.
         state = CASE WHEN failed_delivery.state = 'DEAD_LETTERED' AND EXCLUDED.state = 'RETRYING'
                      AND failed_delivery.attempts >= EXCLUDED.attempts
                      THEN failed_delivery.state ELSE EXCLUDED.state END,
         attempts = GREATEST(failed_delivery.attempts, EXCLUDED.attempts),
         error = EXCLUDED.error, last_failed_at = now()`,
      [
        job.id,
        queue,
        JSON.stringify(job.data),
        dead ? 'DEAD_LETTERED' : 'RETRYING',
        job.retryCount + 1,
        JSON.stringify(output),
      ],
    );
  }

  private async noteRetry(queue: string, job: Job): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${EVENT_LOG_SCHEMA}.failed_delivery (job_id, queue, event, state, attempts, error)
       VALUES ($1, $2, $3, 'RETRYING', $4, $5)
       ON CONFLICT (job_id) DO NOTHING`,
      [
        job.id,
        queue,
        JSON.stringify(job.data),
        job.retryCount,
        JSON.stringify({ message: outputMessage(job.output) }),
      ],
    );
  }

  /**
   * Brings RETRYING records up to date with pg-boss (`getJobById`): a delivery can fail
   * for good by expiry, outside the bus's code, or succeed elsewhere. True if any changed.
   */
  private async reconcile(rows: FailedRow[]): Promise<boolean> {
    let changed = false;
    for (const row of rows.filter((r) => r.state === 'RETRYING')) {
      const job = await this.boss.getJobById<DomainEvent>(row.queue, row.job_id);
      if (!job) continue;
      if (job.state === 'completed') {
        await this.clearFailure(row.job_id);
        changed = true;
      } else if (job.state === 'failed') {
        await this.pool.query(
          `UPDATE ${EVENT_LOG_SCHEMA}.failed_delivery
              SET state = 'DEAD_LETTERED', attempts = GREATEST(attempts, $2), error = $3,
                  last_failed_at = COALESCE($4, last_failed_at)
            WHERE job_id = $1 AND state = 'RETRYING'`,
          [
            row.job_id,
            job.retryCount + 1,
            JSON.stringify({ message: outputMessage(job.output) }),
            job.completedOn,
          ],
        );
        changed = true;
      }
    }
    return changed;
  }

  private async clearFailure(jobId: string): Promise<void> {
    await this.pool.query(`DELETE FROM ${EVENT_LOG_SCHEMA}.failed_delivery WHERE job_id = $1`, [
      jobId,
    ]);
  }

  /**
   * Deliveries whose handler threw, newest first (keyset by first failure, job id): those
   * waiting for a retry and those dead-lettered (a copy waits in "<queue>.dead").
   */
  async failedEvents(
    options: { first?: number; after?: [string, string] | null; queue?: string | null } = {},
    reconciled = false,
  ): Promise<FailedEventsPage> {
    const first = options.first ?? 100;
    const where: string[] = [];
    const params: unknown[] = [];
    if (options.queue) {
      params.push(options.queue);
      where.push(`queue = $${params.length}`);
    }
    const total = await this.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${EVENT_LOG_SCHEMA}.failed_delivery
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
      params,
    );
    if (options.after) {
      params.push(options.after[0], options.after[1]);
      where.push(
        `(first_failed_at, job_id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`,
      );
    }
    params.push(first + 1);
    const { rows } = await this.pool.query<FailedRow>(
      `SELECT job_id, queue, event, state, attempts, error, first_failed_at, last_failed_at
         FROM ${EVENT_LOG_SCHEMA}.failed_delivery
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY first_failed_at DESC, job_id DESC
        LIMIT $${params.length}`,
      params,
    );
    if (!reconciled && (await this.reconcile(rows.slice(0, first)))) {
      return this.failedEvents(options, true);
    }
    return {
      rows: rows.slice(0, first).map(toFailedEvent),
      hasNextPage: rows.length > first,
      totalCount: total.rows[0]?.n ?? 0,
    };
  }

  /** One failed delivery, or null. */
  async failedEvent(jobId: string): Promise<FailedEvent | null> {
    const { rows } = await this.pool.query<FailedRow>(
      `SELECT job_id, queue, event, state, attempts, error, first_failed_at, last_failed_at
         FROM ${EVENT_LOG_SCHEMA}.failed_delivery WHERE job_id = $1`,
      [jobId],
    );
    if (rows[0] && (await this.reconcile([rows[0]]))) return this.failedEvent(jobId);
    return rows[0] ? toFailedEvent(rows[0]) : null;
  }

  /**
   * Sends a dead-lettered delivery once more (pg-boss `retry`: one more attempt, due
   * now) and wakes the queue's workers. 'NOT_FOUND' when no failed delivery has this job
   * id, 'NOT_DEAD_LETTERED' when it is still retrying on its own (or already gone).
   */
  async retryFailedEvent(jobId: string): Promise<FailedEvent | 'NOT_FOUND' | 'NOT_DEAD_LETTERED'> {
    const failed = await this.failedEvent(jobId);
    if (!failed) return 'NOT_FOUND';
    if (failed.state !== 'DEAD_LETTERED') return 'NOT_DEAD_LETTERED';
    const job = await this.boss.getJobById(failed.queue, jobId);
    if (!job || job.state !== 'failed') return 'NOT_DEAD_LETTERED';
    await this.boss.retry(failed.queue, jobId);
    const { rows } = await this.pool.query<FailedRow>(
      `UPDATE ${EVENT_LOG_SCHEMA}.failed_delivery SET state = 'RETRYING' WHERE job_id = $1
       RETURNING job_id, queue, event, state, attempts, error, first_failed_at, last_failed_at`,
      [jobId],
    );
    await this.pool.query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, failed.queue]);
    return rows[0] ? toFailedEvent(rows[0]) : { ...failed, state: 'RETRYING' };
  }

  /**
   * Jobs waiting in each of `queues` (created, or failed and due for a retry later), for
   * metrics at scrape time. Counts through pg-boss's partial index of waiting jobs (job_i5,
   * `state < 'active'`) on each queue's own partition, so completed jobs kept until archiving
   * cost nothing. Queues without waiting jobs are absent from the map.
   */
  async queueDepths(queues: readonly string[]): Promise<Map<string, number>> {
    const { rows } = await this.pool.query<{ name: string; n: number }>(
      `SELECT name, count(*)::int AS n FROM ${EVENTS_SCHEMA}.job
        WHERE name = ANY($1::text[]) AND state < 'active' GROUP BY name`,
      [queues],
    );
    return new Map(rows.map((r) => [r.name, r.n]));
  }

  /** Failing deliveries of `queues` by state, as failedEvents lists them (for metrics). */
  async failureCounts(
    queues: readonly string[],
  ): Promise<{ queue: string; state: FailedEventState; count: number }[]> {
    const { rows } = await this.pool.query<{ queue: string; state: FailedEventState; n: number }>(
      `SELECT queue, state, count(*)::int AS n FROM ${EVENT_LOG_SCHEMA}.failed_delivery
        WHERE queue = ANY($1::text[]) GROUP BY queue, state`,
      [queues],
    );
    return rows.map((r) => ({ queue: r.queue, state: r.state, count: r.n }));
  }

  /** Runs pg-boss's maintenance now (expiry of stuck deliveries, archiving). */
  async maintain(): Promise<void> {
    await this.boss.maintain();
  }

  /** LISTENs on the events channel; reconnects after a lost connection (polls cover the gap). */
  private listen(): Promise<void> {
    this.listening ??= this.connectListener().catch((error: unknown) => {
      this.listening = undefined;
      throw error;
    });
    return this.listening;
  }

  private async connectListener(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.options.url,
      application_name: 'kantoor-events-listen',
    });
    client.on('notification', (message) => {
      for (const id of this.workers.get(message.payload ?? '') ?? []) this.boss.notifyWorker(id);
    });
    const lost = (error?: Error) => {
      if (this.listener !== client) return;
      this.listener = undefined;
      this.listening = undefined;
      client.end().catch(() => undefined);
      if (this.stopping) return;
      this.options.logger.warn({ err: error }, 'event listener lost; reconnecting');
      this.reconnectListener(1000);
    };
    client.on('error', lost);
    client.on('end', () => lost());
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    // Stopped while connecting: this connection would outlive the bus.
    if (this.stopping) {
      await client.end().catch(() => undefined);
      return;
    }
    this.listener = client;
    try {
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
    } catch (error) {
      if (this.listener === client) this.listener = undefined;
      await client.end().catch(() => undefined);
      throw error;
    }
  }

  /**
   * Connects the listener again after `delayMs`, and again with a doubled delay (at most 30 s)
   * while the server refuses: a restart takes longer than the first second.
   */
  private reconnectListener(delayMs: number): void {
    // One attempt at a time: a lost connection can report itself twice ('error', 'end').
    if (this.reconnecting) return;
    this.reconnecting = true;
    setTimeout(() => {
      if (this.stopping) return;
      this.listen()
        .then(() => {
          this.reconnecting = false;
          // Commits during the gap were not heard: have every worker look once.
          for (const ids of this.workers.values()) for (const id of ids) this.boss.notifyWorker(id);
        })
        .catch((error: unknown) => {
          this.reconnecting = false;
          if (this.stopping) return;
          this.options.logger.warn({ err: error }, 'event listener not back yet; trying again');
          this.reconnectListener(Math.min(delayMs * 2, 30_000));
        });
    }, delayMs).unref();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    await this.boss.stop({ graceful: true, wait: true, timeout: 5000 });
    await this.pool.end().catch(() => undefined);
  }
}

interface FailedRow {
  job_id: string;
  queue: string;
  event: DomainEvent;
  state: FailedEventState;
  attempts: number;
  error: { message: string; name?: string };
  first_failed_at: Date;
  last_failed_at: Date;
}

/** The error message pg-boss kept in a job's output (ours, a timeout, or maintenance's). */
function outputMessage(output: unknown): string {
  const o = output as { message?: unknown; value?: { message?: unknown } } | null | undefined;
  const message = o?.message ?? o?.value?.message;
  return typeof message === 'string' && message.length > 0
    ? message
    : 'failed without a recorded error (process stopped or timed out)';
}

function toFailedEvent(r: FailedRow): FailedEvent {
  return {
    jobId: r.job_id,
    queue: r.queue,
    event: r.event,
    state: r.state,
    attempts: r.attempts,
    error: r.error,
    firstFailedAt: r.first_failed_at,
    lastFailedAt: r.last_failed_at,
  };
}

/** The subscription's ordering key of an event: by default the payload's administrationId. */
export function orderingKeyOf(subscription: Subscription, event: DomainEvent): string | null {
  if (subscription.orderingKey) return subscription.orderingKey(event);
  const id = (event.payload as { administrationId?: unknown } | undefined)?.administrationId;
  return typeof id === 'string' && id.length > 0 ? id : null;
}

let lastMs = 0;
let sequence = 0;

/**
 * A UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then a 12-bit counter that
 * keeps ids of one process strictly increasing within a millisecond, then random bits.
 */
export function uuidv7(): string {
  let ms = Date.now();
  if (ms > lastMs) {
    lastMs = ms;
    sequence = 0;
  } else if (++sequence > 0xfff) {
    lastMs += 1;
    sequence = 0;
  }
  ms = lastMs;
  const bytes = randomBytes(16);
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | (sequence >> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Runs a handler at most once per event id, atomically with its own writes. With an
 * ordering key, a transaction-level advisory lock on (consumer schema, key) is taken
 * first: no two handlers of one consuming module (any of its queues, any process) work on
 * the same key, e.g. the same administration, at the same time.
 */
export async function handleOnce(
  dataSource: DataSource,
  schema: string,
  subscription: Subscription,
  event: DomainEvent,
  logger: Logger,
): Promise<boolean> {
  const key = orderingKeyOf(subscription, event);
  return dataSource.transaction(async (manager) => {
    const inserted: unknown[] =
      key === null
        ? await manager.query(
            `INSERT INTO "${schema}".processed_events (event_id, queue) VALUES ($1, $2)
             ON CONFLICT DO NOTHING RETURNING event_id`,
            [event.id, subscription.queue],
          )
        : await manager.query(
            `WITH serialized AS (SELECT pg_advisory_xact_lock(hashtext($3), hashtext($4)))
             INSERT INTO "${schema}".processed_events (event_id, queue)
             SELECT $1::uuid, $2 FROM serialized
             ON CONFLICT DO NOTHING RETURNING event_id`,
            [event.id, subscription.queue, `events:${schema}`, key],
          );
    if (inserted.length === 0) {
      logger.debug({ eventId: event.id, queue: subscription.queue }, 'event already handled');
      return false;
    }
    await subscription.handle(event, manager);
    return true;
  });
}

/**
 * Handles several events in one transaction, each at most once (one processed_events
 * insert for all), in the given order. Takes the advisory locks of all their keys first,
 * in one statement and in sorted order (so two such transactions do not deadlock on them).
 * Throws if any handler throws; nothing of the batch is then kept.
 */
export async function handleMany(
  dataSource: DataSource,
  schema: string,
  subscription: Subscription,
  events: DomainEvent[],
  logger: Logger,
): Promise<void> {
  const keys = [
    ...new Set(events.map((e) => orderingKeyOf(subscription, e)).filter((k) => k !== null)),
  ].sort();
  await dataSource.transaction(async (manager) => {
    if (keys.length > 0) {
      await manager.query(
        `SELECT pg_advisory_xact_lock(hashtext($1), hashtext(k)) FROM unnest($2::text[]) AS k`,
        [`events:${schema}`, keys],
      );
    }
    const inserted: { event_id: string }[] = await manager.query(
      `INSERT INTO "${schema}".processed_events (event_id, queue)
       SELECT unnest($1::uuid[]), $2
       ON CONFLICT DO NOTHING RETURNING event_id`,
      [events.map((e) => e.id), subscription.queue],
    );
    const fresh = new Set(inserted.map((r) => r.event_id));
    for (const event of events) {
      if (!fresh.delete(event.id)) {
        logger.debug({ eventId: event.id, queue: subscription.queue }, 'event already handled');
        continue;
      }
      await subscription.handle(event, manager);
    }
  });
}

/** SQL for the consumer-side idempotency table; every consuming subgraph's first migration runs it. */
export function processedEventsTableSql(schema: string): string {
  return `CREATE TABLE "${schema}".processed_events (
    event_id uuid NOT NULL,
    queue text NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (event_id, queue)
  )`;
}
