import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import PgBoss from 'pg-boss';
import type { DataSource, EntityManager } from 'typeorm';
import { createTestDatabase, eventually, type TestDatabase } from '@kantoor/platform/testing';
import { createDataSource } from '../../db/data-source';
import { createLogger } from '../../logger';
import {
  EventBus,
  EventNotReadyError,
  handleOnce,
  type DomainEvent,
  type Subscription,
} from '../event-bus';

/**
 * The event bus against a real PostgreSQL and pg-boss 10. The consumer is the 'ledger'
 * schema of the template (it has `ledger.processed_events`); handlers write their side
 * effects into `ledger.test_effects`, created here.
 */

const SCHEMA = 'ledger';
const RETRY_LIMIT = 2;
const logger = createLogger('event-bus-test', 'silent');
/** Generous: a dead-lettered delivery waits for two backoff delays (1-2 s, then 2-4 s). */
const DELIVERY_TIMEOUT_MS = 45_000;

let db: TestDatabase;
let dataSource: DataSource;
let bus: EventBus;
let producer: PgBoss | undefined;

beforeAll(async () => {
  db = await createTestDatabase();
  dataSource = createDataSource({ url: db.url, schema: SCHEMA, entities: [], migrations: [] });
  await dataSource.initialize();
  await dataSource.query(`CREATE TABLE ledger.test_effects (
    id bigserial PRIMARY KEY,
    event_id uuid NOT NULL,
    queue text NOT NULL,
    note text
  )`);
  bus = await EventBus.start({
    url: db.url,
    logger,
    pollingIntervalSeconds: 0.5,
    retryLimit: RETRY_LIMIT,
    retryDelay: 1,
    supervise: false,
  });
});

afterAll(async () => {
  await bus?.stop();
  await producer?.stop({ graceful: true, wait: true, timeout: 5000 });
  await dataSource?.destroy();
  await db?.drop();
  // pg-boss's stop leaves a loop that looks at its stopped workers again after 1 s; let
  // it finish before jest tears the module registry down (see test/system.ts).
  await new Promise((resolve) => setTimeout(resolve, 1100));
});

/** Unique event type and queue per test, so no two tests share a job or a worker. */
function uniqueNames(label: string): { event: string; queue: string } {
  const suffix = randomUUID().slice(0, 8);
  return { event: `test.${label}.${suffix}`, queue: `test-${label}-${suffix}` };
}

/** A handler that records each call and writes one effect row in the consumer's transaction. */
function recordingHandler(queue: string) {
  const calls: string[] = [];
  const handle = async (event: DomainEvent, manager: EntityManager) => {
    calls.push(event.id);
    await writeEffect(manager, event, queue);
  };
  return { calls, handle };
}

async function writeEffect(manager: EntityManager, event: DomainEvent, queue: string) {
  await manager.query(
    `INSERT INTO ledger.test_effects (event_id, queue, note) VALUES ($1, $2, $3)`,
    [event.id, queue, (event.payload as { note?: string }).note ?? null],
  );
}

/** Declares a fresh queue (with dead letter) for a fresh event type and starts its worker. */
async function subscribe(
  label: string,
  makeHandler: (queue: string) => Subscription['handle'],
): Promise<Subscription> {
  const { event, queue } = uniqueNames(label);
  const subscription: Subscription = { event, queue, handle: makeHandler(queue) };
  await bus.declare([subscription]);
  await bus.work([subscription], dataSource, SCHEMA);
  return subscription;
}

function publishCommitted(type: string, payload: Record<string, unknown>): Promise<string> {
  return dataSource.transaction((manager) => bus.publish(manager, type, payload));
}

async function effects(queue: string): Promise<{ event_id: string; note: string | null }[]> {
  return dataSource.query(
    `SELECT event_id, note FROM ledger.test_effects WHERE queue = $1 ORDER BY id`,
    [queue],
  );
}

async function processed(queue: string): Promise<string[]> {
  const rows: { event_id: string }[] = await dataSource.query(
    `SELECT event_id FROM ledger.processed_events WHERE queue = $1`,
    [queue],
  );
  return rows.map((r) => r.event_id);
}

