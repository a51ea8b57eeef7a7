import { Factories } from '../../../../../../test/factories';
import { startTestSystem, type TestSystem } from '../../../../../../test/system';
import {
  errorCode,
  login,
  LOGIN,
  ME,
  PASSWORD,
  recordEvents,
  setPassword,
  uniqueEmail,
  whoAmI,
  type LoginData,
  type UserErrorData,
} from './auth-test.helpers';

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

const SIGN_UP = `mutation($input: SignUpInput!) {
  signUp(input: $input) {
    office { id name trialEndsAt }
    user { id email name kind officeRole office { id } }
    token refreshToken
    userErrors { field code message }
  }
}`;
interface SignUpData {
  signUp: {
    office: { id: string; name: string; trialEndsAt: string } | null;
    user: { id: string; email: string; name: string; kind: string; officeRole: string } | null;
    token: string | null;
    refreshToken: string | null;
    userErrors: UserErrorData[];
  };
}

const REFRESH = `mutation($input: RefreshTokenInput!) {
  refreshToken(input: $input) { token refreshToken userErrors { field code message } }
}`;
interface RefreshData {
  refreshToken: {
    token: string | null;
    refreshToken: string | null;
    userErrors: UserErrorData[];
  };
}

const LOGOUT = `mutation($input: LogoutInput!) {
  logout(input: $input) { revokedSessions userErrors { field code message } }
}`;
interface LogoutData {
  logout: { revokedSessions: number | null; userErrors: UserErrorData[] };
}

function signUp(input: Partial<Record<'officeName' | 'name' | 'email' | 'password', string>>) {
  return system.query<SignUpData>(SIGN_UP, {
    variables: {
      input: {
        officeName: `Kantoor ${uniqueEmail('o')}`,
        name: 'Anna de Vries',
        email: uniqueEmail('signup'),
        password: PASSWORD,
        ...input,
      },
    },
  });
}

function refresh(refreshToken: string) {
  return system.query<RefreshData>(REFRESH, { variables: { input: { refreshToken } } });
}

/** A STAFF user of a fresh office with a real password. */
async function staffWithPassword(officeRole: 'ADMIN' | 'MEMBER' = 'MEMBER') {
  const office = await make.office();
  const user = await make.user({ officeId: office.id, officeRole });
  await setPassword(system, user.id);
  return { office, ...user };
}

