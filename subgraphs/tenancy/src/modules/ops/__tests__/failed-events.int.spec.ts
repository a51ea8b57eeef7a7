import { randomUUID } from 'node:crypto';
import { createLogger, EventBus, type Subscription } from '@kantoor/platform';
import { eventually } from '@kantoor/platform/testing';
import { Factories } from '../../../../../../test/factories';
import { startTestSystem, type TestSystem } from '../../../../../../test/system';
import { FailedEventsService } from '../failed-events.service';

/**
 * failedEvents / retryFailedEvent through the real gateway. Failing consumers run on
 * their own buses against the system's database (the ledger's schema), one that
 * dead-letters at the first failure and one that retries much later.
 */

let system: TestSystem;
let make: Factories;
let opsToken: string;
let staffToken: string;
const buses: EventBus[] = [];
const logger = createLogger('failed-events-test', 'silent');

beforeAll(async () => {
  system = await startTestSystem();
  make = new Factories(
    system.subgraphs.tenancy.runtime.dataSource,
    system.subgraphs.tenancy.runtime.events,
  );
  opsToken = await make.token((await make.user({ kind: 'OPS' })).id);
  const office = await make.office();
  staffToken = await make.token((await make.user({ officeId: office.id, officeRole: 'ADMIN' })).id);
});
afterAll(async () => {
  for (const bus of buses) await bus.stop();
  await system?.stop();
});

const LIST = `query($first: Int, $after: String, $queue: String) {
  failedEvents(first: $first, after: $after, queue: $queue) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { jobId queue eventId eventType occurredAt state attempts error firstFailedAt lastFailedAt } }
  }
}`;
const RETRY = `mutation($input: RetryFailedEventInput!) {
  retryFailedEvent(input: $input) { failedEvent { jobId state } userErrors { field code message } }
}`;

interface Node {
  jobId: string;
  queue: string;
  eventId: string;
  eventType: string;
  state: 'RETRYING' | 'DEAD_LETTERED';
  attempts: number;
  error: string;
}
interface ListData {
  failedEvents: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { cursor: string; node: Node }[];
  } | null;
}
interface RetryData {
  retryFailedEvent: {
    failedEvent: { jobId: string; state: string } | null;
    userErrors: { field: string[] | null; code: string }[];
  } | null;
}

/** A consumer on its own bus whose handler throws while `state.broken`. */
async function failingConsumer(options: { retryLimit: number; retryDelay: number }) {
  const suffix = randomUUID().slice(0, 8);
  const state = { broken: true, handled: [] as string[] };
  const subscription: Subscription = {
    event: `test.ops.${suffix}`,
    queue: `test-ops-${suffix}`,
    handle: async (event) => {
      if (state.broken) throw new Error(`consumer broken for ${event.id}`);
      state.handled.push(event.id);
    },
  };
  const bus = await EventBus.start({
    url: system.db.url,
    logger,
    supervise: false,
    pollingIntervalSeconds: 0.5,
    ...options,
  });
  buses.push(bus);
  await bus.declare([subscription]);
  await bus.work([subscription], system.subgraphs.ledger.runtime.dataSource, 'ledger');
  const publish = () =>
    system.subgraphs.tenancy.runtime.dataSource.transaction((manager) =>
      bus.publish(manager, subscription.event, { administrationId: randomUUID() }),
    );
  return { subscription, state, publish };
}

async function list(token: string | null, variables: Record<string, unknown>) {
  return system.query<ListData>(LIST, { token, variables });
}

