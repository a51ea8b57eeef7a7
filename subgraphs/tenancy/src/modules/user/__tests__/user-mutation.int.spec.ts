import { eventually } from '@kantoor/platform/testing';
import { Factories } from '../../../../../../test/factories';
import { startTestSystem, type TestSystem } from '../../../../../../test/system';
import {
  errorCode,
  login,
  PASSWORD,
  recordEvents,
  setPassword,
  uniqueEmail,
  whoAmI,
  type UserErrorData,
} from '../../auth/__tests__/auth-test.helpers';

let system: TestSystem;
let make: Factories;
let events: ReturnType<typeof recordEvents>;

beforeAll(async () => {
  system = await startTestSystem();
  make = new Factories(
    system.subgraphs.tenancy.runtime.dataSource,
    system.subgraphs.tenancy.runtime.events,
  );
  events = recordEvents(system.subgraphs.tenancy.runtime.events);
});
afterAll(async () => {
  events?.restore();
  await system?.stop();
});

function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  return system.subgraphs.tenancy.runtime.dataSource.query(text, params);
}

interface UserData {
  id: string;
  email: string;
  name: string;
  kind: string;
  officeRole: string | null;
}
type Payload = { user: UserData | null; userErrors: UserErrorData[] } | null;
const USER_FIELDS = 'user { id email name kind officeRole } userErrors { field code message }';

const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) { ${USER_FIELDS} } }`;
const UPDATE = `mutation($input: UpdateUserInput!) { updateUser(input: $input) { ${USER_FIELDS} } }`;
const DEACTIVATE = `mutation($input: DeactivateUserInput!) { deactivateUser(input: $input) { ${USER_FIELDS} } }`;

/** An office with an ADMIN, a MEMBER and a CLIENT, and their tokens. */
async function office() {
  const o = await make.office();
  const admin = await make.user({ officeId: o.id, officeRole: 'ADMIN', name: 'Admin' });
  const member = await make.user({ officeId: o.id, officeRole: 'MEMBER', name: 'Member' });
  const client = await make.user({ officeId: o.id, kind: 'CLIENT', name: 'Client' });
  return {
    id: o.id,
    admin: { ...admin, token: await make.token(admin.id) },
    member: { ...member, token: await make.token(member.id) },
    client: { ...client, token: await make.token(client.id) },
  };
}

async function createUser(token: string | null, input: Record<string, unknown>) {
  const r = await system.query<{ createUser: Payload }>(CREATE, {
    token,
    variables: {
      input: {
        name: 'Piet Bakker',
        kind: 'STAFF',
        officeRole: 'MEMBER',
        password: PASSWORD,
        ...input,
      },
    },
  });
  return { ...r, payload: r.data?.createUser ?? null };
}
async function updateUser(token: string | null, input: Record<string, unknown>) {
  const r = await system.query<{ updateUser: Payload }>(UPDATE, { token, variables: { input } });
  return { ...r, payload: r.data?.updateUser ?? null };
}
async function deactivateUser(token: string | null, userId: string) {
  const r = await system.query<{ deactivateUser: Payload }>(DEACTIVATE, {
    token,
    variables: { input: { userId } },
  });
  return { ...r, payload: r.data?.deactivateUser ?? null };
}

/** The userErrors' codes of a payload, or the error codes when the field was refused. */
function outcome(r: { payload: Payload | null; errors?: { extensions?: { code?: unknown } }[] }) {
  return r.payload
    ? r.payload.userErrors.map((e) => e.code)
    : (r.errors ?? []).map((e) => String(e.extensions?.code));
}

async function userRow(id: string) {
  const [row] = await sql<{ name: string; office_role: string | null; active: boolean }>(
    `SELECT name, office_role, active FROM tenancy.users WHERE id = $1`,
    [id],
  );
  return row;
}

/**
 * Holds the office row lock (as updateUser/deactivateUser take it) until both requests
 * wait for it, then lets them run: both got past the shield, and then run one after the
 * other. Deterministic, no sleeps.
 */
async function racing<T>(officeId: string, requests: () => Promise<T>[]): Promise<T[]> {
  const runner = system.subgraphs.tenancy.runtime.dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    await runner.query(`SELECT id FROM tenancy.offices WHERE id = $1 FOR UPDATE`, [officeId]);
    const pending = Promise.all(requests());
    await eventually(
      async () => {
        const [row] = await sql<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'
              AND query LIKE 'SELECT id FROM tenancy.offices WHERE id = $1 FOR UPDATE%'`,
        );
        return row!.n >= 2 ? true : undefined;
      },
      { what: 'both requests to wait for the office lock' },
    );
    await runner.commitTransaction();
    return await pending;
  } finally {
    await runner.release();
  }
}

