import { randomUUID } from 'node:crypto';
import { startTestSystem, type TestSystem } from './system';

/**
 * Issue 9: who is asking never changes within a request. A document that logs in (or signs
 * up) and then calls office-admin mutations runs those mutations as the bearer token's user,
 * never as the user it just logged in, and no authorization answer carries over from one
 * field to the next. Everything here goes through the gateway, as an attacker would.
 */
let system: TestSystem;

const PASSWORD = 'Victim-passw0rd-2026';
const EVIL_PASSWORD = 'Evil-passw0rd-123';

interface Victim {
  officeId: string;
  admin: { id: string; email: string; token: string };
  member: { id: string; email: string; token: string; apiToken: string };
  client: { id: string; email: string; token: string };
  /** INTERNAL_WITH_CLIENT_LOGIN, LEDGER + INVOICING, client module INVOICING. */
  a: string;
  /** INTERNAL; the member and the client have no access to it. */
  b: string;
}
let victim: Victim;
let other: { email: string; token: string };

type Data = Record<string, unknown>;

async function gql(query: string, token?: string | null, variables?: Data) {
  return system.query<Data>(query, { token: token ?? null, variables });
}

/** A request that must succeed without errors or userErrors; returns data. */
async function ok(query: string, token?: string | null): Promise<Data> {
  const res = await gql(query, token);
  expect(res.errors).toBeUndefined();
  for (const value of Object.values(res.data ?? {})) {
    const errors = (value as { userErrors?: unknown[] } | null)?.userErrors;
    if (errors) expect(errors).toEqual([]);
  }
  return res.data!;
}

async function signUp(officeName: string, email: string) {
  const data = await ok(
    `mutation { signUp(input: { officeName: "${officeName}", name: "Admin", email: "${email}", password: "${PASSWORD}" }) {
      token user { id } office { id } userErrors { code } } }`,
  );
  const payload = data.signUp as { token: string; user: { id: string }; office: { id: string } };
  return { token: payload.token, userId: payload.user.id, officeId: payload.office.id };
}

async function createUser(adminToken: string, email: string, kind: string, role: string | null) {
  const data = await ok(
    `mutation { createUser(input: { email: "${email}", name: "${kind} user", kind: ${kind}, ${
      role ? `officeRole: ${role},` : ''
    } password: "${PASSWORD}" }) { user { id } userErrors { code } } }`,
    adminToken,
  );
  return (data.createUser as { user: { id: string } }).user.id;
}

async function login(email: string): Promise<string> {
  const data = await ok(
    `mutation { login(input: { email: "${email}", password: "${PASSWORD}" }) { token userErrors { code } } }`,
  );
  return (data.login as { token: string }).token;
}

beforeAll(async () => {
  system = await startTestSystem();
  const tag = randomUUID().slice(0, 8);
  const adminEmail = `admin-${tag}@victim.test`;
  const admin = await signUp('Victim Accountants', adminEmail);
  const memberEmail = `member-${tag}@victim.test`;
  const clientEmail = `client-${tag}@victim.test`;
  const memberId = await createUser(admin.token, memberEmail, 'STAFF', 'MEMBER');
  const clientId = await createUser(admin.token, clientEmail, 'CLIENT', null);
  const created = await ok(
    `mutation {
      a: createAdministration(input: { name: "Bakkerij A", kind: INTERNAL_WITH_CLIENT_LOGIN,
           modules: [LEDGER, INVOICING], clientModules: [INVOICING] }) { administration { id } userErrors { code } }
      b: createAdministration(input: { name: "Garage B", kind: INTERNAL }) { administration { id } userErrors { code } }
    }`,
    admin.token,
  );
  const a = (created.a as { administration: { id: string } }).administration.id;
  const b = (created.b as { administration: { id: string } }).administration.id;
  await ok(
    `mutation {
      m: setAccess(input: { userId: "${memberId}", administrationId: "${a}", permissions: [LEDGER_READ] }) { permissions userErrors { code } }
      c: setAccess(input: { userId: "${clientId}", administrationId: "${a}", permissions: [INVOICING_READ] }) { permissions userErrors { code } }
    }`,
    admin.token,
  );
  const memberToken = await login(memberEmail);
  const api = await ok(
    `mutation { createApiToken(input: { name: "Tool", expiresAt: "${new Date(
      Date.now() + 30 * 86_400_000,
    ).toISOString()}", permissions: [LEDGER_READ] }) { token userErrors { code } } }`,
    memberToken,
  );
  victim = {
    officeId: admin.officeId,
    admin: { id: admin.userId, email: adminEmail, token: admin.token },
    member: {
      id: memberId,
      email: memberEmail,
      token: memberToken,
      apiToken: (api.createApiToken as { token: string }).token,
    },
    client: { id: clientId, email: clientEmail, token: await login(clientEmail) },
    a,
    b,
  };
  const otherEmail = `other-${tag}@other.test`;
  other = { email: otherEmail, token: (await signUp('Other Office', otherEmail)).token };
});
afterAll(() => system?.stop());

