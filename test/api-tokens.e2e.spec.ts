import { createHash } from 'node:crypto';
import { API_TOKEN_PATTERN, generateApiToken, signAccessToken } from '@kantoor/platform';
import { TEST_JWT_SECRET } from '@kantoor/platform/testing';
import type { Factories } from './factories';
import { startTestSystem, startTestSystemWithFactories, type TestSystem } from './system';

/**
 * Opaque API tokens through the gateway (issue 16, docs/decisions/0017-opaque-api-tokens.md):
 * `kat_...` tokens carry their permission subset into every subgraph, a revoked one is
 * HTTP 401, rotating KANTOOR_JWT_SECRET leaves them working, and the database keeps only
 * their SHA-256. JWT API tokens from before keep working until they expire.
 */
let system: TestSystem;
let make: Factories;

beforeAll(async () => ({ system, make } = await startTestSystemWithFactories()));
afterAll(() => system?.stop());

const CREATE = `mutation($input: CreateApiTokenInput!) {
  createApiToken(input: $input) { token apiToken { id format lastUsedAt } userErrors { code } }
}`;
interface Created {
  createApiToken: { token: string; apiToken: { id: string; format: string } };
}

async function setup(permissions: string[]) {
  const office = await make.office();
  const admin = await make.user({ officeId: office.id, officeRole: 'ADMIN' });
  const administration = await make.administration({ officeId: office.id });
  const session = await make.token(admin.id);
  const created = await system.query<Created>(CREATE, {
    token: session,
    variables: {
      input: {
        name: 'Bank koppeling',
        expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        permissions,
      },
    },
  });
  expect(created.errors).toBeUndefined();
  const { token, apiToken } = created.data!.createApiToken;
  return { office, admin, administration, session, token, id: apiToken.id };
}

const READ = `query($id: ID!) {
  administration(id: $id) { id myPermissions accounts { code } customers(first: 5) { totalCount } }
}`;
interface ReadData {
  administration: {
    myPermissions: string[];
    accounts: { code: string }[] | null;
    customers: { totalCount: number } | null;
  } | null;
}

function codes(r: {
  errors?: { path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}) {
  return (r.errors ?? []).map((e) => [e.path?.join('.') ?? null, e.extensions?.code]);
}

test('a kat_ token works through the gateway with its subset, and its use is noted', async () => {
  const { administration, token, id, session } = await setup(['LEDGER_READ']);
  expect(token).toMatch(new RegExp(`^${API_TOKEN_PATTERN}$`));
  const r = await system.query<ReadData>(READ, { token, variables: { id: administration.id } });
  expect(r.status).toBe(200);
  // The office ADMIN's token: ledger (LEDGER_READ) yes, invoicing no.
  expect(r.data!.administration!.myPermissions).toEqual(['LEDGER_READ']);
  expect(Array.isArray(r.data!.administration!.accounts)).toBe(true);
  expect(r.data!.administration!.customers).toBeNull();
  expect(codes(r)).toEqual([['administration.customers', 'FORBIDDEN']]);
  const list = await system.query<{
    apiTokens: { edges: { node: { id: string; lastUsedAt: string | null } }[] };
  }>(`{ apiTokens { edges { node { id lastUsedAt } } } }`, { token: session });
  expect(list.data!.apiTokens.edges.map((e) => e.node)).toEqual([
    { id, lastUsedAt: expect.any(String) },
  ]);
});

test('the database keeps only the SHA-256 of the token', async () => {
  const { token, id } = await setup(['VAT_READ']);
  const rows = await system.subgraphs.tenancy.runtime.dataSource.query(
    `SELECT * FROM tenancy.api_tokens WHERE id = $1`,
    [id],
  );
  expect(rows[0].token_hash).toBe(createHash('sha256').update(token).digest('hex'));
  expect(JSON.stringify(rows)).not.toContain(token.slice(4, 20));
});

test('a revoked kat_ token, an unknown one and a mistyped one are HTTP 401', async () => {
  const { administration, token, id, session } = await setup(['LEDGER_READ']);
  const revoke = await system.query(
    `mutation($id: ID!) { revokeApiToken(input: { id: $id }) { userErrors { code } } }`,
    { token: session, variables: { id } },
  );
  expect(revoke.errors).toBeUndefined();
  const mistyped = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`; // checksum breaks
  const unknown = generateApiToken(); // well-formed, never issued
  for (const bearer of [token, unknown, mistyped]) {
    const r = await system.query<ReadData>(READ, {
      token: bearer,
      variables: { id: administration.id },
    });
    expect(r.status).toBe(401);
    expect(r.data?.administration ?? null).toBeNull();
    expect(codes(r).map(([, code]) => code)).toEqual(['UNAUTHENTICATED']);
  }
});

test('rotating KANTOOR_JWT_SECRET leaves kat_ tokens working and ends login sessions', async () => {
  const { admin, token, session } = await setup(['LEDGER_READ']);
  const rotated = await startTestSystem({
    database: system.db,
    jwtSecret: 'a-brand-new-jwt-secret-after-rotation-0123456789',
  });
  try {
    const me = await rotated.query<{ me: { id: string } }>(`{ me { id } }`, { token });
    expect(me.errors).toBeUndefined();
    expect(me.data!.me.id).toBe(admin.id);
    const old = await rotated.query(`{ me { id } }`, { token: session });
    expect(old.status).toBe(401);
  } finally {
    await rotated.stop();
  }
});

test('a JWT API token from before keeps working until revoked or expired, as format JWT', async () => {
  const { admin, administration, session } = await setup(['LEDGER_READ']);
  const db = system.subgraphs.tenancy.runtime.dataSource;
  const [row] = await db.query(
    `INSERT INTO tenancy.api_tokens (user_id, name, token_hash, permissions, expires_at, format)
     VALUES ($1, 'Oud', 'pending', '{VAT_READ}', now() + interval '1 day', 'JWT') RETURNING id`,
    [admin.id],
  );
  const legacy = await signAccessToken({ sub: admin.id, jti: row.id }, TEST_JWT_SECRET, 86_400);
  await db.query(`UPDATE tenancy.api_tokens SET token_hash = $1 WHERE id = $2`, [
    createHash('sha256').update(legacy).digest('hex'),
    row.id,
  ]);
  const r = await system.query<ReadData>(
    `query($id: ID!) { administration(id: $id) { myPermissions } }`,
    {
      token: legacy,
      variables: { id: administration.id },
    },
  );
  expect(r.data!.administration!.myPermissions).toEqual(['VAT_READ']);
  const list = await system.query<{
    apiTokens: { edges: { node: { id: string; format: string } }[] };
  }>(`{ apiTokens { edges { node { id format } } } }`, { token: session });
  expect(list.data!.apiTokens.edges.find((e) => e.node.id === row.id)?.node.format).toBe('JWT');
  // A JWT naming another token's id does not borrow that token's rights.
  const forged = await signAccessToken({ sub: admin.id, jti: row.id }, TEST_JWT_SECRET, 3_600);
  expect((await system.query(`{ me { id } }`, { token: forged })).status).toBe(401);
  await db.query(`UPDATE tenancy.api_tokens SET revoked_at = now() WHERE id = $1`, [row.id]);
  expect((await system.query(`{ me { id } }`, { token: legacy })).status).toBe(401);
});
