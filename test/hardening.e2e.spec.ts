// Production mode for this whole file (a jest worker per file): what NODE_ENV=production
// changes is part of what is tested here.
process.env.NODE_ENV = 'production';

import { GATEWAY_SECRET_HEADER } from '@kantoor/platform';
import type { Factories } from './factories';
import { startTestSystemWithFactories, type TestSystem } from './system';

/**
 * Issue 15 (part): hostile queries and hostile text are refused before any resolver runs,
 * the gateway's limits hold in the subgraphs too, a refused session answers 401, and
 * production mode hides the schema from anonymous callers.
 */
let system: TestSystem;
let make: Factories;
let adminToken: string;
let administrationId: string;
let officeId: string;

beforeAll(async () => {
  ({ system, make } = await startTestSystemWithFactories());
  const office = await make.office('Hardening Office');
  officeId = office.id;
  const admin = await make.user({ officeId, officeRole: 'ADMIN' });
  adminToken = await make.token(admin.id);
  administrationId = (await make.administration({ officeId })).id;
});
afterAll(() => system?.stop());

function codes(res: { errors?: { extensions?: Record<string, unknown> }[] }): unknown[] {
  return (res.errors ?? []).map((e) => e.extensions?.code);
}

async function post(body: unknown, token?: string) {
  const response = await fetch(system.gateway.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as {
      data?: Record<string, unknown> | null;
      errors?: { message: string; extensions?: Record<string, unknown> }[];
    },
  };
}

describe('query limits at the gateway', () => {
  test('1,000 aliases of accounts: QUERY_TOO_COMPLEX, no data', async () => {
    const aliases = Array.from({ length: 1000 }, (_, i) => `a${i}: accounts { code name }`).join(
      ' ',
    );
    const res = await system.query(
      `query { administration(id: "${administrationId}") { ${aliases} } }`,
      { token: adminToken },
    );
    expect(res.data ?? null).toBeNull();
    expect(codes(res)).toContain('QUERY_TOO_COMPLEX');
  });

  test('1,000 trialBalances: QUERY_TOO_COMPLEX', async () => {
    const aliases = Array.from(
      { length: 1000 },
      (_, i) => `t${i}: trialBalance(from: "2026-01-01", to: "2026-12-31") { totalDebit }`,
    ).join(' ');
    const res = await system.query(
      `query { administration(id: "${administrationId}") { ${aliases} } }`,
      { token: adminToken },
    );
    expect(codes(res)).toContain('QUERY_TOO_COMPLEX');
  });

  test('6,000 tokens without aliases: QUERY_TOO_COMPLEX; a syntax error stays GRAPHQL_PARSE_FAILED', async () => {
    const res = await system.query(`{ ${'__typename '.repeat(6000)} }`);
    expect(codes(res)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(codes(await system.query('{ __typename '))).toEqual(['GRAPHQL_PARSE_FAILED']);
  });

  test('a query nested 200 levels deep: QUERY_TOO_COMPLEX', async () => {
    let selection = 'id';
    for (let i = 0; i < 100; i++)
      selection = `office { users { edges { node { ${selection} } } } }`;
    const res = await system.query(`query { me { ${selection} } }`, { token: adminToken });
    expect(res.data ?? null).toBeNull();
    expect(codes(res)).toContain('QUERY_TOO_COMPLEX');
  });

  test('list-size weighting: 500 administrations x 500 entries each is refused, a dashboard page is not', async () => {
    const heavy = await system.query(
      `query { administrations(first: 500) { edges { node {
          journalEntries(first: 500) { edges { node { id lines { debit credit } } } } } } } }`,
      { token: adminToken },
    );
    expect(codes(heavy)).toEqual(['QUERY_TOO_COMPLEX']);
    const dashboard = await system.query(
      `query { administrations(first: 100) { totalCount edges { node { id name kind modules
          ledgerStatus { draftEntries } } } } }`,
      { token: adminToken },
    );
    expect(dashboard.errors).toBeUndefined();
  });

  test('a subgraph reached with its secret refuses the deep query too', async () => {
    let selection = 'id';
    for (let i = 0; i < 30; i++) selection = `office { users { edges { node { ${selection} } } } }`;
    const tenancy = system.subgraphs.tenancy;
    const response = await fetch(tenancy.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [GATEWAY_SECRET_HEADER]: tenancy.gatewaySecret,
        authorization: `Bearer ${adminToken}`,
      },
      body: JSON.stringify({ query: `query { me { ${selection} } }` }),
    });
    const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(body.errors?.map((e) => e.extensions?.code)).toContain('QUERY_TOO_COMPLEX');
  });
});