/** Everything of the victim office an escalation could change. Sessions are left out: logins add them. */
async function snapshot() {
  const db = system.subgraphs.tenancy.runtime.dataSource;
  const officeId = victim.officeId;
  return {
    users: await db.query(
      `SELECT id, email, kind, office_role, active FROM tenancy.users WHERE office_id = $1 ORDER BY id`,
      [officeId],
    ),
    administrations: await db.query(
      `SELECT id, name, kind, modules, client_modules, archived_at FROM tenancy.administrations
        WHERE office_id = $1 ORDER BY id`,
      [officeId],
    ),
    grants: await db.query(
      `SELECT g.user_id, g.administration_id, g.permissions FROM tenancy.grants g
         JOIN tenancy.administrations a ON a.id = g.administration_id
        WHERE a.office_id = $1 ORDER BY 1, 2`,
      [officeId],
    ),
    audit: await db.query(
      `SELECT count(*)::int AS n FROM tenancy.access_audit WHERE office_id = $1`,
      [officeId],
    ),
    invitations: await db.query(
      `SELECT count(*)::int AS n FROM tenancy.link_invitations WHERE office_id = $1`,
      [officeId],
    ),
    anyEvilUser: await db.query(
      `SELECT email FROM tenancy.users WHERE email LIKE '%@evil.test'
      AND office_id = $1`,
      [officeId],
    ),
  };
}

let seq = 0;
function unique(prefix: string): string {
  return `${prefix}-${++seq}-${randomUUID().slice(0, 6)}@evil.test`;
}

/** The office-admin mutations an attacker would put after the login. */
function attacks(): Record<string, () => string> {
  return {
    createAdmin: () =>
      `createUser(input: { email: "${unique('door')}", name: "Door", kind: STAFF, officeRole: ADMIN, password: "${EVIL_PASSWORD}" }) { user { id } userErrors { code } }`,
    setAccess: () =>
      `setAccess(input: { userId: "${victim.member.id}", administrationId: "${victim.b}", permissions: [ADMINISTRATION_MANAGE, LEDGER_WRITE, LEDGER_READ] }) { permissions userErrors { code } }`,
    createAdministration: () =>
      `createAdministration(input: { name: "Evil books", kind: INTERNAL }) { administration { id } userErrors { code } }`,
    promoteMember: () =>
      `updateUser(input: { userId: "${victim.member.id}", officeRole: ADMIN }) { user { id officeRole } userErrors { code } }`,
    deactivateAdmin: () =>
      `deactivateUser(input: { userId: "${victim.admin.id}" }) { user { id } userErrors { code } }`,
    archive: () =>
      `archiveAdministration(input: { administrationId: "${victim.a}" }) { administration { id } userErrors { code } }`,
    linkInvitation: () =>
      `createLinkInvitation(input: { email: "${unique('owner')}" }) { code userErrors { code } }`,
  };
}

function loginField(who: 'client' | 'member' | 'other' | 'admin'): string {
  const email =
    who === 'other' ? other.email : who === 'admin' ? victim.admin.email : victim[who].email;
  return `login(input: { email: "${email}", password: "${PASSWORD}" }) { token user { id email } userErrors { code } }`;
}

