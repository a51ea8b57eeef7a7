import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import {
  createLogger,
  gatewayConfigSchema,
  parseConfig,
  SUBGRAPH_NAMES,
  type RunningServer,
} from '@kantoor/platform';
import { postGraphQL } from '@kantoor/platform/testing';
import { startGateway } from '../gateway';

/** A server that accepts connections and never answers: a hung subgraph. */
let hung: Server;
const sockets: Socket[] = [];
let gateway: RunningServer;

beforeAll(async () => {
  hung = createServer((socket) => {
    sockets.push(socket);
  });
  await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
  const port = (hung.address() as AddressInfo).port;
  const env: Record<string, string> = {
    KANTOOR_JWT_SECRET: 'gateway-test-secret-gateway-test-secret',
    KANTOOR_SUBGRAPH_TIMEOUT_MS: '300',
    LOG_LEVEL: 'silent',
  };
  for (const name of SUBGRAPH_NAMES) {
    env[`KANTOOR_GATEWAY_SECRET_${name.toUpperCase()}`] = `secret-of-${name}-`.padEnd(40, 'x');
    env[`KANTOOR_SUBGRAPH_URL_${name.toUpperCase()}`] = `http://127.0.0.1:${port}/graphql`;
  }
  gateway = await startGateway({
    config: parseConfig(gatewayConfigSchema, env),
    logger: createLogger('gateway', 'silent'),
    port: 0,
  });
});

afterAll(async () => {
  await gateway?.stop();
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => hung.close(resolve));
});

test('a subgraph that never answers is cut off by the timeout: an error, not a hung request', async () => {
  const r = await postGraphQL(gateway.url, '{ administrations { totalCount } }');
  expect(r.status).toBe(200);
  expect(r.data ?? null).toBeNull();
  expect(r.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
  expect(r.errors?.[0]?.message).toContain('tenancy');
  // The gateway itself keeps serving.
  expect((await postGraphQL(gateway.url, '{ __typename }')).data).toEqual({ __typename: 'Query' });
});

test('configuration problems are all listed at once', () => {
  expect(() => parseConfig(gatewayConfigSchema, { KANTOOR_JWT_SECRET: 'short' })).toThrow(
    /KANTOOR_JWT_SECRET[\s\S]*KANTOOR_GATEWAY_SECRET_TENANCY[\s\S]*KANTOOR_GATEWAY_SECRET_BILLING/,
  );
});