interface JobRow {
  id: string;
  state: string;
  retry_count: number;
  event_id: string;
}

/** Every pg-boss job of `queue` (read on another connection than the publisher's). */
async function jobs(queue: string): Promise<JobRow[]> {
  return dataSource.query(
    `SELECT id, state, retry_count, data->>'id' AS event_id FROM pgboss.job WHERE name = $1`,
    [queue],
  );
}

/** Waits until every job of `queue` for `eventId` has reached `state`, `count` of them. */
function jobsInState(queue: string, eventId: string, state: string, count = 1) {
  return eventually(
    async () => {
      const rows = (await jobs(queue)).filter((j) => j.event_id === eventId);
      return rows.length === count && rows.every((j) => j.state === state) ? rows : undefined;
    },
    { what: `${count} ${state} job(s) of ${eventId} in ${queue}`, timeoutMs: DELIVERY_TIMEOUT_MS },
  );
}

describe('publish', () => {
  it('throws outside a transaction and creates no job', async () => {
    const s = await subscribe('outside', (queue) => recordingHandler(queue).handle);
    await expect(bus.publish(dataSource.manager, s.event, { note: 'x' })).rejects.toThrow(
      `publish(${s.event}) must run inside a transaction`,
    );
    // A query runner without a started transaction is refused too.
    const runner = dataSource.createQueryRunner();
    try {
      await expect(bus.publish(runner.manager, s.event, { note: 'x' })).rejects.toThrow(
        /must run inside a transaction/,
      );
    } finally {
      await runner.release();
    }
    expect(await jobs(s.queue)).toEqual([]);
  });

  it('in a transaction that rolls back: no job exists and the handler never runs', async () => {
    let handler!: ReturnType<typeof recordingHandler>;
    const s = await subscribe('rollback', (queue) => (handler = recordingHandler(queue)).handle);
    const businessKey = randomUUID();
    let rolledBackId: string | undefined;

    await expect(
      dataSource.transaction(async (manager) => {
        await manager.query(
          `INSERT INTO ledger.test_effects (event_id, queue, note) VALUES ($1, 'business', 'change')`,
          [businessKey],
        );
        rolledBackId = await bus.publish(manager, s.event, { note: 'rolled back' });
        // Written by the publisher's own connection: visible inside its transaction.
        const inside: { n: number }[] = await manager.query(
          `SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1`,
          [s.queue],
        );
        expect(inside[0]?.n).toBe(1);
        throw new Error('abort the change');
      }),
    ).rejects.toThrow('abort the change');

    expect(rolledBackId).toEqual(expect.any(String));
    expect(await jobs(s.queue)).toEqual([]);
    const business: unknown[] = await dataSource.query(
      `SELECT 1 FROM ledger.test_effects WHERE event_id = $1`,
      [businessKey],
    );
    expect(business).toEqual([]);

    // A later committed event on the same queue is handled; the rolled-back one never is.
    const committedId = await publishCommitted(s.event, { note: 'committed' });
    await jobsInState(s.queue, committedId, 'completed');
    expect(handler.calls).toEqual([committedId]);
    expect((await effects(s.queue)).map((e) => e.event_id)).toEqual([committedId]);
    expect(await processed(s.queue)).not.toContain(rolledBackId);
    expect(await jobs(s.queue)).toHaveLength(1);
  });

  it('in a committed transaction: the handler runs exactly once and its write is visible', async () => {
    let handler!: ReturnType<typeof recordingHandler>;
    const s = await subscribe('commit', (queue) => (handler = recordingHandler(queue)).handle);

    const eventId = await publishCommitted(s.event, { note: 'hello' });

    const [job] = await jobsInState(s.queue, eventId, 'completed');
    expect(job?.retry_count).toBe(0);
    expect(handler.calls).toEqual([eventId]);
    expect(await effects(s.queue)).toEqual([{ event_id: eventId, note: 'hello' }]);
    expect(await processed(s.queue)).toEqual([eventId]);
  });

  it('delivers the event to every subscribed queue, each handling it once', async () => {
    const first = uniqueNames('fanout-1');
    const second = { event: first.event, queue: `${first.queue}-second` };
    const firstHandler = recordingHandler(first.queue);
    const secondHandler = recordingHandler(second.queue);
    const subscriptions: Subscription[] = [
      { ...first, handle: firstHandler.handle },
      { ...second, handle: secondHandler.handle },
    ];
    await bus.declare(subscriptions);
    await bus.work(subscriptions, dataSource, SCHEMA);

    const eventId = await publishCommitted(first.event, { note: 'both' });

    await jobsInState(first.queue, eventId, 'completed');
    await jobsInState(second.queue, eventId, 'completed');
    expect(firstHandler.calls).toEqual([eventId]);
    expect(secondHandler.calls).toEqual([eventId]);
    expect((await effects(first.queue)).map((e) => e.event_id)).toEqual([eventId]);
    expect((await effects(second.queue)).map((e) => e.event_id)).toEqual([eventId]);
  });

  it('of an event nobody subscribes to commits and creates no job', async () => {
    const { event } = uniqueNames('nobody');
    const eventId = await publishCommitted(event, { note: 'lost' });
    const rows: unknown[] = await dataSource.query(
      `SELECT 1 FROM pgboss.job WHERE data->>'id' = $1`,
      [eventId],
    );
    expect(rows).toEqual([]);
  });
});