function signUpField(): string {
  return `signUp(input: { officeName: "Evil", name: "Eve", email: "${unique('eve')}", password: "${EVIL_PASSWORD}" }) { token userErrors { code } }`;
}

/** The error codes by the alias they hit. */
function errorCodes(res: {
  errors?: { path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
}) {
  return (res.errors ?? []).map((e) => [e.path?.[0], e.extensions?.code]);
}

/*
 * Every mutation payload is non-null, so the first refused mutation nulls `data` and ends the
 * document (graphql-js runs mutation fields serially and stops there). Each variant therefore
 * puts its attack right after the login, one attack per document.
 */
describe('the document of issue 9 and its variants change nothing in the victim office', () => {
  test('the exact document: signUp, createUser, login as the client, createUser ADMIN', async () => {
    const before = await snapshot();
    const res = await gql(`mutation {
      a: signUp(input: { officeName: "Evil", name: "Eve", email: "${unique('eve')}", password: "${EVIL_PASSWORD}" }) { userErrors { code } }
      b: createUser(input: { email: "${unique('warm')}", name: "Warm", kind: STAFF, officeRole: MEMBER, password: "${EVIL_PASSWORD}" }) { userErrors { code } }
      c: login(input: { email: "${victim.client.email}", password: "${PASSWORD}" }) { userErrors { code } }
      e: createUser(input: { email: "door@evil.test", name: "Door", kind: STAFF, officeRole: ADMIN, password: "${EVIL_PASSWORD}" }) { userErrors { code } }
    }`);
    // The request stays anonymous after signUp: `b` is refused, which ends the document.
    expect(res.data).toBeNull();
    expect(errorCodes(res)).toEqual([['b', 'UNAUTHENTICATED']]);
    expect(await snapshot()).toEqual(before);
    const door = await system.subgraphs.tenancy.runtime.dataSource.query(
      `SELECT 1 FROM tenancy.users WHERE email = 'door@evil.test'`,
    );
    expect(door).toEqual([]);
  });

  test('the same document without the warm-up field: the login does not make the request the client', async () => {
    const before = await snapshot();
    const res = await gql(`mutation {
      a: signUp(input: { officeName: "Evil", name: "Eve", email: "${unique('eve')}", password: "${EVIL_PASSWORD}" }) { token userErrors { code } }
      c: login(input: { email: "${victim.client.email}", password: "${PASSWORD}" }) { token userErrors { code } }
      e: createUser(input: { email: "door@evil.test", name: "Door", kind: STAFF, officeRole: ADMIN, password: "${EVIL_PASSWORD}" }) { userErrors { code } }
    }`);
    expect(res.data).toBeNull();
    expect(errorCodes(res)).toEqual([['e', 'UNAUTHENTICATED']]);
    expect(await snapshot()).toEqual(before);
  });

  test("the other office's ADMIN warms the cache up and logs in as the client: createUser lands in their own office", async () => {
    const before = await snapshot();
    const res = await gql(
      `mutation {
        b: createUser(input: { email: "${unique('warm')}", name: "Warm", kind: STAFF, officeRole: MEMBER, password: "${EVIL_PASSWORD}" }) { user { id } userErrors { code } }
        c: login(input: { email: "${victim.client.email}", password: "${PASSWORD}" }) { userErrors { code } }
        e: createUser(input: { email: "${unique('door')}", name: "Door", kind: STAFF, officeRole: ADMIN, password: "${EVIL_PASSWORD}" }) { user { id } userErrors { code } }
      }`,
      other.token,
    );
    expect(res.errors).toBeUndefined();
    const created = (res.data?.e as { user: { id: string } }).user.id;
    const [row] = await system.subgraphs.tenancy.runtime.dataSource.query(
      `SELECT office_id FROM tenancy.users WHERE id = $1`,
      [created],
    );
    expect(row.office_id).not.toBe(victim.officeId);
    expect(await snapshot()).toEqual(before);
  });

  const bearers = ['anonymous', 'member', 'memberApiToken', 'client', 'otherAdmin'] as const;
  const logins = ['client', 'member', 'other'] as const;
  const tokenOf = (bearer: (typeof bearers)[number]): string | null =>
    bearer === 'anonymous'
      ? null
      : bearer === 'member'
        ? victim.member.token
        : bearer === 'memberApiToken'
          ? victim.member.apiToken
          : bearer === 'client'
            ? victim.client.token
            : other.token;
  const cases = bearers.flatMap((bearer, b) =>
    Object.keys(attacks()).map(
      (attack, a) => [bearer, logins[(a + b) % logins.length]!, attack] as const,
    ),
  );

  test.each(cases)('bearer %s, signUp + login as %s, then %s', async (bearer, who, attack) => {
    const before = await snapshot();
    const res = await gql(
      `mutation { s: ${signUpField()}\n l: ${loginField(who)}\n x: ${attacks()[attack]!()} }`,
      tokenOf(bearer),
    );
    if (bearer === 'otherAdmin') {
      // Their own office's ADMIN: done in their office, or a userError/FORBIDDEN for the victim's ids.
      expect(res.data === null || res.data?.x !== undefined).toBe(true);
    } else {
      expect(res.data).toBeNull();
      const codes = errorCodes(res);
      expect(codes).toHaveLength(1);
      expect(codes[0]![0]).toBe('x');
      expect(['UNAUTHENTICATED', 'FORBIDDEN']).toContain(codes[0]![1]);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('aliased logins cannot be used to act as anyone but the token user', () => {
  test("a MEMBER's token with the ADMIN's and the client's login: the payloads show those users", async () => {
    const res = await gql(
      `mutation { a: ${loginField('admin')} b: ${loginField('client')} }`,
      victim.member.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.a).toMatchObject({ user: { id: victim.admin.id, email: victim.admin.email } });
    expect(res.data?.b).toMatchObject({ user: { id: victim.client.id } });
  });

  test.each(['setAccess', 'promoteMember', 'createAdmin', 'archive'])(
    "a MEMBER's token, the ADMIN's login, then %s: FORBIDDEN, as the MEMBER",
    async (attack) => {
      const before = await snapshot();
      const res = await gql(
        `mutation { a: ${loginField('admin')} x: ${attacks()[attack]!()} }`,
        victim.member.token,
      );
      expect(res.data).toBeNull();
      expect(errorCodes(res)).toEqual([['x', 'FORBIDDEN']]);
      expect(await snapshot()).toEqual(before);
      const me = await gql(`query { me { id email officeRole } }`, victim.member.token);
      expect(me.data?.me).toEqual({
        id: victim.member.id,
        email: victim.member.email,
        officeRole: 'MEMBER',
      });
    },
  );

  test("a login payload's user shows its own office, read as that user", async () => {
    const res = await gql(
      `mutation { l: login(input: { email: "${victim.client.email}", password: "${PASSWORD}" }) {
          user { id email office { id name } } } }`,
      victim.member.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.l).toEqual({
      user: {
        id: victim.client.id,
        email: victim.client.email,
        office: { id: victim.officeId, name: 'Victim Accountants' },
      },
    });
  });

  test('an office ADMIN token still acts as that ADMIN after an aliased login of a client', async () => {
    const email = unique('legit').replace('@evil.test', '@victim.test');
    const res = await gql(
      `mutation {
        l: ${loginField('client')}
        u: createUser(input: { email: "${email}", name: "Legit", kind: STAFF, officeRole: MEMBER, password: "${PASSWORD}" }) { user { id email } userErrors { code } }
      }`,
      victim.admin.token,
    );
    expect(res.errors).toBeUndefined();
    const id = (res.data?.u as { user: { id: string } }).user.id;
    const [row] = await system.subgraphs.tenancy.runtime.dataSource.query(
      `SELECT office_id, office_role FROM tenancy.users WHERE id = $1`,
      [id],
    );
    expect(row).toEqual({ office_id: victim.officeId, office_role: 'MEMBER' });
    await ok(
      `mutation { deactivateUser(input: { userId: "${id}" }) { user { id } userErrors { code } } }`,
      victim.admin.token,
    );
  });
});

describe('payloads of signUp, login and signUpBusiness stay readable', () => {
  test('signUp: office and user; login: user and its office; signUpBusiness: administration and user', async () => {
    const email = unique('fresh').replace('@evil.test', '@fresh.test');
    const signed =
      await ok(`mutation { signUp(input: { officeName: "Fresh", name: "Fay", email: "${email}", password: "${PASSWORD}" }) {
        token user { id email kind officeRole office { name } } office { id name } userErrors { code } } }`);
    expect(signed.signUp).toMatchObject({
      user: { email, kind: 'STAFF', officeRole: 'ADMIN', office: { name: 'Fresh' } },
      office: { name: 'Fresh' },
    });
    const logged =
      await ok(`mutation { login(input: { email: "${email}", password: "${PASSWORD}" }) {
        user { email office { name users(first: 5) { totalCount } } } userErrors { code } } }`);
    expect(logged.login).toMatchObject({
      user: { email, office: { name: 'Fresh', users: { totalCount: 1 } } },
    });
    const ownerEmail = unique('owner').replace('@evil.test', '@fresh.test');
    const business =
      await ok(`mutation { signUpBusiness(input: { businessName: "Eigen Zaak", name: "Olaf", email: "${ownerEmail}", password: "${PASSWORD}" }) {
        token administration { id name kind myPermissions } user { email kind } userErrors { code } } }`);
    const payload = business.signUpBusiness as {
      token: string;
      administration: { id: string; name: string; kind: string; myPermissions: string[] };
    };
    expect(payload.administration).toMatchObject({ name: 'Eigen Zaak', kind: 'EXTERNAL' });
    expect(payload.administration.myPermissions).toContain('ADMINISTRATION_MANAGE');
    expect(business.signUpBusiness).toMatchObject({ user: { email: ownerEmail, kind: 'CLIENT' } });
    // The anonymous request itself gained nothing: the same administration is not visible
    // to it, while the returned token sees it.
    const anonymous = await gql(
      `query { administration(id: "${payload.administration.id}") { id } }`,
    );
    expect(anonymous.data?.administration ?? null).toBeNull();
    const owner = await ok(
      `query { administration(id: "${payload.administration.id}") { id name } }`,
      payload.token,
    );
    expect(owner.administration).toEqual({ id: payload.administration.id, name: 'Eigen Zaak' });
  });
});

/** A small seeded PRNG (mulberry32): the same documents on every run, different per seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('property: random documents mixing logins and sign-ups with office-admin mutations', () => {
  const SEED = 20261202;
  const DOCUMENTS = 25;

  test(`${DOCUMENTS} documents (seed ${SEED}) leave the victim office's users, grants and administrations unchanged`, async () => {
    const random = prng(SEED);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const identityFields: (() => string)[] = [
      () => loginField('client'),
      () => loginField('member'),
      () => loginField('other'),
      () => loginField('admin'),
      () => signUpField(),
      () =>
        `signUpBusiness(input: { businessName: "Evil BV", name: "Eve", email: "${unique('biz')}", password: "${EVIL_PASSWORD}" }) { token userErrors { code } }`,
      () =>
        `login(input: { email: "${unique('nobody')}", password: "wrong-password-123" }) { token userErrors { code } }`,
    ];
    const bearers = [
      null,
      victim.member.token,
      victim.member.apiToken,
      victim.client.token,
      other.token,
    ];
    const attackFields = Object.values(attacks());
    const before = await snapshot();
    for (let i = 0; i < DOCUMENTS; i++) {
      const length = 2 + Math.floor(random() * 5);
      const fields: string[] = [];
      for (let f = 0; f < length; f++) {
        const field = random() < 0.5 ? pick(identityFields)() : pick(attackFields)();
        fields.push(`f${f}: ${field}`);
      }
      // At least one login or sign-up before at least one attack.
      fields.unshift(`first: ${pick(identityFields)()}`);
      fields.push(`last: ${pick(attackFields)()}`);
      const document = `mutation {\n${fields.join('\n')}\n}`;
      const res = await gql(document, pick(bearers));
      expect(res.data).toBeDefined();
      const after = await snapshot();
      if (JSON.stringify(after) !== JSON.stringify(before)) {
        throw new Error(`document ${i} changed the victim office:\n${document}`);
      }
    }
  }, 300_000);
});