test('ops see dead-lettered and retrying deliveries with their error, page them and send one again', async () => {
  const dead = await failingConsumer({ retryLimit: 0, retryDelay: 1 });
  const retrying = await failingConsumer({ retryLimit: 5, retryDelay: 3600 });
  const deadIds = [await dead.publish(), await dead.publish()];
  const retryingId = await retrying.publish();

  const deadPage = await eventually(
    async () => {
      const r = await list(opsToken, { queue: dead.subscription.queue });
      return r.data?.failedEvents?.totalCount === 2 ? r.data.failedEvents : undefined;
    },
    { what: 'two dead letters' },
  );
  expect(deadPage.edges.map((e) => e.node.eventId).sort()).toEqual([...deadIds].sort());
  for (const { node } of deadPage.edges) {
    expect(node).toMatchObject({
      queue: dead.subscription.queue,
      eventType: dead.subscription.event,
      state: 'DEAD_LETTERED',
      attempts: 1,
      error: `consumer broken for ${node.eventId}`,
    });
  }
  const retryingPage = await eventually(
    async () => {
      const r = await list(opsToken, { queue: retrying.subscription.queue });
      return r.data?.failedEvents?.totalCount === 1 ? r.data.failedEvents : undefined;
    },
    { what: 'one retrying delivery' },
  );
  expect(retryingPage.edges[0]!.node).toMatchObject({
    eventId: retryingId,
    state: 'RETRYING',
    attempts: 1,
  });

  // Without a queue: every failing delivery, newest first, keyset-paged.
  const all = await list(opsToken, { first: 500 });
  expect(all.errors).toBeUndefined();
  const ids = all.data!.failedEvents!.edges.map((e) => e.node.eventId);
  expect(ids).toEqual(expect.arrayContaining([...deadIds, retryingId]));
  const first = await list(opsToken, { first: 1, queue: dead.subscription.queue });
  expect(first.data!.failedEvents!.pageInfo.hasNextPage).toBe(true);
  const second = await list(opsToken, {
    first: 1,
    queue: dead.subscription.queue,
    after: first.data!.failedEvents!.pageInfo.endCursor,
  });
  expect(second.data!.failedEvents!.pageInfo.hasNextPage).toBe(false);
  expect([
    first.data!.failedEvents!.edges[0]!.node.eventId,
    second.data!.failedEvents!.edges[0]!.node.eventId,
  ]).toEqual(expect.arrayContaining(deadIds));
  const bad = await list(opsToken, { first: 1, after: 'not-a-cursor' });
  expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

  // Retrying one that still retries by itself, or an unknown job: userErrors.
  const notDead = await system.query<RetryData>(RETRY, {
    token: opsToken,
    variables: { input: { jobId: retryingPage.edges[0]!.node.jobId } },
  });
  expect(notDead.data?.retryFailedEvent?.userErrors).toEqual([
    {
      field: ['input', 'jobId'],
      code: 'FAILED_EVENT_NOT_DEAD_LETTERED',
      message: expect.any(String),
    },
  ]);
  const unknown = await system.query<RetryData>(RETRY, {
    token: opsToken,
    variables: { input: { jobId: randomUUID() } },
  });
  expect(unknown.data?.retryFailedEvent?.userErrors[0]?.code).toBe('FAILED_EVENT_NOT_FOUND');

  // The consumer is fixed; ops send one dead letter again: it is delivered and leaves the list.
  dead.state.broken = false;
  const target = deadPage.edges.find((e) => e.node.eventId === deadIds[0])!.node;
  const retried = await system.query<RetryData>(RETRY, {
    token: opsToken,
    variables: { input: { jobId: target.jobId } },
  });
  expect(retried.errors).toBeUndefined();
  expect(retried.data?.retryFailedEvent).toEqual({
    failedEvent: { jobId: target.jobId, state: 'RETRYING' },
    userErrors: [],
  });
  await eventually(async () => (dead.state.handled.length === 1 ? true : undefined), {
    what: 'the retried delivery',
  });
  expect(dead.state.handled).toEqual([deadIds[0]]);
  const after = await eventually(
    async () => {
      const r = await list(opsToken, { queue: dead.subscription.queue });
      return r.data?.failedEvents?.totalCount === 1 ? r.data.failedEvents : undefined;
    },
    { what: 'the retried delivery to leave the list' },
  );
  expect(after.edges.map((e) => e.node.eventId)).toEqual([deadIds[1]]);
});

test('a viewer who is not OPS gets nothing: no list, no retry', async () => {
  const dead = await failingConsumer({ retryLimit: 0, retryDelay: 1 });
  await dead.publish();
  const page = await eventually(
    async () => {
      const r = await list(opsToken, { queue: dead.subscription.queue });
      return r.data?.failedEvents?.totalCount === 1 ? r.data.failedEvents : undefined;
    },
    { what: 'a dead letter' },
  );
  const jobId = page.edges[0]!.node.jobId;
  dead.state.broken = false;

  for (const [token, code] of [
    [staffToken, 'FORBIDDEN'],
    [null, 'UNAUTHENTICATED'],
  ] as const) {
    const r = await list(token, { queue: dead.subscription.queue });
    expect(r.data?.failedEvents ?? null).toBeNull();
    expect(r.errors?.[0]?.extensions?.code).toBe(code);
    const m = await system.query<RetryData>(RETRY, { token, variables: { input: { jobId } } });
    expect(m.data?.retryFailedEvent ?? null).toBeNull();
    expect(m.errors?.[0]?.extensions?.code).toBe(code);
  }
  // Nothing was sent again: the delivery is still dead-lettered (retry runs in the mutation).
  const still = await list(opsToken, { queue: dead.subscription.queue });
  expect(still.data?.failedEvents?.edges[0]?.node.state).toBe('DEAD_LETTERED');
});

test('the service checks the viewer itself, whatever the shield rule did', async () => {
  const service = new FailedEventsService(system.subgraphs.tenancy.runtime);
  const staff = {
    kind: 'user' as const,
    userId: randomUUID(),
    userKind: 'STAFF' as const,
    officeId: randomUUID(),
    officeRole: 'ADMIN' as const,
    scope: null,
    sessionId: randomUUID(),
    apiTokenId: null,
  };
  await expect(service.list(staff, 10, null, null)).rejects.toThrow('Operators only.');
  await expect(service.retry(staff, randomUUID())).rejects.toThrow('Operators only.');
  // An OPS user through an API token has no ops powers either.
  const opsToken = {
    ...staff,
    userKind: 'OPS' as const,
    officeId: null,
    officeRole: null,
    scope: new Set<never>(),
  };
  await expect(service.list(opsToken, 10, null, null)).rejects.toThrow('Operators only.');
  await expect(service.list({ kind: 'anonymous' }, 10, null, null)).rejects.toThrow();
});