describe('idempotent handling', () => {
  function event(type: string, note: string): DomainEvent {
    return { id: randomUUID(), type, occurredAt: new Date().toISOString(), payload: { note } };
  }

  it('handleOnce twice with the same event: the side effect happens once', async () => {
    const { event: type, queue } = uniqueNames('twice');
    const handler = recordingHandler(queue);
    const subscription: Subscription = { event: type, queue, handle: handler.handle };
    const e = event(type, 'once');

    await expect(handleOnce(dataSource, SCHEMA, subscription, e, logger)).resolves.toBe(true);
    await expect(handleOnce(dataSource, SCHEMA, subscription, e, logger)).resolves.toBe(false);

    expect(handler.calls).toEqual([e.id]);
    expect(await effects(queue)).toEqual([{ event_id: e.id, note: 'once' }]);
    expect(await processed(queue)).toEqual([e.id]);
  });

  it('handleOnce twice at the same time: exactly one of them handles it', async () => {
    const { event: type, queue } = uniqueNames('concurrent');
    const handler = recordingHandler(queue);
    const subscription: Subscription = { event: type, queue, handle: handler.handle };
    const e = event(type, 'race');

    const results = await Promise.all([
      handleOnce(dataSource, SCHEMA, subscription, e, logger),
      handleOnce(dataSource, SCHEMA, subscription, e, logger),
    ]);

    expect(results.filter(Boolean)).toHaveLength(1);
    expect(handler.calls).toEqual([e.id]);
    expect(await effects(queue)).toHaveLength(1);
  });

  it('the same event under another queue is handled again (the key is event id + queue)', async () => {
    const { event: type, queue } = uniqueNames('perqueue');
    const e = event(type, 'shared');
    const a = recordingHandler(queue);
    const b = recordingHandler(`${queue}-other`);
    await handleOnce(dataSource, SCHEMA, { event: type, queue, handle: a.handle }, e, logger);
    await handleOnce(
      dataSource,
      SCHEMA,
      { event: type, queue: `${queue}-other`, handle: b.handle },
      e,
      logger,
    );
    expect(a.calls).toEqual([e.id]);
    expect(b.calls).toEqual([e.id]);
  });

  it('the same event object delivered twice through the queue: the side effect happens once', async () => {
    let handler!: ReturnType<typeof recordingHandler>;
    const s = await subscribe('redeliver', (queue) => (handler = recordingHandler(queue)).handle);
    // At-least-once delivery: a second job carrying the very same event (same id).
    producer ??= await startProducer();
    const e = event(s.event, 'duplicate');
    const firstJob = await producer.send(s.queue, e);
    const secondJob = await producer.send(s.queue, e);
    expect(firstJob).toEqual(expect.any(String));
    expect(secondJob).toEqual(expect.any(String));
    expect(secondJob).not.toBe(firstJob);

    // Both deliveries complete: the duplicate is acknowledged, not failed.
    await jobsInState(s.queue, e.id, 'completed', 2);
    expect(handler.calls).toEqual([e.id]);
    expect(await effects(s.queue)).toEqual([{ event_id: e.id, note: 'duplicate' }]);
    expect(await processed(s.queue)).toEqual([e.id]);
  });

  it("rolls back a throwing handler's write together with its processed_events row", async () => {
    const { event: type, queue } = uniqueNames('atomic');
    const e = event(type, 'atomic');
    let fail = true;
    const subscription: Subscription = {
      event: type,
      queue,
      handle: async (ev, manager) => {
        await writeEffect(manager, ev, queue);
        if (fail) throw new Error('handler broke after writing');
      },
    };

    await expect(handleOnce(dataSource, SCHEMA, subscription, e, logger)).rejects.toThrow(
      'handler broke after writing',
    );
    expect(await effects(queue)).toEqual([]);
    expect(await processed(queue)).toEqual([]);

    // So the retry is not skipped as "already handled": it runs and its write sticks.
    fail = false;
    await expect(handleOnce(dataSource, SCHEMA, subscription, e, logger)).resolves.toBe(true);
    expect(await effects(queue)).toEqual([{ event_id: e.id, note: 'atomic' }]);
    expect(await processed(queue)).toEqual([e.id]);
  });
});

