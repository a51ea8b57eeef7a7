import { randomUUID } from 'node:crypto';
import { eventually } from '@kantoor/platform/testing';
import { startTestSystem, type TestSystem } from '../../../../../../test/system';

let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem();
});
afterAll(async () => {
  await system?.stop();
});

const SIGN_UP_BUSINESS = `mutation($input: SignUpBusinessInput!) {
  signUpBusiness(input: $input) {
    administration { id name kind modules clientModules vatFilingPeriod archived myPermissions }
    user { id email name kind officeRole office { id } }
    token
    refreshToken
    userErrors { code field message }
  }
}`;

interface SignUpBusinessData {
  signUpBusiness: {
    administration: {
      id: string;
      name: string;
      kind: string;
      modules: string[];
      clientModules: string[];
      myPermissions: string[];
    } | null;
    user: {
      id: string;
      email: string;
      name: string;
      kind: string;
      officeRole: string | null;
    } | null;
    token: string | null;
    refreshToken: string | null;
    userErrors: { code: string; field: string[] | null; message: string }[];
  };
}

function db() {
  return system.subgraphs.tenancy.runtime.dataSource;
}

function signUpBusiness(input: Record<string, unknown>, token?: string) {
  return system.query<SignUpBusinessData>(SIGN_UP_BUSINESS, { token, variables: { input } });
}

function validInput(overrides: Record<string, unknown> = {}) {
  return {
    businessName: 'Fietsenmaker De Spaak',
    name: 'Sanne de Vries',
    email: `${randomUUID()}@example.test`,
    password: 'een lang wachtwoord',
    ...overrides,
  };
}

async function usersWithEmail(email: string): Promise<number> {
  const [r] = (await db().query(
    `SELECT count(*)::int AS n FROM tenancy.users WHERE lower(email) = lower($1)`,
    [email],
  )) as { n: number }[];
  return r!.n;
}

