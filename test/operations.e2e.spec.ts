import { startGateway } from '@kantoor/gateway';
import {
  createLogger,
  gatewayConfigSchema,
  parseConfig,
  REQUEST_ID_HEADER,
  type RunningServer,
  type SubgraphName,
} from '@kantoor/platform';
import { eventually, TEST_JWT_SECRET } from '@kantoor/platform/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_SUBGRAPHS } from '../scripts/subgraphs';
import type { Factories } from './factories';
import { startTestSystemWithFactories, type TestSystem } from './system';

// Issue 16, operations: Prometheus /metrics on the gateway and every subgraph, access logs,
// and the gateway's readiness endpoint, on the real system.

const METRICS_TOKEN = 'metrics-scrape-token-for-the-test-0123456789';

/** Log lines a pino logger wrote, parsed (a destination with write(), as pino accepts). */
function capture(name: string): {
  lines: Record<string, unknown>[];
  raw: string[];
  logger: ReturnType<typeof createLogger>;
} {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const logger = createLogger(name, 'info', {
    write(line: string) {
      raw.push(line);
      lines.push(JSON.parse(line) as Record<string, unknown>);
    },
  });
  return { lines, raw, logger };
}

const gatewayLog = capture('gateway');
const tenancyLog = capture('tenancy');

let system: TestSystem;
let make: Factories;

beforeAll(async () => {
  ({ system, make } = await startTestSystemWithFactories({
    loggers: { gateway: gatewayLog.logger, tenancy: tenancyLog.logger },
    // The subgraphs' /metrics want the token (in development too, once one is set); the
    // gateway's is open, as in development without configuration.
    subgraphConfig: { KANTOOR_METRICS_TOKEN: METRICS_TOKEN },
  }));
});
afterAll(() => system?.stop());

const origin = (server: { url: string }) => new URL(server.url).origin;