describe('retries and dead letters', () => {
  it('retries a throwing handler, then dead-letters the event into failedEvents()', async () => {
    const attempts: string[] = [];
    const s = await subscribe('poison', (queue) => async (ev, manager) => {
      attempts.push(ev.id);
      await writeEffect(manager, ev, queue);
      throw new Error(`poison ${ev.id}`);
    });

    const eventId = await publishCommitted(s.event, { note: 'poison' });

    const failed = await eventually(
      async () => {
        const all = (await bus.failedEvents({ queue: s.queue })).rows;
        const original = all.find((f) => f.event.id === eventId && f.state === 'DEAD_LETTERED');
        return original ? { original, all } : undefined;
      },
      { what: `dead letter of ${eventId}`, timeoutMs: DELIVERY_TIMEOUT_MS },
    );

    // The first delivery plus RETRY_LIMIT retries, then no more.
    expect(attempts).toEqual(Array(RETRY_LIMIT + 1).fill(eventId));
    expect(failed.original).toMatchObject({
      state: 'DEAD_LETTERED',
      attempts: RETRY_LIMIT + 1,
      event: { id: eventId, type: s.event, payload: { note: 'poison' } },
      error: { message: `poison ${eventId}` },
    });
    // One row per event and queue: the dead-letter copy is not listed again.
    expect(failed.all.filter((f) => f.event.id === eventId)).toHaveLength(1);
    const deadLetters = await jobs(`${s.queue}.dead`);
    expect(deadLetters).toEqual([expect.objectContaining({ state: 'created' })]);
    expect(deadLetters[0]!.event_id).toBe(eventId);
    // Every attempt rolled back: no effect, and nothing marked as processed.
    expect(await effects(s.queue)).toEqual([]);
    expect(await processed(s.queue)).toEqual([]);
    const [job] = await jobs(s.queue);
    expect(job).toMatchObject({ state: 'failed', retry_count: RETRY_LIMIT });
  });

  it('retries a handler that fails once, which then succeeds with a single side effect', async () => {
    const attempts: string[] = [];
    const s = await subscribe('flaky', (queue) => async (ev, manager) => {
      attempts.push(ev.id);
      await writeEffect(manager, ev, queue);
      if (attempts.length === 1) throw new Error('transient failure');
    });

    const eventId = await publishCommitted(s.event, { note: 'flaky' });

    const [job] = await jobsInState(s.queue, eventId, 'completed');
    expect(job?.retry_count).toBe(1);
    expect(attempts).toEqual([eventId, eventId]);
    expect(await effects(s.queue)).toEqual([{ event_id: eventId, note: 'flaky' }]);
    expect(await processed(s.queue)).toEqual([eventId]);
    // The recovered delivery is no longer listed as failing.
    const failed = await bus.failedEvents({ queue: s.queue });
    expect(failed.rows).toEqual([]);
  });
});

