import { createHash } from 'node:crypto';
import { type Factories } from '../../../../../../test/factories';
import { startTestSystemWithFactories, type TestSystem } from '../../../../../../test/system';
import { errorCode, whoAmI, type UserErrorData } from './auth-test.helpers';

let system: TestSystem;
let make: Factories;

beforeAll(async () => ({ system, make } = await startTestSystemWithFactories()));
afterAll(() => system?.stop());

function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  return system.subgraphs.tenancy.runtime.dataSource.query(text, params);
}

const CREATE = `mutation($input: CreateApiTokenInput!) {
  createApiToken(input: $input) {
    token
    apiToken { id name permissions createdAt expiresAt revoked lastUsedAt format }
    userErrors { field code message }
  }
}`;
interface ApiTokenData {
  id: string;
  name: string;
  permissions: string[];
  createdAt: string;
  expiresAt: string;
  revoked: boolean;
  lastUsedAt: string | null;
  format: string;
}
interface CreateData {
  createApiToken: {
    token: string | null;
    apiToken: ApiTokenData | null;
    userErrors: UserErrorData[];
  } | null;
}
const LIST =
  'query($first: Int, $after: String) { apiTokens(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id name permissions createdAt expiresAt revoked lastUsedAt format } } } }';
type ListData = {
  apiTokens: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string };
    edges: { node: ApiTokenData }[];
  };
};
const nodes = (r: { data?: ListData | null }) => r.data!.apiTokens.edges.map((e) => e.node);
const REVOKE = `mutation($input: RevokeApiTokenInput!) {
  revokeApiToken(input: $input) { apiToken { id revoked } userErrors { field code message } }
}`;
interface RevokeData {
  revokeApiToken: {
    apiToken: { id: string; revoked: boolean } | null;
    userErrors: UserErrorData[];
  } | null;
}

const DAY = 24 * 60 * 60 * 1000;
function inDays(days: number): string {
  return new Date(Date.now() + days * DAY).toISOString();
}

async function adminOfNewOffice() {
  const office = await make.office();
  const admin = await make.user({ officeId: office.id, officeRole: 'ADMIN' });
  return { office, admin, token: await make.token(admin.id) };
}

function createToken(token: string, input: Record<string, unknown>) {
  return system.query<CreateData>(CREATE, {
    token,
    variables: {
      input: {
        name: 'Bank koppeling',
        expiresAt: inDays(30),
        permissions: ['LEDGER_READ'],
        ...input,
      },
    },
  });
}