describe('createUser', () => {
  test('an office ADMIN creates a STAFF member who can log in; user.added is published', async () => {
    const o = await office();
    const email = uniqueEmail('Piet');
    const r = await createUser(o.admin.token, { email: ` ${email} `, name: ' Piet Bakker ' });
    expect(r.errors).toBeUndefined();
    expect(r.payload).toEqual({
      user: {
        id: expect.any(String),
        email: email.toLowerCase(),
        name: 'Piet Bakker',
        kind: 'STAFF',
        officeRole: 'MEMBER',
      },
      userErrors: [],
    });
    const id = r.payload!.user!.id;
    const [row] = await sql<{ office_id: string; password_hash: string; active: boolean }>(
      `SELECT office_id, password_hash, active FROM tenancy.users WHERE id = $1`,
      [id],
    );
    expect(row).toMatchObject({ office_id: o.id, active: true });
    expect(row!.password_hash).toMatch(/^\$argon2id\$/);
    expect(events.of('user.added', id)).toEqual([
      { userId: id, officeId: o.id, kind: 'STAFF', officeRole: 'MEMBER', active: true },
    ]);
    const session = await login(system, email);
    expect(session.user?.id).toBe(id);
    const me = await system.query<{ me: { office: { id: string } } }>('{ me { office { id } } }', {
      token: session.token!,
    });
    expect(me.data!.me.office.id).toBe(o.id);
  });

  test('an office ADMIN creates a CLIENT login (no office role)', async () => {
    const o = await office();
    const r = await createUser(o.admin.token, {
      email: uniqueEmail('client'),
      kind: 'CLIENT',
      officeRole: null,
    });
    expect(r.payload!.userErrors).toEqual([]);
    expect(r.payload!.user).toMatchObject({ kind: 'CLIENT', officeRole: null });
    expect(events.of('user.added', r.payload!.user!.id)).toEqual([
      {
        userId: r.payload!.user!.id,
        officeId: o.id,
        kind: 'CLIENT',
        officeRole: null,
        active: true,
      },
    ]);
  });

  test.each([
    ['OFFICE_ROLE_REQUIRED', { officeRole: null }, ['input', 'officeRole']],
    ['OFFICE_ROLE_NOT_ALLOWED', { kind: 'CLIENT', officeRole: 'MEMBER' }, ['input', 'officeRole']],
    ['KIND_NOT_ALLOWED', { kind: 'OPS', officeRole: null }, ['input', 'kind']],
    ['EMPTY_NAME', { name: '   ' }, ['input', 'name']],
    ['INVALID_EMAIL', { email: 'piet@' }, ['input', 'email']],
    ['WEAK_PASSWORD', { password: 'short' }, ['input', 'password']],
    ['WEAK_PASSWORD', { password: 'p'.repeat(257) }, ['input', 'password']],
  ])('%s for %j; nothing is written', async (code, input, field) => {
    const o = await office();
    const email = uniqueEmail('nothing');
    const r = await createUser(o.admin.token, { email, ...input });
    expect(r.errors).toBeUndefined();
    expect(r.payload).toEqual({
      user: null,
      userErrors: [{ code, field, message: expect.any(String) }],
    });
    expect(
      await sql(`SELECT 1 FROM tenancy.users WHERE lower(email) = lower($1)`, [email]),
    ).toEqual([]);
  });

  test('DUPLICATE_EMAIL, case-insensitively, also against another office', async () => {
    const o = await office();
    const elsewhere = await office();
    const existing = await sql<{ email: string }>(`SELECT email FROM tenancy.users WHERE id = $1`, [
      elsewhere.member.id,
    ]);
    const r = await createUser(o.admin.token, { email: existing[0]!.email.toUpperCase() });
    expect(r.payload!.userErrors).toEqual([
      { code: 'DUPLICATE_EMAIL', field: ['input', 'email'], message: expect.any(String) },
    ]);
    const [count] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM tenancy.users WHERE office_id = $1`,
      [o.id],
    );
    expect(count!.n).toBe(3);
  });

  test('two parallel createUsers with one email: exactly one user', async () => {
    const o = await office();
    const email = uniqueEmail('twice');
    const results = await Promise.all([
      createUser(o.admin.token, { email }),
      createUser(o.admin.token, { email: email.toUpperCase() }),
    ]);
    expect(results.map((r) => r.payload!.userErrors.map((e) => e.code)).sort()).toEqual([
      [],
      ['DUPLICATE_EMAIL'],
    ]);
    expect(
      await sql(`SELECT 1 FROM tenancy.users WHERE lower(email) = lower($1)`, [email]),
    ).toHaveLength(1);
  });

  test('anonymous: UNAUTHENTICATED; MEMBER, CLIENT and OPS: FORBIDDEN; nothing is written', async () => {
    const o = await office();
    const ops = await make.user({ kind: 'OPS' });
    const cases: [string | null, string][] = [
      [null, 'UNAUTHENTICATED'],
      [o.member.token, 'FORBIDDEN'],
      [o.client.token, 'FORBIDDEN'],
      [await make.token(ops.id), 'FORBIDDEN'],
    ];
    for (const [token, code] of cases) {
      const email = uniqueEmail('denied');
      const r = await createUser(token, { email });
      expect(r.payload).toBeNull();
      expect(errorCode(r)).toBe(code);
      expect(await sql(`SELECT 1 FROM tenancy.users WHERE email = $1`, [email])).toEqual([]);
    }
  });
});

describe('updateUser', () => {
  test('renames a user and promotes a MEMBER to ADMIN; user.changed is published', async () => {
    const o = await office();
    const r = await updateUser(o.admin.token, {
      userId: o.member.id,
      name: ' Marieke Jansen ',
      officeRole: 'ADMIN',
    });
    expect(r.errors).toBeUndefined();
    expect(r.payload).toEqual({
      user: {
        id: o.member.id,
        email: o.member.email,
        name: 'Marieke Jansen',
        kind: 'STAFF',
        officeRole: 'ADMIN',
      },
      userErrors: [],
    });
    expect(await userRow(o.member.id)).toEqual({
      name: 'Marieke Jansen',
      office_role: 'ADMIN',
      active: true,
    });
    expect(events.of('user.changed', o.member.id)).toEqual([
      { userId: o.member.id, officeId: o.id, kind: 'STAFF', officeRole: 'ADMIN', active: true },
    ]);
    // The promotion holds from the next request: the former member may now create users.
    const created = await createUser(o.member.token, { email: uniqueEmail('by-new-admin') });
    expect(created.payload!.userErrors).toEqual([]);
    // A client can be renamed; only the name changes.
    const client = await updateUser(o.admin.token, { userId: o.client.id, name: 'Klant BV' });
    expect(client.payload!.user).toMatchObject({ name: 'Klant BV', officeRole: null });
  });

  test('an ADMIN may demote themself when another active ADMIN remains', async () => {
    const o = await office();
    await updateUser(o.admin.token, { userId: o.member.id, officeRole: 'ADMIN' });
    const r = await updateUser(o.admin.token, { userId: o.admin.id, officeRole: 'MEMBER' });
    expect(r.payload!.userErrors).toEqual([]);
    expect((await userRow(o.admin.id))!.office_role).toBe('MEMBER');
  });

  test('USER_NOT_FOUND for an unknown id, a non-uuid and a user of another office; nothing is written', async () => {
    const o = await office();
    const elsewhere = await office();
    for (const userId of ['00000000-0000-4000-8000-000000000000', 'nope', elsewhere.member.id]) {
      const r = await updateUser(o.admin.token, { userId, name: 'Overgenomen' });
      expect(r.errors).toBeUndefined();
      expect(r.payload).toEqual({
        user: null,
        userErrors: [
          { code: 'USER_NOT_FOUND', field: ['input', 'userId'], message: expect.any(String) },
        ],
      });
    }
    expect((await userRow(elsewhere.member.id))!.name).toBe('Member');
  });

  test('EMPTY_NAME, OFFICE_ROLE_NOT_ALLOWED (a client) and LAST_ADMIN (the only ADMIN demoting themself); nothing is written', async () => {
    const o = await office();
    const cases: [Record<string, unknown>, string, string[]][] = [
      [{ userId: o.member.id, name: '  ', officeRole: 'ADMIN' }, 'EMPTY_NAME', ['input', 'name']],
      [
        { userId: o.client.id, officeRole: 'MEMBER' },
        'OFFICE_ROLE_NOT_ALLOWED',
        ['input', 'officeRole'],
      ],
      [
        { userId: o.admin.id, officeRole: 'MEMBER', name: 'X' },
        'LAST_ADMIN',
        ['input', 'officeRole'],
      ],
    ];
    for (const [input, code, field] of cases) {
      const r = await updateUser(o.admin.token, input);
      expect(r.payload).toEqual({
        user: null,
        userErrors: [{ code, field, message: expect.any(String) }],
      });
    }
    expect(await userRow(o.member.id)).toMatchObject({ name: 'Member', office_role: 'MEMBER' });
    expect(await userRow(o.client.id)).toMatchObject({ office_role: null });
    expect(await userRow(o.admin.id)).toMatchObject({ name: 'Admin', office_role: 'ADMIN' });
    expect(events.of('user.changed', o.admin.id)).toEqual([]);
  });

  test('two ADMINs demoting each other at once: exactly one succeeds, the other is no longer an ADMIN (FORBIDDEN); one ADMIN remains', async () => {
    const o = await office();
    await updateUser(o.admin.token, { userId: o.member.id, officeRole: 'ADMIN' });
    const results = await racing(o.id, () => [
      updateUser(o.admin.token, { userId: o.member.id, officeRole: 'MEMBER' }),
      updateUser(o.member.token, { userId: o.admin.id, officeRole: 'MEMBER' }),
    ]);
    // The loser waits for the office lock, then finds it is no longer an ADMIN: the service
    // re-checks the caller's role in its transaction (issue 9), so it is FORBIDDEN, and
    // LAST_ADMIN guards the rest.
    expect(results.map(outcome).sort()).toEqual([[], ['FORBIDDEN']]);
    const [admins] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM tenancy.users WHERE office_id = $1 AND office_role = 'ADMIN' AND active`,
      [o.id],
    );
    expect(admins!.n).toBe(1);
  });

  test("anonymous: UNAUTHENTICATED; MEMBER, CLIENT and OPS: FORBIDDEN; another office's ADMIN: USER_NOT_FOUND", async () => {
    const o = await office();
    const elsewhere = await office();
    const ops = await make.user({ kind: 'OPS' });
    const cases: [string | null, string][] = [
      [null, 'UNAUTHENTICATED'],
      [o.member.token, 'FORBIDDEN'],
      [o.client.token, 'FORBIDDEN'],
      [await make.token(ops.id), 'FORBIDDEN'],
    ];
    for (const [token, code] of cases) {
      const r = await updateUser(token, {
        userId: o.member.id,
        officeRole: 'ADMIN',
        name: 'Hacked',
      });
      expect(r.payload).toBeNull();
      expect(errorCode(r)).toBe(code);
    }
    const foreign = await updateUser(elsewhere.admin.token, {
      userId: o.member.id,
      name: 'Hacked',
    });
    expect(foreign.payload!.userErrors.map((e) => e.code)).toEqual(['USER_NOT_FOUND']);
    expect(await userRow(o.member.id)).toEqual({
      name: 'Member',
      office_role: 'MEMBER',
      active: true,
    });
  });
});