describe('several events per consumer transaction', () => {
  it('one throwing handler in a shared transaction fails alone; the others are handled once', async () => {
    const s = await subscribe('chunk', (queue) => async (ev, manager) => {
      await writeEffect(manager, ev, queue);
      if ((ev.payload as { note: string }).note === 'bad') throw new Error('bad event');
    });
    const administrationId = randomUUID();
    const notes = ['a', 'b', 'bad', 'c', 'd'];
    const ids = await dataSource.transaction(async (manager) => {
      const out: string[] = [];
      for (const note of notes)
        out.push(await bus.publish(manager, s.event, { note, administrationId }));
      return out;
    });
    const good = ids.filter((_, i) => notes[i] !== 'bad');
    const bad = ids[notes.indexOf('bad')]!;
    await eventually(
      async () => {
        const rows = await jobs(s.queue);
        return rows.filter((j) => j.state === 'completed').length === 4 ? true : undefined;
      },
      { what: 'the four good events', timeoutMs: DELIVERY_TIMEOUT_MS },
    );
    expect((await effects(s.queue)).map((e) => e.event_id)).toEqual(good);
    expect((await processed(s.queue)).sort()).toEqual([...good].sort());
    const failed = (await bus.failedEvents({ queue: s.queue })).rows;
    expect(failed.map((f) => [f.event.id, f.error.message])).toEqual([[bad, 'bad event']]);
  });
});

describe('ops: failed deliveries', () => {
  it('pages failedEvents by queue and retryFailedEvent sends a dead letter once more', async () => {
    let broken = true;
    const attempts: string[] = [];
    const s = await subscribe('ops', (queue) => async (ev, manager) => {
      attempts.push(ev.id);
      if (broken) throw new Error('still broken');
      await writeEffect(manager, ev, queue);
    });
    const ids = [
      await publishCommitted(s.event, { note: 'a' }),
      await publishCommitted(s.event, { note: 'b' }),
    ];
    const dead = await eventually(
      async () => {
        const page = await bus.failedEvents({ queue: s.queue });
        return page.rows.length === 2 && page.rows.every((r) => r.state === 'DEAD_LETTERED')
          ? page
          : undefined;
      },
      { what: 'two dead letters', timeoutMs: DELIVERY_TIMEOUT_MS },
    );
    expect(dead.totalCount).toBe(2);
    expect(dead.rows.map((r) => r.event.id).sort()).toEqual([...ids].sort());

    // Keyset paging: one per page, newest first, nothing twice.
    const first = await bus.failedEvents({ queue: s.queue, first: 1 });
    expect(first).toMatchObject({ hasNextPage: true, totalCount: 2 });
    const last = first.rows[0]!;
    const second = await bus.failedEvents({
      queue: s.queue,
      first: 1,
      after: [last.firstFailedAt.toISOString(), last.jobId],
    });
    expect(second.hasNextPage).toBe(false);
    expect(second.rows.map((r) => r.jobId)).not.toContain(last.jobId);
    expect(second.rows).toHaveLength(1);

    // Fixed: ops retry one of them; it is delivered once more, succeeds, and disappears.
    broken = false;
    const target = dead.rows.find((r) => r.event.id === ids[0])!;
    await expect(bus.retryFailedEvent(target.jobId)).resolves.toMatchObject({
      jobId: target.jobId,
      state: 'RETRYING',
    });
    await eventually(
      async () => ((await bus.failedEvent(target.jobId)) === null ? true : undefined),
      { what: 'the retried delivery to succeed', timeoutMs: DELIVERY_TIMEOUT_MS },
    );
    expect((await effects(s.queue)).map((e) => e.event_id)).toEqual([ids[0]]);
    // The other stays dead-lettered; retrying a retrying or unknown job is refused.
    expect((await bus.failedEvents({ queue: s.queue })).rows.map((r) => r.event.id)).toEqual([
      ids[1],
    ]);
    await expect(bus.retryFailedEvent(randomUUID())).resolves.toBe('NOT_FOUND');
  });
});