async function scrape(server: { url: string }, token?: string): Promise<string> {
  const response = await fetch(`${origin(server)}/metrics`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
}
const scrapeSubgraph = (name: SubgraphName) => scrape(system.subgraphs[name], METRICS_TOKEN);

/** The samples of `name` whose labels include `labels`, from Prometheus text. */
function samples(text: string, name: string, labels: Record<string, string> = {}): number[] {
  const found: number[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = new Map(
      [...(match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map(
        (m) => [m[1]!, m[2]!] as const,
      ),
    );
    if (Object.entries(labels).every(([k, v]) => present.get(k) === v)) {
      found.push(Number(match[3]));
    }
  }
  return found;
}
/** The one sample of `name` with `labels`; 0 when absent (a counter not yet incremented). */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const found = samples(text, name, labels);
  expect(found.length).toBeLessThanOrEqual(1);
  return found[0] ?? 0;
}

/** The queues of the events ledger consumes. */
function ledgerQueues(): string[] {
  const ledger = ALL_SUBGRAPHS.find((d) => d.name === 'ledger')!;
  return ledger.subscriptions!(system.subgraphs.ledger.runtime).map((s) => s.queue);
}

async function officeAdminToken(): Promise<string> {
  const office = await make.office();
  const admin = await make.user({ officeId: office.id, officeRole: 'ADMIN' });
  return make.token(admin.id);
}

describe('/metrics', () => {
  test('a named query through the gateway counts at the gateway and in the subgraph it reached, and times the subgraph call', async () => {
    const token = await officeAdminToken();
    const ok = { operation_name: 'OpsProbe', operation_type: 'query', outcome: 'ok' };
    const subgraphOk = { ...ok, operation_name: 'OpsProbe__tenancy__0' };
    const callsOk = { subgraph: 'tenancy', outcome: 'ok' };
    const gatewayBefore = await scrape(system.gateway);
    const tenancyBefore = await scrapeSubgraph('tenancy');

    const answer = await system.query('query OpsProbe { me { id } }', { token });
    expect(answer.errors).toBeUndefined();
    // A refused operation counts as errors.
    const refused = await system.query('query OpsRefused { me { id } }');
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const gatewayAfter = await scrape(system.gateway);
    const tenancyAfter = await scrapeSubgraph('tenancy');
    const counter = 'kantoor_graphql_operations_total';
    expect(sample(gatewayAfter, counter, ok)).toBe(sample(gatewayBefore, counter, ok) + 1);
    expect(
      sample(gatewayAfter, counter, { ...ok, operation_name: 'OpsRefused', outcome: 'errors' }),
    ).toBe(1);
    expect(sample(gatewayAfter, 'kantoor_graphql_operation_duration_seconds_count', ok)).toBe(
      sample(gatewayBefore, 'kantoor_graphql_operation_duration_seconds_count', ok) + 1,
    );
    // Each server labels its own samples.
    expect(samples(gatewayAfter, counter, { ...ok, service: 'gateway' })).toHaveLength(1);
    // The gateway names its subgraph operations after the client's.
    expect(sample(tenancyAfter, counter, subgraphOk)).toBe(
      sample(tenancyBefore, counter, subgraphOk) + 1,
    );
    expect(samples(tenancyAfter, counter, { ...subgraphOk, service: 'tenancy' })).toHaveLength(1);
    // The subgraph call was timed: its histogram has the sample, in a bucket and in the sum.
    const calls = 'kantoor_subgraph_call_duration_seconds';
    expect(sample(gatewayAfter, `${calls}_count`, callsOk)).toBeGreaterThan(
      sample(gatewayBefore, `${calls}_count`, callsOk),
    );
    expect(sample(gatewayAfter, `${calls}_bucket`, { ...callsOk, le: '+Inf' })).toBe(
      sample(gatewayAfter, `${calls}_count`, callsOk),
    );
    expect(sample(gatewayAfter, `${calls}_sum`, callsOk)).toBeGreaterThan(0);
    // Node's process metrics come along.
    expect(samples(gatewayAfter, 'process_cpu_user_seconds_total')).toHaveLength(1);
    expect(samples(gatewayAfter, 'nodejs_heap_size_used_bytes')).toHaveLength(1);
  });

  test('a call straight to a subgraph counts in that subgraph', async () => {
    const labels = { operation_name: 'DirectProbe', operation_type: 'query', outcome: 'ok' };
    const before = await scrapeSubgraph('ledger');
    const answer = await system.subgraphs.ledger.query('query DirectProbe { __typename }');
    expect(answer.data).toEqual({ __typename: 'Query' });
    const after = await scrapeSubgraph('ledger');
    const counter = 'kantoor_graphql_operations_total';
    expect(sample(after, counter, labels)).toBe(sample(before, counter, labels) + 1);
    expect(samples(after, counter, { ...labels, service: 'ledger' })).toHaveLength(1);
  });

  test('each subgraph reports its database pool, its event queues and failing deliveries', async () => {
    const ledger = await scrapeSubgraph('ledger');
    const pool = (name: string) => samples(ledger, name, { service: 'ledger' });
    expect(pool('kantoor_db_pool_max_connections')).toEqual([8]);
    expect(pool('kantoor_db_pool_connections')[0]).toBeGreaterThanOrEqual(1);
    expect(pool('kantoor_db_pool_connections')[0]).toBeLessThanOrEqual(8);
    expect(pool('kantoor_db_pool_idle_connections')[0]).toBeGreaterThanOrEqual(0);
    expect(pool('kantoor_db_pool_waiting_clients')).toHaveLength(1);

    // Ledger consumes other modules' events: its queues and their dead letters.
    const queues = ledgerQueues();
    expect(queues.length).toBeGreaterThan(0);
    for (const queue of queues) {
      expect(samples(ledger, 'kantoor_event_queue_depth', { queue })).toHaveLength(1);
      expect(samples(ledger, 'kantoor_event_queue_depth', { queue: `${queue}.dead` })).toHaveLength(
        1,
      );
      for (const state of ['RETRYING', 'DEAD_LETTERED']) {
        expect(samples(ledger, 'kantoor_event_failed_deliveries', { queue, state })).toHaveLength(
          1,
        );
      }
    }
  });

  test('the gauges follow what pg-boss and the failure log hold at scrape time', async () => {
    // Nobody consumes a dead-letter queue: jobs put there wait, and the depth shows them.
    const queue = 'ledger.open-books';
    expect(ledgerQueues()).toContain(queue);
    const db = system.subgraphs.ledger.runtime.dataSource;
    const depth = (text: string) =>
      sample(text, 'kantoor_event_queue_depth', { queue: `${queue}.dead` });
    const failing = (text: string) =>
      sample(text, 'kantoor_event_failed_deliveries', { queue, state: 'DEAD_LETTERED' });
    const before = await scrapeSubgraph('ledger');
    await db.query(
      `INSERT INTO pgboss.job (name, data) SELECT $1, '{}'::jsonb FROM generate_series(1, 3)`,
      [`${queue}.dead`],
    );
    const [failure] = await db.query<{ job_id: string }[]>(
      `INSERT INTO events.failed_delivery (job_id, queue, event, state, attempts, error)
       VALUES (gen_random_uuid(), $1, '{}'::jsonb, 'DEAD_LETTERED', 9, '{"message":"test"}')
       RETURNING job_id`,
      [queue],
    );
    try {
      const after = await scrapeSubgraph('ledger');
      expect(depth(after)).toBe(depth(before) + 3);
      expect(failing(after)).toBe(failing(before) + 1);
    } finally {
      await db.query(`DELETE FROM pgboss.job WHERE name = $1`, [`${queue}.dead`]);
      await db.query(`DELETE FROM events.failed_delivery WHERE job_id = $1`, [failure!.job_id]);
    }
  });

  test('with a token configured, a scrape without it or with another is refused', async () => {
    const url = `${origin(system.subgraphs.vat)}/metrics`;
    const without = await fetch(url);
    expect(without.status).toBe(401);
    expect(without.headers.get('www-authenticate')).toBe('Bearer');
    expect(await without.text()).not.toContain('kantoor_');
    const wrong = await fetch(url, { headers: { authorization: 'Bearer not-the-token' } });
    expect(wrong.status).toBe(401);
    expect(await scrapeSubgraph('vat')).toContain('kantoor_db_pool_connections');
  });

  describe('in production', () => {
    async function productionGateway(env: Record<string, string>): Promise<RunningServer> {
      const base: Record<string, string> = {
        KANTOOR_JWT_SECRET: TEST_JWT_SECRET,
        PORT: '0',
        LOG_LEVEL: 'silent',
        ...env,
      };
      for (const definition of ALL_SUBGRAPHS) {
        const upper = definition.name.toUpperCase();
        base[`KANTOOR_GATEWAY_SECRET_${upper}`] = system.subgraphs[definition.name].gatewaySecret;
        base[`KANTOOR_SUBGRAPH_URL_${upper}`] = system.subgraphs[definition.name].url;
      }
      // The gateway reads NODE_ENV when it starts; restore it right after.
      const before = process.env.NODE_ENV;
      process.env.NODE_ENV = 'production';
      try {
        return await startGateway({
          config: parseConfig(gatewayConfigSchema, base),
          logger: createLogger('gateway', 'silent'),
          supergraphSdl: readFileSync(
            join(__dirname, '..', 'schema', 'supergraph.graphql'),
            'utf8',
          ),
          port: 0,
        });
      } finally {
        process.env.NODE_ENV = before;
      }
    }

    test('without KANTOOR_METRICS_TOKEN /metrics is not served', async () => {
      const gateway = await productionGateway({});
      try {
        const response = await fetch(`${origin(gateway)}/metrics`);
        expect(response.status).toBe(404);
        expect(await response.text()).not.toContain('kantoor_');
      } finally {
        await gateway.stop();
      }
    });

    test('with KANTOOR_METRICS_TOKEN only a scrape presenting it is answered', async () => {
      const gateway = await productionGateway({ KANTOOR_METRICS_TOKEN: METRICS_TOKEN });
      try {
        expect((await fetch(`${origin(gateway)}/metrics`)).status).toBe(401);
        const text = await scrape(gateway, METRICS_TOKEN);
        expect(text).toContain('# TYPE kantoor_graphql_operations_total counter');
        expect(text).toContain('# TYPE kantoor_subgraph_call_duration_seconds histogram');
      } finally {
        await gateway.stop();
      }
    });
  });
});

describe('access log', () => {
  test('one line per request with request id, method, path, status and latency; no Authorization header', async () => {
    const token = await officeAdminToken();
    const requestId = 'ops-access-log-0001';
    const answer = await system.query('query AccessLogged { me { id } }', {
      token,
      headers: { [REQUEST_ID_HEADER]: requestId },
    });
    expect(answer.errors).toBeUndefined();

    // The line is written when the response has finished, on the server's side.
    const line = await eventually(
      async () => gatewayLog.lines.find((l) => l.requestId === requestId),
      { what: "the gateway's access-log line" },
    );
    expect(line).toMatchObject({
      name: 'gateway',
      level: 30,
      msg: 'request completed',
      requestId,
      method: 'POST',
      path: '/graphql',
      status: 200,
    });
    expect(typeof line.responseTimeMs).toBe('number');
    expect(line.responseTimeMs).toBeGreaterThanOrEqual(0);
    // The subgraph's line carries the same request id: one id across the hops.
    const subgraphLine = await eventually(
      async () => tenancyLog.lines.find((l) => l.requestId === requestId && l.path === '/graphql'),
      { what: "tenancy's access-log line" },
    );
    expect(subgraphLine).toMatchObject({ name: 'tenancy', method: 'POST', status: 200 });

    // Neither the token, nor the gateway's secret, nor any header or body reaches the log.
    const written = [...gatewayLog.raw, ...tenancyLog.raw].join('');
    expect(written).not.toContain(token);
    expect(written).not.toContain(system.subgraphs.tenancy.gatewaySecret);
    expect(written.toLowerCase()).not.toContain('authorization');
    expect(written).not.toContain('AccessLogged { me');
  });

  test('a request without an id gets one, answered in X-Request-Id and logged under it', async () => {
    const response = await fetch(`${origin(system.gateway)}/health?probe=1`);
    expect(response.status).toBe(200);
    const requestId = response.headers.get(REQUEST_ID_HEADER);
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const notFound = await fetch(`${origin(system.gateway)}/no-such-path?secret=x`);
    expect(notFound.status).toBe(404);
    const id404 = notFound.headers.get(REQUEST_ID_HEADER)!;
    const line = await eventually(async () => gatewayLog.lines.find((l) => l.requestId === id404), {
      what: 'the 404 line',
    });
    // The path without its query string.
    expect(line).toMatchObject({ method: 'GET', path: '/no-such-path', status: 404 });
    // Successful probes are logged at debug: below this logger's info level.
    expect(gatewayLog.lines.find((l) => l.requestId === requestId)).toBeUndefined();
  });
});

describe('/ready', () => {
  test('200 with every subgraph ok; /health stays the liveness check', async () => {
    const response = await fetch(`${origin(system.gateway)}/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ready',
      subgraphs: { tenancy: 'ok', ledger: 'ok', invoicing: 'ok', vat: 'ok', billing: 'ok' },
    });
    expect((await fetch(`${origin(system.gateway)}/health`)).status).toBe(200);
  });

  // Last in the file: it stops a subgraph of the shared system.
  test('503 naming the subgraph that is down, while /health still answers', async () => {
    await system.subgraphs.billing.stop();
    const response = await fetch(`${origin(system.gateway)}/ready`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      status: 'unavailable',
      failing: ['billing'],
      subgraphs: {
        tenancy: 'ok',
        ledger: 'ok',
        invoicing: 'ok',
        vat: 'ok',
        billing: 'unavailable',
      },
    });
    expect((await fetch(`${origin(system.gateway)}/health`)).status).toBe(200);
    // The gateway's log says why, for ops.
    expect(
      gatewayLog.lines.some(
        (l) => l.msg === 'readiness: subgraph unavailable' && l.subgraph === 'billing',
      ),
    ).toBe(true);
  });
});
