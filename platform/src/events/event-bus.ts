import { randomUUID } from 'node:crypto';
import PgBoss from 'pg-boss';
import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '../logger.js';

/** pg-boss keeps its tables in this schema. */
export const EVENTS_SCHEMA = 'pgboss';

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
   * back and the delivery is retried with backoff, then dead-lettered.
   */
  handle: (event: DomainEvent, manager: EntityManager) => Promise<void>;
}

export interface FailedEvent {
  jobId: string;
  queue: string;
  event: DomainEvent;
  state: string;
  retryCount: number;
  error: unknown;
  createdOn: Date;
}

export interface EventBusOptions {
  url: string;
  logger: Logger;
  /** Seconds between polls of a worker (pg-boss minimum 0.5). */
  pollingIntervalSeconds?: number;
  retryLimit?: number;
  /** Seconds before the first retry; doubles each time. */
  retryDelay?: number;
  /** Start pg-boss's maintenance (archiving, expiry). Off in tests. */
  supervise?: boolean;
}

/**
 * Domain events over pg-boss: published in the caller's own transaction (the job row is
 * written by the same connection and commits or rolls back with the change), delivered
 * at least once, handled idempotently (keyed by event id in the consumer's
 * `processed_events` table), retried with exponential backoff and dead-lettered into
 * "<queue>.dead", where `failedEvents()` shows them to ops.
 */
export class EventBus {
  private stopping = false;

  private constructor(
    private readonly boss: PgBoss,
    private readonly options: EventBusOptions,
  ) {
    boss.on('error', (error) => {
      // Connections cut while shutting down are expected, not worth an error line.
      if (this.stopping) options.logger.debug({ err: error }, 'event bus error while stopping');
      else options.logger.error({ err: error }, 'event bus error');
    });
  }

  static async start(options: EventBusOptions): Promise<EventBus> {
    const boss = new PgBoss({
      connectionString: options.url,
      schema: EVENTS_SCHEMA,
      max: 3,
      application_name: 'kantoor-events',
      supervise: options.supervise ?? true,
      schedule: false,
      migrate: true,
    });
    const bus = new EventBus(boss, options);
    await boss.start();
    return bus;
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
      id: randomUUID(),
      type,
      occurredAt: new Date().toISOString(),
      payload,
    };
    const db = {
      executeSql: async (text: string, values: unknown[]) => ({
        rows: (await manager.query(text, values)) as unknown[],
      }),
    };
    const queues: { name: string }[] = await manager.query(
      `SELECT name FROM ${EVENTS_SCHEMA}.subscription WHERE event = $1 ORDER BY name`,
      [type],
    );
    for (const { name } of queues) {
      // Sequential on purpose: one connection, one transaction; any failure aborts the change.
      await this.boss.send(name, event, { db });
    }
    return event.id;
  }

  /** Creates the queues (with dead letters and retry policy) and subscribes them. Idempotent. */
  async declare(subscriptions: Subscription[]): Promise<void> {
    for (const s of subscriptions) {
      const dead = `${s.queue}.dead`;
      const policy = {
        name: s.queue,
        retryLimit: this.options.retryLimit ?? 8,
        retryDelay: this.options.retryDelay ?? 5,
        retryBackoff: true,
        deadLetter: dead,
      };
      await this.boss.createQueue(dead, { name: dead });
      await this.boss.createQueue(s.queue, policy);
      // createQueue leaves an existing queue as it was: apply a changed policy too.
      await this.boss.updateQueue(s.queue, policy);
      await this.boss.subscribe(s.event, s.queue);
    }
  }

  /** Starts a worker per subscription; the handler runs in a transaction of `dataSource`. */
  async work(subscriptions: Subscription[], dataSource: DataSource, schema: string): Promise<void> {
    for (const s of subscriptions) {
      await this.boss.work<DomainEvent>(
        s.queue,
        { batchSize: 1, pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 1 },
        async (jobs) => {
          for (const job of jobs)
            await handleOnce(dataSource, schema, s, job.data, this.options.logger);
        },
      );
    }
  }

  /**
   * Deliveries that failed for good (state failed; a copy waits in "<queue>.dead") or are
   * failing and waiting for their next retry (state retry), one row per event and queue,
   * newest first.
   */
  async failedEvents(limit = 100): Promise<FailedEvent[]> {
    const db = (
      this.boss as unknown as { getDb(): { executeSql: PgBoss.Db['executeSql'] } }
    ).getDb();
    const { rows } = await db.executeSql(
      `SELECT id, name, data, state, retry_count, output, created_on
         FROM ${EVENTS_SCHEMA}.job
        WHERE state IN ('failed', 'retry') AND name NOT LIKE '%.dead'
        ORDER BY created_on DESC
        LIMIT $1`,
      [limit],
    );
    return rows.map((r: Record<string, unknown>) => ({
      jobId: r.id as string,
      queue: r.name as string,
      event: r.data as DomainEvent,
      state: r.state as string,
      retryCount: r.retry_count as number,
      error: r.output,
      createdOn: r.created_on as Date,
    }));
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.boss.stop({ graceful: true, wait: true, timeout: 5000 });
  }
}

/** Runs a handler at most once per event id, atomically with its own writes. */
export async function handleOnce(
  dataSource: DataSource,
  schema: string,
  subscription: Subscription,
  event: DomainEvent,
  logger: Logger,
): Promise<boolean> {
  return dataSource.transaction(async (manager) => {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO "${schema}".processed_events (event_id, queue) VALUES ($1, $2)
       ON CONFLICT DO NOTHING RETURNING event_id`,
      [event.id, subscription.queue],
    );
    if (inserted.length === 0) {
      logger.debug({ eventId: event.id, queue: subscription.queue }, 'event already handled');
      return false;
    }
    await subscription.handle(event, manager);
    return true;
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