describe('at volume', () => {
  it('1,000 events from 20 concurrent transactions, half rolled back: exactly 500 handled, each once', async () => {
    let handler!: ReturnType<typeof recordingHandler>;
    const s = await subscribe('burst', (queue) => (handler = recordingHandler(queue)).handle);
    // Ten administrations: events of one key are serialized, different keys run in parallel.
    const keys = Array.from({ length: 10 }, () => randomUUID());
    const committed: string[] = [];
    const rolledBack: string[] = [];

    await Promise.all(
      Array.from({ length: 20 }, async (_, t) => {
        const ids: string[] = [];
        const rollback = t % 2 === 1;
        try {
          await dataSource.transaction(async (manager) => {
            for (let i = 0; i < 50; i++) {
              ids.push(
                await bus.publish(manager, s.event, {
                  note: `${t}-${i}`,
                  administrationId: keys[(t + i) % keys.length]!,
                }),
              );
            }
            if (rollback) throw new Error('roll back');
          });
        } catch (error) {
          if (!rollback) throw error;
        }
        (rollback ? rolledBack : committed).push(...ids);
      }),
    );
    expect(committed).toHaveLength(500);

    await eventually(
      async () => {
        const rows: { n: number }[] = await dataSource.query(
          `SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND state = 'completed'`,
          [s.queue],
        );
        return rows[0]!.n === 500 ? true : undefined;
      },
      { what: '500 completed deliveries', timeoutMs: DELIVERY_TIMEOUT_MS },
    );
    expect(handler.calls).toHaveLength(500);
    expect([...handler.calls].sort()).toEqual([...committed].sort());
    const written = (await effects(s.queue)).map((e) => e.event_id);
    expect(written).toHaveLength(500);
    expect(new Set(written).size).toBe(500);
    expect((await processed(s.queue)).sort()).toEqual([...committed].sort());
    expect(await jobs(s.queue)).toHaveLength(500);
    const rolledBackJobs = (await jobs(s.queue)).filter((j) => rolledBack.includes(j.event_id));
    expect(rolledBackJobs).toEqual([]);
  });
});