describe('signUp', () => {
  test('creates an office in its 30-day trial and its ADMIN, and logs them in', async () => {
    const officeName = `Jansen Administratie ${uniqueEmail('x')}`;
    const email = uniqueEmail('Anna'); // mixed case: stored lower-cased
    const r = await signUp({ officeName: `  ${officeName} `, email: ` ${email} ` });
    expect(r.errors).toBeUndefined();
    const payload = r.data!.signUp;
    expect(payload.userErrors).toEqual([]);
    expect(payload.office).toMatchObject({ name: officeName });
    expect(payload.user).toEqual({
      id: expect.any(String),
      email: email.toLowerCase(),
      name: 'Anna de Vries',
      kind: 'STAFF',
      officeRole: 'ADMIN',
      office: { id: payload.office!.id },
    });
    const [office] = await sql<{ trial_days: number }>(
      `SELECT extract(epoch FROM trial_ends_at - now()) / 86400 AS trial_days FROM tenancy.offices WHERE id = $1`,
      [payload.office!.id],
    );
    expect(Number(office!.trial_days)).toBeGreaterThan(29.9);
    expect(Number(office!.trial_days)).toBeLessThanOrEqual(30);
    const [user] = await sql<{ password_hash: string; office_id: string; active: boolean }>(
      `SELECT password_hash, office_id, active FROM tenancy.users WHERE id = $1`,
      [payload.user!.id],
    );
    expect(user!.password_hash).toMatch(/^\$argon2id\$/);
    expect(user).toMatchObject({ office_id: payload.office!.id, active: true });

    // The token is a login session: `me` works with it, and the refresh token rotates.
    expect(await whoAmI(system, payload.token!)).toBe(payload.user!.id);
    const me = await system.query<{ me: { office: { id: string; name: string } } }>(ME, {
      token: payload.token!,
    });
    expect(me.data!.me.office).toEqual({ id: payload.office!.id, name: officeName });
    expect((await refresh(payload.refreshToken!)).data!.refreshToken.userErrors).toEqual([]);

    expect(events.of('office.created', payload.office!.id)).toEqual([
      { officeId: payload.office!.id, name: officeName, trialEndsAt: payload.office!.trialEndsAt },
    ]);
    expect(events.of('user.added', payload.user!.id)).toEqual([
      {
        userId: payload.user!.id,
        officeId: payload.office!.id,
        kind: 'STAFF',
        officeRole: 'ADMIN',
        active: true,
      },
    ]);
    // The new user can log in with the chosen password.
    expect((await login(system, email)).user?.id).toBe(payload.user!.id);
  });

  test.each([
    ['EMPTY_OFFICE_NAME', { officeName: '   ' }, ['input', 'officeName']],
    ['EMPTY_NAME', { name: ' ' }, ['input', 'name']],
    ['INVALID_EMAIL', { email: 'not-an-email' }, ['input', 'email']],
    ['INVALID_EMAIL', { email: 'a b@example.test' }, ['input', 'email']],
    ['WEAK_PASSWORD', { password: 'elevenchars' }, ['input', 'password']],
    ['WEAK_PASSWORD', { password: 'x'.repeat(257) }, ['input', 'password']],
  ])('%s for %j; nothing is written', async (code, input, field) => {
    const officeName = `Niet ${uniqueEmail('n')}`;
    const email = uniqueEmail('nothing');
    const r = await signUp({ officeName, email, ...input });
    expect(r.errors).toBeUndefined();
    expect(r.data!.signUp).toMatchObject({ office: null, user: null, token: null });
    expect(r.data!.signUp.userErrors).toEqual([{ code, field, message: expect.any(String) }]);
    expect(await sql(`SELECT 1 FROM tenancy.offices WHERE name = $1`, [officeName])).toEqual([]);
    expect(await sql(`SELECT 1 FROM tenancy.users WHERE email = $1`, [email])).toEqual([]);
  });

  test('a password of exactly 12 and of 256 characters is accepted', async () => {
    for (const password of ['twelve-chars', 'y'.repeat(256)]) {
      const r = await signUp({ password });
      expect(r.data!.signUp.userErrors).toEqual([]);
    }
  });

  test('DUPLICATE_EMAIL, case-insensitively; nothing is written', async () => {
    const email = uniqueEmail('dup');
    expect((await signUp({ email })).data!.signUp.userErrors).toEqual([]);
    const officeName = `Tweede ${uniqueEmail('t')}`;
    const r = await signUp({ email: email.toUpperCase(), officeName });
    expect(r.data!.signUp.userErrors).toEqual([
      { code: 'DUPLICATE_EMAIL', field: ['input', 'email'], message: expect.any(String) },
    ]);
    expect(await sql(`SELECT 1 FROM tenancy.offices WHERE name = $1`, [officeName])).toEqual([]);
  });

  test('two parallel signUps with one email in different case: exactly one succeeds', async () => {
    const email = uniqueEmail('race');
    const names = [`Race A ${email}`, `Race B ${email}`];
    const results = await Promise.all([
      signUp({ email, officeName: names[0] }),
      signUp({ email: email.toUpperCase(), officeName: names[1] }),
    ]);
    const codes = results.map((r) => r.data!.signUp.userErrors.map((e) => e.code));
    expect(codes.sort()).toEqual([[], ['DUPLICATE_EMAIL']]);
    expect(
      await sql(`SELECT id FROM tenancy.users WHERE lower(email) = lower($1)`, [email]),
    ).toHaveLength(1);
    // The loser's office was rolled back with its user.
    expect(
      await sql(`SELECT id FROM tenancy.offices WHERE name = ANY($1::text[])`, [names]),
    ).toHaveLength(1);
  });
});

