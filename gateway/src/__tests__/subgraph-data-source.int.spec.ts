import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { SubgraphDataSource, isQuery, type DataSourceContext } from '../subgraph-data-source';

/** A fake subgraph that records every call and answers with what `reply` says. */
interface Call {
  headers: IncomingHttpHeaders;
  body: { query: string; variables?: Record<string, unknown> };
}
let server: Server;
let url: string;
let calls: Call[];
let reply: (call: Call) => { status: number; body: string } | null;
const sockets: Socket[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      const call: Call = { headers: req.headers, body: JSON.parse(text) as Call['body'] };
      calls.push(call);
      const answer = reply(call);
      if (!answer) return; // never answers: a hung subgraph
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(answer.body);
    });
  });
  server.on('connection', (socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

let source: SubgraphDataSource;
beforeEach(() => {
  calls = [];
  reply = (call) => ({
    status: 200,
    body: JSON.stringify({
      data: { echo: { auth: call.headers.authorization ?? null, variables: call.body.variables } },
    }),
  });
  // A generous timeout: a loaded machine must not turn a slow answer into a failure here.
  source = new SubgraphDataSource({
    subgraph: 'tenancy',
    url,
    secret: 's'.repeat(40),
    timeoutMs: 30_000,
  });
});
afterEach(async () => {
  await source.close();
});

const QUERY = 'query Dash__tenancy__0{administrations(first:100){totalCount}}';
const MUTATION = 'mutation Post__ledger__0($input:PostInput!){post(input:$input){id}}';

function call(
  query: string,
  context: DataSourceContext,
  variables: Record<string, unknown> = { first: 100 },
) {
  const options = {
    kind: 'incoming operation',
    request: { query, variables },
    context,
    incomingRequestContext: { context },
  } as unknown as GraphQLDataSourceProcessOptions<DataSourceContext>;
  return source.process(options);
}

const alice = { token: 'token-a', clientAddress: '127.0.0.1', requestId: 'request-0001' };

test('two identical concurrent queries make one subgraph call; each caller gets objects of its own', async () => {
  const [first, second] = await Promise.all([
    call(QUERY, alice),
    call(QUERY, { ...alice, requestId: 'request-0002' }),
  ]);
  expect(calls).toHaveLength(1);
  expect(first.data).toEqual(second.data);
  expect(first.data).not.toBe(second.data);
  // The call carried the secret, the token, the caller's address and a request id.
  expect(calls[0]!.headers['x-kantoor-gateway-secret']).toBe('s'.repeat(40));
  expect(calls[0]!.headers.authorization).toBe('Bearer token-a');
  expect(calls[0]!.headers['x-kantoor-client-address']).toBe('127.0.0.1');
  expect(calls[0]!.headers['x-request-id']).toBe('request-0001');
  // Nothing is kept once the call is done: the next identical query is sent again.
  await call(QUERY, alice);
  expect(calls).toHaveLength(2);
});

test('different Authorization, client address or variables: separate calls', async () => {
  const results = await Promise.all([
    call(QUERY, alice),
    call(QUERY, { ...alice, token: 'token-b' }),
    call(QUERY, { ...alice, token: null }),
    call(QUERY, { ...alice, clientAddress: '10.0.0.9' }),
    call(QUERY, alice, { first: 50 }),
  ]);
  expect(calls).toHaveLength(5);
  expect((results[0]!.data as { echo: { auth: string } }).echo.auth).toBe('Bearer token-a');
  expect((results[1]!.data as { echo: { auth: string } }).echo.auth).toBe('Bearer token-b');
  expect((results[2]!.data as { echo: { auth: string | null } }).echo.auth).toBeNull();
});

test('mutations are never deduplicated', async () => {
  await Promise.all([call(MUTATION, alice), call(MUTATION, alice), call(MUTATION, alice)]);
  expect(calls).toHaveLength(3);
});

test('only queries count as queries', () => {
  expect(isQuery(QUERY)).toBe(true);
  expect(isQuery('{ me { id } }')).toBe(true);
  expect(isQuery(MUTATION)).toBe(false);
  expect(isQuery('subscription S{x}')).toBe(false);
  expect(isQuery('queryish')).toBe(false);
});

test('a subgraph that never answers: a clean SERVICE_UNAVAILABLE error for every waiting caller', async () => {
  await source.close();
  source = new SubgraphDataSource({
    subgraph: 'tenancy',
    url,
    secret: 's'.repeat(40),
    timeoutMs: 2_000,
  });
  reply = () => null;
  const results = await Promise.allSettled([call(QUERY, alice), call(QUERY, alice)]);
  expect(calls).toHaveLength(1);
  for (const r of results) {
    expect(r.status).toBe('rejected');
    const error = (r as PromiseRejectedResult).reason as GraphQLError;
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error.extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(error.message).toContain('tenancy');
  }
  // The failed call is forgotten: the next one goes out again.
  reply = () => ({ status: 200, body: '{"data":{"ok":true}}' });
  await expect(call(QUERY, alice)).resolves.toEqual({ data: { ok: true } });
});

test('a refused token answers UNAUTHENTICATED; a 400 passes the subgraph error on', async () => {
  reply = () => ({
    status: 401,
    body: '{"errors":[{"message":"no","extensions":{"code":"UNAUTHENTICATED"}}]}',
  });
  await expect(call(QUERY, alice)).rejects.toMatchObject({
    extensions: { code: 'UNAUTHENTICATED' },
  });
  reply = () => ({
    status: 400,
    body: '{"errors":[{"message":"Expected a Decimal string","extensions":{"code":"BAD_USER_INPUT"}}]}',
  });
  await expect(call(MUTATION, alice)).rejects.toMatchObject({
    message: 'Expected a Decimal string',
    extensions: { code: 'BAD_USER_INPUT' },
  });
  reply = () => ({ status: 502, body: 'bad gateway' });
  await expect(call(QUERY, alice)).rejects.toMatchObject({
    extensions: { code: 'SERVICE_UNAVAILABLE' },
  });
});