describe('ordering per administration', () => {
  it('applies the events of one key one at a time, in publish order, other keys in parallel', async () => {
    const log: { key: string; seq: number; start: number; end: number }[] = [];
    const s = await subscribe('serial', () => async (ev) => {
      const { administrationId, seq } = ev.payload as { administrationId: string; seq: number };
      const start = performance.now();
      await new Promise((r) => setTimeout(r, 5));
      log.push({ key: administrationId, seq, start, end: performance.now() });
    });
    const keys = Array.from({ length: 4 }, () => randomUUID());
    // One transaction, keys interleaved: one fetched batch, all with the same created_on.
    await dataSource.transaction(async (manager) => {
      for (let seq = 0; seq < 10; seq++) {
        for (const administrationId of keys) {
          await bus.publish(manager, s.event, { administrationId, seq });
        }
      }
    });
    await eventually(async () => (log.length === 40 ? true : undefined), {
      what: '40 handled',
      timeoutMs: DELIVERY_TIMEOUT_MS,
    });
    for (const key of keys) {
      const mine = log.filter((l) => l.key === key);
      expect(mine.map((l) => l.seq)).toEqual([...Array(10).keys()]);
      for (let i = 1; i < mine.length; i++) {
        expect(mine[i]!.start).toBeGreaterThanOrEqual(mine[i - 1]!.end);
      }
    }
    // Different keys did overlap (concurrency > 1).
    const overlaps = log.some((a) =>
      log.some((b) => a.key !== b.key && a.start < b.end && b.start < a.end),
    );
    expect(overlaps).toBe(true);
  });

  it('an event arriving before its prerequisite waits (EventNotReadyError) and is applied after it', async () => {
    await dataSource.query(`CREATE TABLE IF NOT EXISTS ledger.test_states (
      administration_id uuid PRIMARY KEY,
      archived boolean NOT NULL
    )`);
    const created = uniqueNames('created');
    const archived = uniqueNames('archived');
    const subscriptions: Subscription[] = [
      {
        ...created,
        handle: async (ev, manager) => {
          await manager.query(
            `INSERT INTO ledger.test_states (administration_id, archived) VALUES ($1, false)
             ON CONFLICT DO NOTHING`,
            [(ev.payload as { administrationId: string }).administrationId],
          );
        },
      },
      {
        ...archived,
        handle: async (ev, manager) => {
          const { administrationId } = ev.payload as { administrationId: string };
          const rows: unknown[] = await manager.query(
            `SELECT 1 FROM ledger.test_states WHERE administration_id = $1 FOR UPDATE`,
            [administrationId],
          );
          if (rows.length === 0) throw new EventNotReadyError('not created yet');
          await manager.query(
            `UPDATE ledger.test_states SET archived = true WHERE administration_id = $1`,
            [administrationId],
          );
        },
      },
    ];
    await bus.declare(subscriptions);
    await bus.work(subscriptions, dataSource, SCHEMA);
    const administrationId = randomUUID();

    // Delivered out of order: "archived" commits first; "created" a moment later.
    await publishCommitted(archived.event, { administrationId });
    await eventually(
      async () =>
        (await bus.failedEvents({ queue: archived.queue })).rows[0]?.state === 'RETRYING'
          ? true
          : undefined,
      { what: 'archived to wait for created', timeoutMs: DELIVERY_TIMEOUT_MS },
    );
    await publishCommitted(created.event, { administrationId });

    await eventually(
      async () => {
        const rows: { archived: boolean }[] = await dataSource.query(
          `SELECT archived FROM ledger.test_states WHERE administration_id = $1`,
          [administrationId],
        );
        return rows[0]?.archived === true ? true : undefined;
      },
      { what: 'archived applied after created', timeoutMs: DELIVERY_TIMEOUT_MS },
    );
    await eventually(
      async () =>
        (await bus.failedEvents({ queue: archived.queue })).totalCount === 0 ? true : undefined,
      { what: 'the failure record to clear', timeoutMs: DELIVERY_TIMEOUT_MS },
    );
  });
});

describe('failures the bus does not see', () => {
  it('a handler that hangs past the expiry is listed while retried and dead-lettered when pg-boss gives up', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { event, queue } = uniqueNames('hang');
    const subscription: Subscription = {
      event,
      queue,
      handle: async () => {
        await gate;
        throw new Error('released');
      },
    };
    const hanging = await EventBus.start({
      url: db.url,
      logger,
      pollingIntervalSeconds: 0.5,
      retryLimit: 1,
      retryDelay: 1,
      expireInSeconds: 1,
      supervise: false,
    });
    try {
      await hanging.declare([subscription]);
      await hanging.work([subscription], dataSource, SCHEMA);
      const eventId = await publishCommitted(event, { note: 'hang' });
      // pg-boss times out the first attempt; the second fetch records it as retrying.
      const retrying = await eventually(async () => (await bus.failedEvents({ queue })).rows[0], {
        what: 'the timed-out delivery to be listed',
        timeoutMs: DELIVERY_TIMEOUT_MS,
      });
      expect(retrying.event.id).toBe(eventId);
      // The second attempt times out too: pg-boss fails it for good; the list follows.
      const dead = await eventually(
        async () => {
          const row = (await bus.failedEvents({ queue })).rows[0];
          return row?.state === 'DEAD_LETTERED' ? row : undefined;
        },
        { what: 'the timed-out delivery to be dead-lettered', timeoutMs: DELIVERY_TIMEOUT_MS },
      );
      expect(dead).toMatchObject({ jobId: retrying.jobId, attempts: 2 });
      expect(dead.error.message).toEqual(expect.any(String));
      expect(await effects(queue)).toEqual([]);
    } finally {
      release();
      await hanging.stop();
    }
    // The hung attempts fail late; that does not turn the dead letter back into a retry.
    const after = (await bus.failedEvents({ queue })).rows;
    expect(after.map((r) => r.state)).toEqual(['DEAD_LETTERED']);
  });
});