describe('login', () => {
  test('returns an access token, a refresh token and the user; email case does not matter', async () => {
    const user = await staffWithPassword();
    const result = await login(system, `  ${user.email.toUpperCase()} `);
    expect(result.userErrors).toEqual([]);
    expect(result.user).toEqual({ id: user.id, email: user.email, kind: 'STAFF' });
    expect(result.refreshToken).toMatch(/^krt_/);
    expect(await whoAmI(system, result.token!)).toBe(user.id);
    const claims = JSON.parse(Buffer.from(result.token!.split('.')[1]!, 'base64url').toString());
    expect(claims.exp - claims.iat).toBe(15 * 60);
    const sessions = await sql(
      `SELECT id FROM tenancy.sessions WHERE user_id = $1 AND revoked_at IS NULL AND id = $2`,
      [user.id, claims.sid],
    );
    expect(sessions).toHaveLength(1);
  });

  test('wrong password and unknown email give the same INVALID_CREDENTIALS; failures are recorded', async () => {
    const user = await staffWithPassword();
    const wrong = await login(system, user.email, 'not the password at all');
    const unknownEmail = uniqueEmail('Nobody');
    const unknown = await login(system, unknownEmail);
    for (const r of [wrong, unknown]) {
      expect(r).toMatchObject({ token: null, refreshToken: null, user: null });
    }
    expect(wrong.userErrors).toEqual([
      { code: 'INVALID_CREDENTIALS', field: null, message: expect.any(String) },
    ]);
    expect(unknown.userErrors).toEqual(wrong.userErrors);
    const rows = await sql<{ email: string }>(
      `SELECT email FROM tenancy.failed_logins WHERE email = ANY($1::text[]) ORDER BY id`,
      [[user.email, unknownEmail.toLowerCase()]],
    );
    expect(rows.map((r) => r.email)).toEqual([user.email, unknownEmail.toLowerCase()]);
  });

  /** A login from another client address (the test gateway trusts X-Forwarded-For from loopback). */
  async function loginFrom(address: string, email: string, password = PASSWORD) {
    const r = await system.query<LoginData>(LOGIN, {
      variables: { input: { email, password } },
      headers: { 'x-forwarded-for': address },
    });
    expect(r.errors).toBeUndefined();
    return r.data!.login;
  }

  test('15 aliased wrong logins in one request: 5 INVALID_CREDENTIALS, then TOO_MANY_ATTEMPTS from that client only; the right password from another client works', async () => {
    const user = await staffWithPassword();
    const aliases = Array.from(
      { length: 15 },
      (_, i) => `a${i}: login(input: $input) { token userErrors { code } }`,
    ).join('\n');
    const r = await system.query<
      Record<string, { token: string | null; userErrors: { code: string }[] }>
    >(`mutation($input: LoginInput!) { ${aliases} }`, {
      variables: { input: { email: user.email, password: 'wrong password, wrong' } },
      headers: { 'x-forwarded-for': '203.0.113.10' },
    });
    expect(r.errors).toBeUndefined();
    const codes = Array.from({ length: 15 }, (_, i) => r.data![`a${i}`]!.userErrors[0]?.code);
    expect(codes).toEqual([
      ...Array<string>(5).fill('INVALID_CREDENTIALS'),
      ...Array<string>(10).fill('TOO_MANY_ATTEMPTS'),
    ]);
    // The guessing client waits, even with the right password ...
    const guesser = await loginFrom('203.0.113.10', user.email);
    expect(guesser.token).toBeNull();
    expect(guesser.userErrors.map((e) => e.code)).toEqual(['TOO_MANY_ATTEMPTS']);
    // ... while the account's owner elsewhere is not locked out.
    expect((await loginFrom('198.51.100.7', user.email)).user?.id).toBe(user.id);
    const [count] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM tenancy.failed_logins WHERE email = $1`,
      [user.email],
    );
    expect(count!.n).toBe(5);
    // Once the failures are older than the window, the guessing client may try again.
    await sql(
      `UPDATE tenancy.failed_logins SET attempted_at = attempted_at - interval '15 minutes' WHERE email = $1`,
      [user.email],
    );
    expect((await loginFrom('203.0.113.10', user.email)).user?.id).toBe(user.id);
  });

  test('the back-off doubles: after 5 failures one more try after 30 s, then after 60 s', async () => {
    const user = await staffWithPassword();
    const from = '203.0.113.20';
    for (let i = 0; i < 5; i++) {
      expect((await loginFrom(from, user.email, 'wrong-wrong-wrong')).userErrors[0]?.code).toBe(
        'INVALID_CREDENTIALS',
      );
    }
    expect((await loginFrom(from, user.email)).userErrors[0]?.code).toBe('TOO_MANY_ATTEMPTS');
    const age = (seconds: number) =>
      sql(
        `UPDATE tenancy.failed_logins SET attempted_at = attempted_at - make_interval(secs => $2)
          WHERE email = $1`,
        [user.email, seconds],
      );
    await age(31);
    expect((await loginFrom(from, user.email, 'wrong-wrong-wrong')).userErrors[0]?.code).toBe(
      'INVALID_CREDENTIALS',
    );
    await age(31);
    // 6 failures: 60 s after the last one; 31 s is not enough.
    expect((await loginFrom(from, user.email)).userErrors[0]?.code).toBe('TOO_MANY_ATTEMPTS');
    await age(30);
    expect((await loginFrom(from, user.email)).user?.id).toBe(user.id);
  });

  test('spraying one password over many emails from one client is slowed after 30 failures; other clients are not', async () => {
    const from = '203.0.113.30';
    // 29 earlier failures over 29 emails from this client (as a spray leaves them) ...
    await sql(
      `INSERT INTO tenancy.failed_logins (email, client_address)
       SELECT 'spray' || i || '@example.test', $1 FROM generate_series(1, 29) AS i`,
      [from],
    );
    // ... then the 30th still gets an answer, the next ones wait.
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 3; i++) {
      codes.push(
        (await loginFrom(from, uniqueEmail(`spray${i}`), 'Summer2026!!')).userErrors[0]?.code,
      );
    }
    expect(codes).toEqual(['INVALID_CREDENTIALS', 'TOO_MANY_ATTEMPTS', 'TOO_MANY_ATTEMPTS']);
    const user = await staffWithPassword();
    expect((await loginFrom(from, user.email)).userErrors[0]?.code).toBe('TOO_MANY_ATTEMPTS');
    expect((await loginFrom('198.51.100.8', user.email)).user?.id).toBe(user.id);
  });

  test('20 parallel wrong logins cannot slip past the limit', async () => {
    const email = uniqueEmail('parallel');
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        system.query<LoginData>(LOGIN, {
          variables: { input: { email, password: 'guessing-guessing' } },
          headers: { 'x-forwarded-for': '203.0.113.40' },
        }),
      ),
    );
    const codes = results.map((r) => r.data!.login.userErrors[0]?.code);
    expect(codes.filter((c) => c === 'INVALID_CREDENTIALS')).toHaveLength(5);
    expect(codes.filter((c) => c === 'TOO_MANY_ATTEMPTS')).toHaveLength(15);
    const [count] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM tenancy.failed_logins WHERE email = $1`,
      [email],
    );
    expect(count!.n).toBe(5);
  });

  test('a deactivated user gets INVALID_CREDENTIALS, even with the right password', async () => {
    const user = await staffWithPassword();
    await sql(`UPDATE tenancy.users SET active = false WHERE id = $1`, [user.id]);
    const r = await login(system, user.email);
    expect(r.token).toBeNull();
    expect(r.userErrors.map((e) => e.code)).toEqual(['INVALID_CREDENTIALS']);
  });

  test('a user of a suspended office gets OFFICE_SUSPENDED, only with the right password', async () => {
    const user = await staffWithPassword('ADMIN');
    await sql(`UPDATE tenancy.offices SET suspended_at = now() WHERE id = $1`, [user.office.id]);
    const right = await login(system, user.email);
    expect(right.token).toBeNull();
    expect(right.userErrors.map((e) => e.code)).toEqual(['OFFICE_SUSPENDED']);
    const wrong = await login(system, user.email, 'wrong password here');
    expect(wrong.userErrors.map((e) => e.code)).toEqual(['INVALID_CREDENTIALS']);
    expect(await sql(`SELECT 1 FROM tenancy.sessions WHERE user_id = $1`, [user.id])).toEqual([]);
  });

  test('an OPS user logs in (no office)', async () => {
    const ops = await make.user({ kind: 'OPS' });
    await setPassword(system, ops.id);
    const r = await login(system, ops.email);
    expect(r.user).toMatchObject({ id: ops.id, kind: 'OPS' });
    expect(await whoAmI(system, r.token!)).toBe(ops.id);
  });
});