describe('signUpBusiness', () => {
  test('creates an office-less CLIENT owner, an EXTERNAL administration with every module, and a session', async () => {
    const input = validInput({ email: `  Sanne.${randomUUID()}@Example.TEST ` });
    const r = await signUpBusiness(input);
    expect(r.errors).toBeUndefined();
    const payload = r.data!.signUpBusiness;
    expect(payload.userErrors).toEqual([]);
    const email = (input.email as string).trim().toLowerCase();
    expect(payload.user).toMatchObject({
      email,
      name: 'Sanne de Vries',
      kind: 'CLIENT',
      officeRole: null,
      office: null,
    });
    expect(payload.administration).toMatchObject({
      name: 'Fietsenmaker De Spaak',
      kind: 'EXTERNAL',
      modules: ['LEDGER', 'INVOICING'],
      clientModules: [],
      vatFilingPeriod: 'QUARTER',
      archived: false,
    });
    expect(payload.administration!.myPermissions).toHaveLength(7);
    expect(payload.token).toEqual(expect.any(String));
    expect(payload.refreshToken).toEqual(expect.any(String));

    const [user] = (await db().query(
      `SELECT office_id, kind, office_role, password_hash FROM tenancy.users WHERE id = $1`,
      [payload.user!.id],
    )) as {
      office_id: string | null;
      kind: string;
      office_role: string | null;
      password_hash: string;
    }[];
    expect(user).toMatchObject({ office_id: null, kind: 'CLIENT', office_role: null });
    expect(user!.password_hash).toMatch(/^\$argon2id\$/);
    const [administration] = (await db().query(
      `SELECT office_id, owner_user_id, kind FROM tenancy.administrations WHERE id = $1`,
      [payload.administration!.id],
    )) as { office_id: string | null; owner_user_id: string; kind: string }[];
    expect(administration).toEqual({
      office_id: null,
      owner_user_id: payload.user!.id,
      kind: 'EXTERNAL',
    });

    // The token is a working login: the owner sees their administration with every permission.
    const token = payload.token!;
    const me = await system.query<{ me: { id: string } }>('{ me { id } }', { token });
    expect(me.data!.me.id).toBe(payload.user!.id);
    const list = await system.query<{
      administrations: { edges: { node: { id: string; myPermissions: string[] } }[] };
    }>('{ administrations { edges { node { id myPermissions } } } }', { token });
    expect(list.data!.administrations.edges.map((e) => e.node.id)).toEqual([
      payload.administration!.id,
    ]);

    // administration.created (officeId null, ownerUserId set) reaches the ledger, which opens the books.
    const [job] = (await db().query(
      `SELECT data FROM pgboss.job WHERE name = 'ledger.open-books' AND data->'payload'->>'administrationId' = $1`,
      [payload.administration!.id],
    )) as { data: { type: string; payload: Record<string, unknown> } }[];
    expect(job!.data.payload).toMatchObject({
      officeId: null,
      ownerUserId: payload.user!.id,
      kind: 'EXTERNAL',
      modules: ['LEDGER', 'INVOICING'],
      clientModules: [],
    });
    const accounts = await eventually(
      async () => {
        const res = await system.query<{ administration: { accounts: { code: string }[] } }>(
          `query($id: ID!) { administration(id: $id) { accounts { code } } }`,
          { token, variables: { id: payload.administration!.id } },
        );
        const found = res.data?.administration?.accounts;
        return found && found.length > 0 ? found : undefined;
      },
      { what: 'the ledger to open the books' },
    );
    expect(accounts.length).toBeGreaterThan(0);
  });

  test.each([
    ['EMPTY_BUSINESS_NAME', { businessName: '  ' }, ['input', 'businessName']],
    ['EMPTY_NAME', { name: '' }, ['input', 'name']],
    ['INVALID_EMAIL', { email: 'geen-adres' }, ['input', 'email']],
    ['INVALID_EMAIL', { email: 'twee@@example.test' }, ['input', 'email']],
    ['WEAK_PASSWORD', { password: 'kort' }, ['input', 'password']],
  ])('userError %s; nothing is written', async (code, overrides, field) => {
    const input = validInput(overrides);
    const r = await signUpBusiness(input);
    expect(r.errors).toBeUndefined();
    expect(r.data!.signUpBusiness).toEqual({
      administration: null,
      user: null,
      token: null,
      refreshToken: null,
      userErrors: [{ code, field, message: expect.any(String) }],
    });
    expect(await usersWithEmail(input.email as string)).toBe(0);
  });

  test('DUPLICATE_EMAIL, case-insensitively; nothing more is written', async () => {
    const email = `${randomUUID()}@example.test`;
    const first = await signUpBusiness(validInput({ email }));
    expect(first.data!.signUpBusiness.userErrors).toEqual([]);
    const [before] = (await db().query(
      `SELECT count(*)::int AS n FROM tenancy.administrations`,
    )) as { n: number }[];
    const second = await signUpBusiness(validInput({ email: email.toUpperCase() }));
    expect(second.data!.signUpBusiness.userErrors).toEqual([
      { code: 'DUPLICATE_EMAIL', field: ['input', 'email'], message: expect.any(String) },
    ]);
    expect(await usersWithEmail(email)).toBe(1);
    const [after] = (await db().query(
      `SELECT count(*)::int AS n FROM tenancy.administrations`,
    )) as { n: number }[];
    expect(after!.n).toBe(before!.n);
  });

  test('the same email signed up in parallel: exactly one succeeds, the rest DUPLICATE_EMAIL, never a 500', async () => {
    const email = `${randomUUID()}@example.test`;
    const results = await Promise.all(
      [0, 1, 2, 3].map((i) =>
        signUpBusiness(validInput({ email: i % 2 === 0 ? email : email.toUpperCase() })),
      ),
    );
    for (const r of results) expect(r.errors).toBeUndefined();
    const codes = results.map((r) => r.data!.signUpBusiness.userErrors.map((e) => e.code).join());
    expect(codes.filter((c) => c === '')).toHaveLength(1);
    expect(codes.filter((c) => c === 'DUPLICATE_EMAIL')).toHaveLength(3);
    expect(await usersWithEmail(email)).toBe(1);
  });
});
