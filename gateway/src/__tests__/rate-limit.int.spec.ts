import { randomUUID } from 'node:crypto';
import {
  createLogger,
  gatewayConfigSchema,
  parseConfig,
  signAccessToken,
  SUBGRAPH_NAMES,
  type RunningServer,
} from '@kantoor/platform';
import { createTestDatabase, type TestDatabase } from '@kantoor/platform/testing';
import { startGateway } from '../gateway';
import { createRateLimit } from '../rate-limit';

/**
 * Issue 15: a request budget per caller, shared by every gateway replica through
 * PostgreSQL, with the IETF RateLimit headers and RATE_LIMITED over budget.
 */
const SECRET = 'rate-limit-test-secret-rate-limit-test';
let db: TestDatabase;
let replicas: RunningServer[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  const env: Record<string, string> = {
    KANTOOR_JWT_SECRET: SECRET,
    LOG_LEVEL: 'silent',
    KANTOOR_RATE_LIMIT_POINTS: '3',
    KANTOOR_RATE_LIMIT_WINDOW_SECONDS: '60',
    KANTOOR_RATE_LIMIT_DATABASE_URL: db.url,
  };
  for (const name of SUBGRAPH_NAMES) {
    env[`KANTOOR_GATEWAY_SECRET_${name.toUpperCase()}`] = `secret-of-${name}-`.padEnd(40, 'x');
    env[`KANTOOR_SUBGRAPH_URL_${name.toUpperCase()}`] = 'http://127.0.0.1:9/graphql';
  }
  const config = parseConfig(gatewayConfigSchema, env);
  replicas = await Promise.all(
    [0, 1].map(() => startGateway({ config, logger: createLogger('gateway', 'silent'), port: 0 })),
  );
});
afterAll(async () => {
  await Promise.all(replicas.map((r) => r.stop()));
  await db?.drop();
});

async function ask(replica: RunningServer, token?: string) {
  const response = await fetch(replica.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  return {
    status: response.status,
    remaining: response.headers.get('ratelimit-remaining'),
    limit: response.headers.get('ratelimit-limit'),
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as {
      data?: unknown;
      errors?: { extensions?: { code?: string } }[];
    },
  };
}

test('two replicas share one budget per client address; over it: 429, Retry-After, RATE_LIMITED', async () => {
  const [a, b] = replicas as [RunningServer, RunningServer];
  const first = await ask(a);
  expect(first).toMatchObject({ status: 200, limit: '3', remaining: '2' });
  expect(first.body.data).toEqual({ __typename: 'Query' });
  expect(await ask(b)).toMatchObject({ status: 200, remaining: '1' });
  expect(await ask(a)).toMatchObject({ status: 200, remaining: '0' });
  const refused = await ask(b);
  expect(refused.status).toBe(429);
  expect(refused.remaining).toBe('0');
  expect(Number(refused.retryAfter)).toBeGreaterThan(0);
  expect(refused.body.errors?.map((e) => e.extensions?.code)).toEqual(['RATE_LIMITED']);
});

test("a logged-in user has a budget of their own, shared by all of the user's tokens", async () => {
  const [a, b] = replicas as [RunningServer, RunningServer];
  const userId = randomUUID();
  const one = await signAccessToken({ sub: userId, sid: randomUUID() }, SECRET);
  const other = await signAccessToken({ sub: userId, sid: randomUUID() }, SECRET);
  expect((await ask(a, one)).remaining).toBe('2');
  expect((await ask(b, other)).remaining).toBe('1');
  expect((await ask(a, one)).remaining).toBe('0');
  expect((await ask(b, other)).status).toBe(429);
  const stranger = await signAccessToken({ sub: randomUUID(), sid: randomUUID() }, SECRET);
  expect((await ask(a, stranger)).status).toBe(200);
});

test('replicas starting together on a fresh database all start (the table is created once)', async () => {
  const fresh = await createTestDatabase();
  try {
    const limits = await Promise.all(
      Array.from({ length: 8 }, () =>
        createRateLimit({
          points: 3,
          durationSeconds: 60,
          databaseUrl: fresh.url,
          jwtSecret: SECRET,
          logger: createLogger('gateway', 'silent'),
        }),
      ),
    );
    expect(limits).toHaveLength(8);
    await Promise.all(limits.map((l) => l.close()));
  } finally {
    await fresh.drop();
  }
});
