import {
  createLogger,
  gatewayConfigSchema,
  parseConfig,
  SUBGRAPH_NAMES,
  type RunningServer,
} from '@kantoor/platform';
import { startGateway } from '../gateway';

const ALLOWED = 'https://app.kantoor.test';
const OTHER = 'https://evil.example';

function gatewayEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {
    KANTOOR_JWT_SECRET: 'gateway-test-secret-gateway-test-secret',
    LOG_LEVEL: 'silent',
    ...extra,
  };
  for (const name of SUBGRAPH_NAMES) {
    env[`KANTOOR_GATEWAY_SECRET_${name.toUpperCase()}`] = `secret-of-${name}-`.padEnd(40, 'x');
    // `{ __typename }` is answered by the gateway alone; no subgraph is called.
    env[`KANTOOR_SUBGRAPH_URL_${name.toUpperCase()}`] = 'http://127.0.0.1:9/graphql';
  }
  return env;
}

async function start(extra: Record<string, string>): Promise<RunningServer> {
  return startGateway({
    config: parseConfig(gatewayConfigSchema, gatewayEnv(extra)),
    logger: createLogger('gateway', 'silent'),
    port: 0,
  });
}

function preflight(url: string, origin: string): Promise<Response> {
  return fetch(url, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization,content-type',
    },
  });
}

describe('CORS with an allow-list', () => {
  let gateway: RunningServer;
  beforeAll(async () => {
    gateway = await start({ KANTOOR_CORS_ORIGINS: `${ALLOWED}, http://localhost:5173` });
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  test('a preflight from an allowed origin is allowed, with the headers a client sends', async () => {
    const r = await preflight(gateway.url, ALLOWED);
    expect(r.status).toBe(204);
    expect(r.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(r.headers.get('access-control-allow-methods')).toBe('GET,POST');
    const headers = r.headers.get('access-control-allow-headers')!.split(',');
    expect(headers).toEqual(expect.arrayContaining(['authorization', 'content-type']));
    expect(r.headers.get('access-control-allow-credentials')).toBeNull();
    expect(r.headers.get('access-control-max-age')).toBe('600');
    expect(r.headers.get('vary')).toContain('Origin');
  });

  test('a preflight from another origin gets no Access-Control-Allow-Origin', async () => {
    const r = await preflight(gateway.url, OTHER);
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('the real request from an allowed origin can read the answer and the request id', async () => {
    const r = await fetch(gateway.url, {
      method: 'POST',
      headers: { origin: ALLOWED, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ data: { __typename: 'Query' } });
    expect(r.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(r.headers.get('access-control-expose-headers')).toContain('x-request-id');
  });

  test("Apollo's CSRF prevention stays on: a simple (non-preflighted) GET is refused", async () => {
    const r = await fetch(`${gateway.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { origin: OTHER },
    });
    expect(r.status).toBe(400);
    expect(await r.text()).toContain('CSRF');
    // With a header that forces a preflight the same GET runs (from an allowed origin).
    const ok = await fetch(`${gateway.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { origin: ALLOWED, 'apollo-require-preflight': 'true' },
    });
    expect(await ok.json()).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('CORS by default', () => {
  let gateway: RunningServer;
  beforeAll(async () => {
    gateway = await start({});
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  test('no origin is allowed when KANTOOR_CORS_ORIGINS is unset', async () => {
    const r = await preflight(gateway.url, ALLOWED);
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
    // Same-origin and server-to-server callers (no Origin header) are unaffected.
    const direct = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await direct.json()).toEqual({ data: { __typename: 'Query' } });
  });

  test('a malformed or wildcard origin list is refused at start-up', () => {
    for (const value of ['*', 'https://app.kantoor.test/', 'app.kantoor.test']) {
      expect(() =>
        parseConfig(gatewayConfigSchema, gatewayEnv({ KANTOOR_CORS_ORIGINS: value })),
      ).toThrow(/KANTOOR_CORS_ORIGINS/);
    }
  });
});
