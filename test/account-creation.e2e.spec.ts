import { randomUUID } from 'node:crypto';
import type { Factories } from './factories';
import { startTestSystemWithFactories, type TestSystem } from './system';

/**
 * Issue 15: what signUp, signUpBusiness and createUser answer for an existing email. A taken
 * email answers DUPLICATE_EMAIL (the new user is logged in at once, so a refusal cannot
 * look like a success) and is throttled per client address; an operator's address is never
 * revealed: its whole domain is reserved (EMAIL_NOT_ALLOWED, taken or not).
 */
const OPS_EMAIL = 'ops@ops.kantoor.test';
const PASSWORD = 'correct horse battery staple';

let system: TestSystem;
let make: Factories;
let adminToken: string;
let officeId: string;
let takenEmail: string;

beforeAll(async () => {
  ({ system, make } = await startTestSystemWithFactories({
    subgraphConfig: {
      KANTOOR_OPS_EMAIL: OPS_EMAIL,
      KANTOOR_OPS_PASSWORD: 'operators-password-123',
      KANTOOR_RESERVED_EMAIL_DOMAINS: ['staff.kantoor.test'],
    },
  }));
  officeId = (await make.office('Aanmeldkantoor')).id;
  const admin = await make.user({ officeId, officeRole: 'ADMIN' });
  adminToken = await make.token(admin.id);
  takenEmail = (await make.user({ officeId, officeRole: 'MEMBER' })).email;
});
afterAll(() => system?.stop());

interface Answer {
  ok: boolean;
  code: string | null;
  message: string | null;
}

type Mutation = 'signUp' | 'signUpBusiness' | 'createUser';

const MUTATIONS: Record<Mutation, (email: string) => [string, Record<string, unknown>]> = {
  signUp: (email) => [
    `mutation($input: SignUpInput!) { signUp(input: $input) { token userErrors { code message field } } }`,
    { input: { officeName: 'Nieuw Kantoor', name: 'Nina', email, password: PASSWORD } },
  ],
  signUpBusiness: (email) => [
    `mutation($input: SignUpBusinessInput!) { signUpBusiness(input: $input) { token userErrors { code message field } } }`,
    { input: { businessName: 'Eigen Zaak', name: 'Olaf', email, password: PASSWORD } },
  ],
  createUser: (email) => [
    `mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } userErrors { code message field } } }`,
    {
      input: {
        email,
        name: 'Nieuwe Collega',
        kind: 'STAFF',
        officeRole: 'MEMBER',
        password: PASSWORD,
      },
    },
  ],
};

async function attempt(mutation: Mutation, email: string, from: string): Promise<Answer> {
  const [query, variables] = MUTATIONS[mutation](email);
  const r = await system.query<Record<string, { userErrors: { code: string; message: string }[] }>>(
    query,
    {
      variables,
      token: mutation === 'createUser' ? adminToken : undefined,
      headers: { 'x-forwarded-for': from },
    },
  );
  expect(r.errors).toBeUndefined();
  const error = r.data![mutation]!.userErrors[0];
  return { ok: !error, code: error?.code ?? null, message: error?.message ?? null };
}

async function userCount(): Promise<number> {
  const [row] = await system.subgraphs.tenancy.runtime.dataSource.query(
    `SELECT count(*)::int AS n FROM tenancy.users`,
  );
  return row.n;
}

const fresh = (domain = 'example.test') => `new-${randomUUID().slice(0, 12)}@${domain}`;