describe('deactivateUser', () => {
  test('deactivates: sessions and API tokens are revoked, the token is refused next request, login fails', async () => {
    const o = await office();
    await setPassword(system, o.member.id);
    const session = await login(system, o.member.email);
    const apiToken = await system.query<{ createApiToken: { token: string } }>(
      `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }`,
      {
        token: o.member.token,
        variables: {
          input: {
            name: 'Koppeling',
            expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
            permissions: ['LEDGER_READ'],
          },
        },
      },
    );
    const tokens = [o.member.token, session.token!, apiToken.data!.createApiToken.token];
    for (const token of tokens) expect(await whoAmI(system, token)).toBe(o.member.id);

    const r = await deactivateUser(o.admin.token, o.member.id);
    expect(r.errors).toBeUndefined();
    expect(r.payload).toEqual({
      user: {
        id: o.member.id,
        email: o.member.email,
        name: 'Member',
        kind: 'STAFF',
        officeRole: 'MEMBER',
      },
      userErrors: [],
    });
    expect((await userRow(o.member.id))!.active).toBe(false);
    const [open] = await sql<{ sessions: number; api_tokens: number }>(
      `SELECT (SELECT count(*)::int FROM tenancy.sessions WHERE user_id = $1 AND revoked_at IS NULL) AS sessions,
              (SELECT count(*)::int FROM tenancy.api_tokens WHERE user_id = $1 AND revoked_at IS NULL) AS api_tokens`,
      [o.member.id],
    );
    expect(open).toEqual({ sessions: 0, api_tokens: 0 });
    for (const token of tokens) expect(await whoAmI(system, token)).toBe('UNAUTHENTICATED');
    expect((await login(system, o.member.email)).userErrors.map((e) => e.code)).toEqual([
      'INVALID_CREDENTIALS',
    ]);
    const refreshed = await system.query<{ refreshToken: { userErrors: UserErrorData[] } }>(
      `mutation($input: RefreshTokenInput!) { refreshToken(input: $input) { userErrors { code } } }`,
      { variables: { input: { refreshToken: session.refreshToken } } },
    );
    expect(refreshed.data!.refreshToken.userErrors.map((e) => e.code)).toEqual([
      'INVALID_REFRESH_TOKEN',
    ]);
    expect(events.of('user.deactivated', o.member.id)).toEqual([
      { userId: o.member.id, officeId: o.id, kind: 'STAFF', officeRole: 'MEMBER' },
    ]);
    // Deactivating again changes nothing and publishes nothing new.
    const again = await deactivateUser(o.admin.token, o.member.id);
    expect(again.payload!.userErrors).toEqual([]);
    expect(events.of('user.deactivated', o.member.id)).toHaveLength(1);
  });

  test('another ADMIN can be deactivated while one active ADMIN remains', async () => {
    const o = await office();
    await updateUser(o.admin.token, { userId: o.member.id, officeRole: 'ADMIN' });
    const r = await deactivateUser(o.admin.token, o.member.id);
    expect(r.payload!.userErrors).toEqual([]);
    expect(await whoAmI(system, o.member.token)).toBe('UNAUTHENTICATED');
  });

  test('USER_NOT_FOUND (unknown, non-uuid, another office) and CANNOT_DEACTIVATE_SELF; nothing is written', async () => {
    const o = await office();
    const elsewhere = await office();
    for (const userId of ['00000000-0000-4000-8000-000000000000', 'x', elsewhere.member.id]) {
      const r = await deactivateUser(o.admin.token, userId);
      expect(r.payload).toEqual({
        user: null,
        userErrors: [
          { code: 'USER_NOT_FOUND', field: ['input', 'userId'], message: expect.any(String) },
        ],
      });
    }
    const self = await deactivateUser(o.admin.token, o.admin.id);
    expect(self.payload!.userErrors.map((e) => e.code)).toEqual(['CANNOT_DEACTIVATE_SELF']);
    expect((await userRow(o.admin.id))!.active).toBe(true);
    expect((await userRow(elsewhere.member.id))!.active).toBe(true);
    expect(await whoAmI(system, elsewhere.member.token)).toBe(elsewhere.member.id);
  });

  test('two ADMINs deactivating each other at once: one succeeds, the other is FORBIDDEN; one active ADMIN remains', async () => {
    const o = await office();
    await updateUser(o.admin.token, { userId: o.member.id, officeRole: 'ADMIN' });
    const results = await racing(o.id, () => [
      deactivateUser(o.admin.token, o.member.id),
      deactivateUser(o.member.token, o.admin.id),
    ]);
    // The loser waits for the office lock, then finds it is no longer an ADMIN: the service
    // re-checks the caller's role in its transaction (issue 9), so it is FORBIDDEN, and
    // LAST_ADMIN guards the rest.
    expect(results.map(outcome).sort()).toEqual([[], ['FORBIDDEN']]);
    const [admins] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM tenancy.users WHERE office_id = $1 AND office_role = 'ADMIN' AND active`,
      [o.id],
    );
    expect(admins!.n).toBe(1);
  });

  test('anonymous: UNAUTHENTICATED; MEMBER, CLIENT and OPS: FORBIDDEN; nothing is written', async () => {
    const o = await office();
    const ops = await make.user({ kind: 'OPS' });
    const cases: [string | null, string][] = [
      [null, 'UNAUTHENTICATED'],
      [o.member.token, 'FORBIDDEN'],
      [o.client.token, 'FORBIDDEN'],
      [await make.token(ops.id), 'FORBIDDEN'],
    ];
    for (const [token, code] of cases) {
      const r = await deactivateUser(token, o.admin.id);
      expect(r.payload).toBeNull();
      expect(errorCode(r)).toBe(code);
    }
    expect((await userRow(o.admin.id))!.active).toBe(true);
    expect(await whoAmI(system, o.admin.token)).toBe(o.admin.id);
  });
});