async function tokenCount(userId: string): Promise<number> {
  const [row] = await sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM tenancy.api_tokens WHERE user_id = $1`,
    [userId],
  );
  return row!.n;
}

describe('createApiToken', () => {
  test('returns the token once, stores only its hash, and the token carries only its permissions', async () => {
    const { office, admin, token } = await adminOfNewOffice();
    const administration = await make.administration({ officeId: office.id });
    const expiresAt = inDays(90);
    const r = await createToken(token, {
      name: '  Bank koppeling ',
      expiresAt,
      permissions: ['LEDGER_READ', 'LEDGER_READ'],
    });
    expect(r.errors).toBeUndefined();
    const payload = r.data!.createApiToken!;
    expect(payload.userErrors).toEqual([]);
    expect(payload.apiToken).toEqual({
      id: expect.any(String),
      name: 'Bank koppeling',
      permissions: ['LEDGER_READ'],
      createdAt: expect.any(String),
      expiresAt,
      revoked: false,
      lastUsedAt: null,
      format: 'OPAQUE',
    });
    // Opaque: `kat_` and 49 base62 characters, nothing a JWT secret signs.
    expect(payload.token).toMatch(/^kat_[0-9A-Za-z]{49}$/);
    const [row] = await sql<{ token_hash: string; permissions: string[]; user_id: string }>(
      `SELECT token_hash, permissions, user_id FROM tenancy.api_tokens WHERE id = $1`,
      [payload.apiToken!.id],
    );
    expect(row).toEqual({
      token_hash: createHash('sha256').update(payload.token!).digest('hex'),
      permissions: ['LEDGER_READ'],
      user_id: admin.id,
    });
    // The stored value is not the token.
    expect(JSON.stringify(await sql(`SELECT * FROM tenancy.api_tokens`))).not.toContain(
      payload.token!.slice(4),
    );

    // The office ADMIN's token sees only LEDGER_READ ...
    const q = `query($id: ID!) { administration(id: $id) { id myPermissions } }`;
    const seen = await system.query<{ administration: { myPermissions: string[] } }>(q, {
      token: payload.token!,
      variables: { id: administration.id },
    });
    expect(seen.data!.administration.myPermissions).toEqual(['LEDGER_READ']);
    // ... and office-admin mutations are FORBIDDEN with it; nothing is written.
    const email = `api-${administration.id}@example.test`;
    const create = await system.query(
      `mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } userErrors { code } } }`,
      {
        token: payload.token!,
        variables: {
          input: {
            email,
            name: 'Via API',
            kind: 'STAFF',
            officeRole: 'MEMBER',
            password: 'long enough password',
          },
        },
      },
    );
    expect(create.data?.createUser ?? null).toBeNull();
    expect(errorCode(create)).toBe('FORBIDDEN');
    expect(await sql(`SELECT 1 FROM tenancy.users WHERE email = $1`, [email])).toEqual([]);
  });

  test.each([
    ['EMPTY_NAME', { name: '  ' }, ['input', 'name']],
    ['EXPIRY_IN_PAST', { expiresAt: inDays(-1) }, ['input', 'expiresAt']],
    ['EXPIRY_TOO_FAR', { expiresAt: inDays(367) }, ['input', 'expiresAt']],
    ['NO_PERMISSIONS', { permissions: [] }, ['input', 'permissions']],
  ])('%s; nothing is written', async (code, input, field) => {
    const { admin, token } = await adminOfNewOffice();
    const r = await createToken(token, input);
    expect(r.errors).toBeUndefined();
    expect(r.data!.createApiToken).toEqual({
      token: null,
      apiToken: null,
      userErrors: [{ code, field, message: expect.any(String) }],
    });
    expect(await tokenCount(admin.id)).toBe(0);
  });

  test('an API token cannot mint API tokens: NOT_A_SESSION', async () => {
    const { admin, token } = await adminOfNewOffice();
    const apiToken = (await createToken(token, {})).data!.createApiToken!.token!;
    const r = await createToken(apiToken, {});
    expect(r.data!.createApiToken!.userErrors.map((e) => e.code)).toEqual(['NOT_A_SESSION']);
    expect(await tokenCount(admin.id)).toBe(1);
  });

  test('OPS users cannot: KIND_NOT_ALLOWED', async () => {
    const ops = await make.user({ kind: 'OPS' });
    const r = await createToken(await make.token(ops.id), {});
    expect(r.data!.createApiToken!.userErrors.map((e) => e.code)).toEqual(['KIND_NOT_ALLOWED']);
    expect(await tokenCount(ops.id)).toBe(0);
  });

  test('a MEMBER and a CLIENT may create tokens for themselves', async () => {
    const office = await make.office();
    for (const options of [{ officeRole: 'MEMBER' as const }, { kind: 'CLIENT' as const }]) {
      const user = await make.user({ officeId: office.id, ...options });
      const r = await createToken(await make.token(user.id), {});
      expect(r.data!.createApiToken!.userErrors).toEqual([]);
      expect(await whoAmI(system, r.data!.createApiToken!.token!)).toBe(user.id);
    }
  });

  test('anonymous: UNAUTHENTICATED for createApiToken, apiTokens and revokeApiToken', async () => {
    const create = await system.query<CreateData>(CREATE, {
      variables: { input: { name: 'x', expiresAt: inDays(1), permissions: ['LEDGER_READ'] } },
    });
    expect(errorCode(create)).toBe('UNAUTHENTICATED');
    const list = await system.query(LIST);
    expect(errorCode(list)).toBe('UNAUTHENTICATED');
    const revoke = await system.query<RevokeData>(REVOKE, {
      variables: { input: { id: '00000000-0000-4000-8000-000000000000' } },
    });
    expect(errorCode(revoke)).toBe('UNAUTHENTICATED');
  });
});

describe('apiTokens and revokeApiToken', () => {
  test("lists the viewer's own tokens newest first, never the hash", async () => {
    const { token } = await adminOfNewOffice();
    const other = await adminOfNewOffice();
    await createToken(other.token, { name: 'Not mine' });
    const first = (await createToken(token, { name: 'Eerste' })).data!.createApiToken!.apiToken!;
    const second = (await createToken(token, { name: 'Tweede', permissions: ['VAT_READ'] })).data!
      .createApiToken!.apiToken!;
    const r = await system.query<ListData>(LIST, { token });
    expect(r.errors).toBeUndefined();
    expect(nodes(r)).toEqual([second, first]);
    expect(r.data!.apiTokens.totalCount).toBe(2);
    // A page of one, then the rest after its cursor.
    const page1 = await system.query<ListData>(LIST, { token, variables: { first: 1 } });
    expect(nodes(page1)).toEqual([second]);
    expect(page1.data!.apiTokens.pageInfo.hasNextPage).toBe(true);
    const page2 = await system.query<ListData>(LIST, {
      token,
      variables: { first: 1, after: page1.data!.apiTokens.pageInfo.endCursor },
    });
    expect(nodes(page2)).toEqual([first]);
    expect(page2.data!.apiTokens.pageInfo.hasNextPage).toBe(false);
    const hashField = await system.query('{ apiTokens { edges { node { tokenHash } } } }', {
      token,
    });
    expect(errorCode(hashField)).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  test('a revoked token is UNAUTHENTICATED on the next request and listed as revoked', async () => {
    const { admin, token } = await adminOfNewOffice();
    const created = (await createToken(token, {})).data!.createApiToken!;
    expect(await whoAmI(system, created.token!)).toBe(admin.id);
    const r = await system.query<RevokeData>(REVOKE, {
      token,
      variables: { input: { id: created.apiToken!.id } },
    });
    expect(r.data!.revokeApiToken).toEqual({
      apiToken: { id: created.apiToken!.id, revoked: true },
      userErrors: [],
    });
    expect(await whoAmI(system, created.token!)).toBe('UNAUTHENTICATED');
    const list = await system.query<ListData>(LIST, { token });
    expect(nodes(list).map((t) => [t.id, t.revoked])).toEqual([[created.apiToken!.id, true]]);
    // Revoking again changes nothing.
    const again = await system.query<RevokeData>(REVOKE, {
      token,
      variables: { input: { id: created.apiToken!.id } },
    });
    expect(again.data!.revokeApiToken!.userErrors).toEqual([]);
  });

  test("API_TOKEN_NOT_FOUND for someone else's token, an unknown id and a non-uuid; nothing is revoked", async () => {
    const { token } = await adminOfNewOffice();
    const other = await adminOfNewOffice();
    const theirs = (await createToken(other.token, {})).data!.createApiToken!;
    for (const id of [theirs.apiToken!.id, '00000000-0000-4000-8000-000000000000', 'nope']) {
      const r = await system.query<RevokeData>(REVOKE, { token, variables: { input: { id } } });
      expect(r.data!.revokeApiToken).toEqual({
        apiToken: null,
        userErrors: [
          { code: 'API_TOKEN_NOT_FOUND', field: ['input', 'id'], message: expect.any(String) },
        ],
      });
    }
    expect(await whoAmI(system, theirs.token!)).toBe(other.admin.id);
  });

  test('an API token cannot log out: NOT_A_SESSION', async () => {
    const { admin, token } = await adminOfNewOffice();
    const apiToken = (await createToken(token, {})).data!.createApiToken!.token!;
    const r = await system.query<{ logout: { userErrors: UserErrorData[] } }>(
      `mutation { logout(input: {}) { revokedSessions userErrors { code } } }`,
      { token: apiToken },
    );
    expect(r.data!.logout.userErrors.map((e) => e.code)).toEqual(['NOT_A_SESSION']);
    expect(await whoAmI(system, apiToken)).toBe(admin.id);
    expect(await whoAmI(system, token)).toBe(admin.id);
  });
});