describe('hostile text is refused in one place', () => {
  test.each([
    ['a NUL byte', 'Bakkerij\u0000 de Boer'],
    ['a lone high surrogate', 'Bakkerij \ud800 de Boer'],
    ['a lone low surrogate', '\udc00Bakkerij'],
  ])('%s in a variable: BAD_USER_INPUT with its path, nothing stored', async (_what, name) => {
    const before = await system.subgraphs.tenancy.runtime.dataSource.query(
      `SELECT count(*)::int AS n FROM tenancy.administrations WHERE office_id = $1`,
      [officeId],
    );
    const res = await post(
      {
        query: `mutation($input: CreateAdministrationInput!) { createAdministration(input: $input) { administration { id } userErrors { code } } }`,
        variables: { input: { name, kind: 'INTERNAL' } },
      },
      adminToken,
    );
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'INVALID_TEXT',
      variablePath: ['input', 'name'],
    });
    const after = await system.subgraphs.tenancy.runtime.dataSource.query(
      `SELECT count(*)::int AS n FROM tenancy.administrations WHERE office_id = $1`,
      [officeId],
    );
    expect(after).toEqual(before);
  });

  test('a NUL byte in a string literal (login email): BAD_USER_INPUT, not a server error', async () => {
    const res = await post({
      query: `mutation { login(input: { email: "eve\\u0000@x.test", password: "whatever-123" }) { token } }`,
    });
    expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('sessions and tokens', () => {
  test('a logged-out session answers HTTP 401 like a bad token', async () => {
    const user = await make.user({ officeId, officeRole: 'MEMBER' });
    const token = await make.token(user.id);
    const logout = await post(
      { query: `mutation { logout(input: {}) { revokedSessions } }` },
      token,
    );
    expect(logout.body.errors).toBeUndefined();
    const after = await post({ query: `query { me { id } }` }, token);
    expect(after.status).toBe(401);
    expect(after.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    const bad = await post({ query: `query { me { id } }` }, 'not-a-token');
    expect(bad.status).toBe(401);
  });

  test("an API token cannot list or revoke its user's tokens", async () => {
    const user = await make.user({ officeId, officeRole: 'MEMBER' });
    const session = await make.token(user.id);
    const created = await post(
      {
        query: `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { token apiToken { id } userErrors { code } } }`,
        variables: {
          input: {
            name: 'Tool',
            expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
            permissions: ['LEDGER_READ'],
          },
        },
      },
      session,
    );
    const { token, apiToken } = created.body.data!.createApiToken as {
      token: string;
      apiToken: { id: string };
    };
    const list = await post({ query: `query { apiTokens { totalCount } }` }, token);
    expect(list.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const revoke = await post(
      {
        query: `mutation { revokeApiToken(input: { id: "${apiToken.id}" }) { apiToken { id } userErrors { code } } }`,
      },
      token,
    );
    expect(revoke.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const own = await post(
      { query: `query { apiTokens { edges { node { id revoked } } } }` },
      session,
    );
    expect(own.body.data?.apiTokens).toEqual({
      edges: [{ node: { id: apiToken.id, revoked: false } }],
    });
  });
});

describe('production mode', () => {
  test('no introspection for anonymous callers; a logged-in user may introspect', async () => {
    const anonymous = await post({ query: `{ __schema { queryType { name } } }` });
    expect(anonymous.body.data ?? null).toBeNull();
    expect(anonymous.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    const loggedIn = await post({ query: `{ __schema { queryType { name } } }` }, adminToken);
    expect(loggedIn.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  test('errors from a subgraph do not name it (no serviceName)', async () => {
    const res = await post({ query: `{ me { id } }` });
    expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    for (const error of res.body.errors ?? [])
      expect(error.extensions).not.toHaveProperty('serviceName');
  });

  test('no "Did you mean" suggestions', async () => {
    const res = await post({ query: `{ mee { id } }` });
    expect(res.body.errors?.length).toBeGreaterThan(0);
    for (const error of res.body.errors ?? []) expect(error.message).not.toMatch(/Did you mean/);
  });
});