describe('the LISTEN connection', () => {
  it('delivers while it is gone (polling) and after it reconnected', async () => {
    let handler!: ReturnType<typeof recordingHandler>;
    const s = await subscribe('listener', (queue) => (handler = recordingHandler(queue)).handle);
    const listeners = () =>
      dataSource.query(
        `SELECT pid FROM pg_stat_activity
          WHERE application_name = 'kantoor-events-listen' AND datname = current_database()`,
      ) as Promise<{ pid: number }[]>;
    const before = await listeners();
    expect(before.length).toBeGreaterThan(0);
    await dataSource.query(`SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid`, [
      before.map((l) => l.pid),
    ]);

    const during = await publishCommitted(s.event, { note: 'during' });
    await jobsInState(s.queue, during, 'completed');
    await eventually(
      async () => {
        const now = await listeners();
        return now.length > 0 && now.every((l) => !before.some((b) => b.pid === l.pid))
          ? true
          : undefined;
      },
      { what: 'the listener to reconnect', timeoutMs: DELIVERY_TIMEOUT_MS },
    );
    const after = await publishCommitted(s.event, { note: 'after' });
    await jobsInState(s.queue, after, 'completed');
    expect(handler.calls).toEqual([during, after]);
  });
});

describe('crash between handler commit and job completion', () => {
  it('a killed consumer leaves an active job; its redelivery finds processed_events and does nothing twice', async () => {
    const { event, queue } = uniqueNames('crash');
    const child = fork(
      join(__dirname, 'fixtures', 'crash-worker.cjs'),
      [db.url, event, queue, '2'],
      {
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_code, signal) => resolve(signal)),
    );
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`crash worker exited early (${code})`)));
    });

    const eventId = await publishCommitted(event, { note: 'crash' });
    await expect(exited).resolves.toBe('SIGKILL');

    // The handler's transaction committed; the job was never completed.
    expect((await effects(queue)).map((e) => e.event_id)).toEqual([eventId]);
    expect(await processed(queue)).toEqual([eventId]);
    expect((await jobs(queue)).map((j) => j.state)).toEqual(['active']);

    // Another consumer with the same handler; expiry (maintenance) hands the job back.
    const again: string[] = [];
    const subscription: Subscription = {
      event,
      queue,
      handle: async (ev, manager) => {
        again.push(ev.id);
        await writeEffect(manager, ev, queue);
      },
    };
    const survivor = await EventBus.start({
      url: db.url,
      logger,
      pollingIntervalSeconds: 0.5,
      retryLimit: RETRY_LIMIT,
      retryDelay: 1,
      expireInSeconds: 2,
      supervise: false,
    });
    try {
      await survivor.declare([subscription]);
      await survivor.work([subscription], dataSource, SCHEMA);
      const [job] = await eventually(
        async () => {
          await survivor.maintain();
          const rows = await jobs(queue);
          return rows[0]?.state === 'completed' ? rows : undefined;
        },
        { what: 'the redelivery to complete', timeoutMs: DELIVERY_TIMEOUT_MS, intervalMs: 500 },
      );
      expect(job!.retry_count).toBe(1);
      expect(again).toEqual([]);
      expect((await effects(queue)).map((e) => e.event_id)).toEqual([eventId]);
    } finally {
      await survivor.stop();
    }
  });
});

/** A plain pg-boss client on the same database, to put the same event on a queue twice. */
async function startProducer(): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: db.url,
    schema: 'pgboss',
    max: 2,
    supervise: false,
    schedule: false,
    migrate: false,
  });
  boss.on('error', () => undefined);
  await boss.start();
  return boss;
}