describe("an operator's address is not revealed", () => {
  test.each(['signUp', 'signUpBusiness', 'createUser'] as Mutation[])(
    '%s: the OPS email and an unused address of its domain get the same answer; nothing is written',
    async (mutation) => {
      const before = await userCount();
      const from = `198.51.100.${mutation.length}`;
      const ops = await attempt(mutation, OPS_EMAIL, from);
      const opsUpper = await attempt(mutation, OPS_EMAIL.toUpperCase(), from);
      const unused = await attempt(mutation, fresh('ops.kantoor.test'), from);
      expect(ops).toEqual({
        ok: false,
        code: 'EMAIL_NOT_ALLOWED',
        message: 'This email address cannot be used for an account here; use another one.',
      });
      expect(opsUpper).toEqual(ops);
      expect(unused).toEqual(ops);
      // A configured reserved domain answers the same.
      expect(await attempt(mutation, fresh('staff.kantoor.test'), '198.51.100.99')).toEqual(ops);
      expect(await userCount()).toBe(before);
    },
  );

  test('the OPS user exists (the answer above is not because it is missing)', async () => {
    const [row] = await system.subgraphs.tenancy.runtime.dataSource.query(
      `SELECT kind FROM tenancy.users WHERE email = $1`,
      [OPS_EMAIL],
    );
    expect(row).toEqual({ kind: 'OPS' });
  });
});

describe('refusals for a taken email are throttled per client address', () => {
  test('5 DUPLICATE_EMAIL answers over the three mutations, then TOO_MANY_ATTEMPTS even for a new email; other clients go on', async () => {
    const from = '203.0.113.60';
    const codes: (string | null)[] = [];
    for (const mutation of [
      'signUp',
      'signUpBusiness',
      'createUser',
      'signUp',
      'createUser',
    ] as Mutation[]) {
      codes.push((await attempt(mutation, takenEmail.toUpperCase(), from)).code);
    }
    expect(codes).toEqual(Array(5).fill('DUPLICATE_EMAIL'));
    const before = await userCount();
    for (const mutation of ['signUp', 'signUpBusiness', 'createUser'] as Mutation[]) {
      const refused = await attempt(mutation, fresh(), from);
      expect(refused.code).toBe('TOO_MANY_ATTEMPTS');
      expect(refused.message).toMatch(/try again in \d+ seconds/);
    }
    expect(await userCount()).toBe(before);
    // Another client is not slowed.
    expect(await attempt('signUp', fresh(), '203.0.113.61')).toMatchObject({ ok: true });
    expect(await attempt('signUp', takenEmail, '203.0.113.61')).toMatchObject({
      code: 'DUPLICATE_EMAIL',
    });
    // The back-off of the login throttle: 30 s after the last refusal, one more try.
    await system.subgraphs.tenancy.runtime.dataSource.query(
      `UPDATE tenancy.account_probes SET attempted_at = attempted_at - interval '31 seconds'
        WHERE client_address = $1`,
      [from],
    );
    expect(await attempt('createUser', fresh(), from)).toMatchObject({ ok: true });
  });

  test('successful sign-ups and invalid input do not count', async () => {
    const from = '203.0.113.70';
    for (let i = 0; i < 6; i++) expect((await attempt('signUp', fresh(), from)).ok).toBe(true);
    for (let i = 0; i < 6; i++)
      expect((await attempt('createUser', 'not-an-email', from)).code).toBe('INVALID_EMAIL');
    expect((await attempt('signUpBusiness', fresh(), from)).ok).toBe(true);
  });

  test('10 parallel attempts with a taken email cannot slip past the limit', async () => {
    const from = '203.0.113.80';
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => attempt('signUp', takenEmail, from)),
    );
    const codes = answers.map((a) => a.code);
    expect(codes.filter((c) => c === 'DUPLICATE_EMAIL').length).toBeLessThanOrEqual(5);
    expect(codes.filter((c) => c === 'TOO_MANY_ATTEMPTS').length).toBeGreaterThanOrEqual(5);
    expect(codes.every((c) => c === 'DUPLICATE_EMAIL' || c === 'TOO_MANY_ATTEMPTS')).toBe(true);
    const [row] = await system.subgraphs.tenancy.runtime.dataSource.query(
      `SELECT count(*)::int AS n FROM tenancy.account_probes WHERE client_address = $1`,
      [from],
    );
    expect(row.n).toBe(codes.filter((c) => c === 'DUPLICATE_EMAIL').length);
  });
});