describe('refreshToken', () => {
  test('rotates: a new access token and refresh token in the same session; the old one is used up', async () => {
    const user = await staffWithPassword();
    const first = await login(system, user.email);
    const r = await refresh(first.refreshToken!);
    expect(r.errors).toBeUndefined();
    const next = r.data!.refreshToken;
    expect(next.userErrors).toEqual([]);
    expect(next.token).toEqual(expect.any(String));
    expect(next.refreshToken).toMatch(/^krt_/);
    expect(next.refreshToken).not.toBe(first.refreshToken);
    expect(await whoAmI(system, next.token!)).toBe(user.id);
    const sid = (t: string) =>
      JSON.parse(Buffer.from(t.split('.')[1]!, 'base64url').toString()).sid as string;
    expect(sid(next.token!)).toBe(sid(first.token!));
    const tokens = await sql<{ used: boolean }>(
      `SELECT used_at IS NOT NULL AS used FROM tenancy.refresh_tokens WHERE session_id = $1 ORDER BY created_at, used_at NULLS LAST`,
      [sid(first.token!)],
    );
    expect(tokens.map((t) => t.used)).toEqual([true, false]);
    // And the next one rotates again.
    expect((await refresh(next.refreshToken!)).data!.refreshToken.userErrors).toEqual([]);
  });

  test('reuse of a used refresh token revokes the whole session: REFRESH_TOKEN_REUSED, then every token of it is refused', async () => {
    const user = await staffWithPassword();
    const first = await login(system, user.email);
    const second = (await refresh(first.refreshToken!)).data!.refreshToken;
    expect(second.userErrors).toEqual([]);

    const reused = (await refresh(first.refreshToken!)).data!.refreshToken;
    expect(reused).toMatchObject({ token: null, refreshToken: null });
    expect(reused.userErrors.map((e) => e.code)).toEqual(['REFRESH_TOKEN_REUSED']);

    const [session] = await sql<{ revoked: boolean; revoked_reason: string }>(
      `SELECT revoked_at IS NOT NULL AS revoked, revoked_reason FROM tenancy.sessions WHERE user_id = $1`,
      [user.id],
    );
    expect(session).toEqual({ revoked: true, revoked_reason: 'refresh token reuse' });
    expect(await whoAmI(system, first.token!)).toBe('UNAUTHENTICATED');
    expect(await whoAmI(system, second.token!)).toBe('UNAUTHENTICATED');
    const after = (await refresh(second.refreshToken!)).data!.refreshToken;
    expect(after.userErrors.map((e) => e.code)).toEqual(['INVALID_REFRESH_TOKEN']);
  });

  test('unknown, expired and logged-out refresh tokens are INVALID_REFRESH_TOKEN', async () => {
    const unknown = (await refresh('krt_nonsense')).data!.refreshToken;
    expect(unknown.userErrors).toEqual([
      { code: 'INVALID_REFRESH_TOKEN', field: null, message: expect.any(String) },
    ]);

    const user = await staffWithPassword();
    const expiring = await login(system, user.email);
    await sql(
      `UPDATE tenancy.sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
      [user.id],
    );
    const expired = (await refresh(expiring.refreshToken!)).data!.refreshToken;
    expect(expired.userErrors.map((e) => e.code)).toEqual(['INVALID_REFRESH_TOKEN']);

    const other = await staffWithPassword();
    const session = await login(system, other.email);
    await system.query<LogoutData>(LOGOUT, { token: session.token, variables: { input: {} } });
    const loggedOut = (await refresh(session.refreshToken!)).data!.refreshToken;
    expect(loggedOut.userErrors.map((e) => e.code)).toEqual(['INVALID_REFRESH_TOKEN']);
  });

  test('two parallel refreshes of one token: exactly one succeeds', async () => {
    const user = await staffWithPassword();
    const first = await login(system, user.email);
    const results = await Promise.all([refresh(first.refreshToken!), refresh(first.refreshToken!)]);
    const payloads = results.map((r) => r.data!.refreshToken);
    expect(payloads.filter((p) => p.token !== null)).toHaveLength(1);
    // The loser presented a used token: that is reuse, and ends the session.
    expect(payloads.flatMap((p) => p.userErrors.map((e) => e.code))).toEqual([
      'REFRESH_TOKEN_REUSED',
    ]);
  });
});

describe('logout', () => {
  test('ends the current session only; its token is UNAUTHENTICATED on the next request', async () => {
    const user = await staffWithPassword();
    const one = await login(system, user.email);
    const two = await login(system, user.email);
    const r = await system.query<LogoutData>(LOGOUT, {
      token: one.token,
      variables: { input: {} },
    });
    expect(r.errors).toBeUndefined();
    expect(r.data!.logout).toEqual({ revokedSessions: 1, userErrors: [] });
    expect(await whoAmI(system, one.token!)).toBe('UNAUTHENTICATED');
    expect(await whoAmI(system, two.token!)).toBe(user.id);
    const [session] = await sql(
      `SELECT revoked_reason FROM tenancy.sessions WHERE user_id = $1 AND revoked_at IS NOT NULL`,
      [user.id],
    );
    expect(session).toEqual({ revoked_reason: 'logout' });
  });

  test("allSessions ends every session of the user, and nobody else's", async () => {
    const user = await staffWithPassword();
    const bystander = await staffWithPassword();
    const sessions = [await login(system, user.email), await login(system, user.email)];
    const other = await login(system, bystander.email);
    const r = await system.query<LogoutData>(LOGOUT, {
      token: sessions[0]!.token,
      variables: { input: { allSessions: true } },
    });
    expect(r.data!.logout).toEqual({ revokedSessions: 2, userErrors: [] });
    for (const s of sessions) expect(await whoAmI(system, s.token!)).toBe('UNAUTHENTICATED');
    expect(await whoAmI(system, other.token!)).toBe(bystander.id);
  });

  test('anonymous: UNAUTHENTICATED', async () => {
    const r = await system.query<LogoutData>(LOGOUT, { variables: { input: {} } });
    expect(r.data?.logout ?? null).toBeNull();
    expect(errorCode(r)).toBe('UNAUTHENTICATED');
  });
});
