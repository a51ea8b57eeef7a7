import { SignJWT, UnsecuredJWT } from 'jose';
import {
  ACCESS_TOKEN_TTL_SECONDS,
  bearerToken,
  InvalidTokenError,
  signAccessToken,
  verifyAccessToken,
} from '../jwt';

const SECRET = 'a-test-secret-that-is-at-least-32-characters-long';
const OTHER_SECRET = 'another-secret-that-is-at-least-32-characters-long';
const USER_ID = '0b7a1c1e-9a53-4b55-8c4c-2a2b3f1d5e6f';
const SESSION_ID = '6f0c1b55-2c1e-4f0e-9d7a-5d6f1a2b3c4d';
const API_TOKEN_ID = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}
function decodePart(part: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** A valid login-session token. */
function sessionToken(secret = SECRET, ttlSeconds?: number): Promise<string> {
  return signAccessToken({ sub: USER_ID, sid: SESSION_ID }, secret, ttlSeconds);
}

async function expectInvalid(token: string, reason?: string, secret = SECRET): Promise<void> {
  const verifying = verifyAccessToken(token, secret);
  await expect(verifying).rejects.toBeInstanceOf(InvalidTokenError);
  if (reason) await expect(verifying).rejects.toThrow(`invalid token: ${reason}`);
}

/** A token signed with SECRET the way signAccessToken does, with one part changed. */
function customToken(
  options: {
    issuer?: string;
    audience?: string;
    subject?: string | null;
    alg?: string;
    claims?: Record<string, unknown>;
    jti?: string;
  } = {},
): Promise<string> {
  const jwt = new SignJWT(options.claims ?? { sid: SESSION_ID })
    .setProtectedHeader({ alg: options.alg ?? 'HS256', typ: 'JWT' })
    .setIssuer(options.issuer ?? 'kantoor')
    .setAudience(options.audience ?? 'kantoor-api')
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + 600);
  if (options.subject !== null) jwt.setSubject(options.subject ?? USER_ID);
  if (options.jti) jwt.setJti(options.jti);
  return jwt.sign(new TextEncoder().encode(SECRET));
}

describe('signAccessToken / verifyAccessToken', () => {
  it('round-trips a login-session token', async () => {
    await expect(verifyAccessToken(await sessionToken(), SECRET)).resolves.toEqual({
      sub: USER_ID,
      sid: SESSION_ID,
      jti: undefined,
    });
  });

  it('round-trips an API token', async () => {
    const token = await signAccessToken({ sub: USER_ID, jti: API_TOKEN_ID }, SECRET);
    await expect(verifyAccessToken(token, SECRET)).resolves.toEqual({
      sub: USER_ID,
      sid: undefined,
      jti: API_TOKEN_ID,
    });
  });

  it('refuses to sign a token that is both or neither a session and an API token', async () => {
    await expect(signAccessToken({ sub: USER_ID }, SECRET)).rejects.toThrow(/either a session/);
    await expect(
      signAccessToken({ sub: USER_ID, sid: SESSION_ID, jti: API_TOKEN_ID }, SECRET),
    ).rejects.toThrow(/either a session/);
  });

  it('signs HS256 with issuer, audience, iat and the default 15 minute expiry', async () => {
    const before = Math.floor(Date.now() / 1000);
    const [header, payload] = (await sessionToken()).split('.') as [string, string, string];
    expect(decodePart(header)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const claims = decodePart(payload);
    expect(claims).toMatchObject({
      sub: USER_ID,
      sid: SESSION_ID,
      iss: 'kantoor',
      aud: 'kantoor-api',
    });
    // Permissions are never carried in the token.
    expect(claims).not.toHaveProperty('scope');
    expect(ACCESS_TOKEN_TTL_SECONDS).toBe(900);
    const exp = claims.exp as number;
    const iat = claims.iat as number;
    expect(iat).toBeGreaterThanOrEqual(before);
    expect(exp - iat).toBeGreaterThanOrEqual(ACCESS_TOKEN_TTL_SECONDS - 1);
    expect(exp - iat).toBeLessThanOrEqual(ACCESS_TOKEN_TTL_SECONDS + 1);
  });

  it('accepts the hand-built reference token, so each rejection below is about its one change', async () => {
    await expect(verifyAccessToken(await customToken(), SECRET)).resolves.toEqual({
      sub: USER_ID,
      sid: SESSION_ID,
      jti: undefined,
    });
  });

  it('rejects an expired token', async () => {
    await expectInvalid(await sessionToken(SECRET, -60), 'ERR_JWT_EXPIRED');
  });

  it('rejects a token signed with another secret', async () => {
    await expectInvalid(await sessionToken(OTHER_SECRET), 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
  });

  it('rejects alg "none" (an unsigned token)', async () => {
    const unsigned = new UnsecuredJWT({ sid: SESSION_ID })
      .setSubject(USER_ID)
      .setIssuer('kantoor')
      .setAudience('kantoor-api')
      .setIssuedAt()
      .setExpirationTime('10m')
      .encode();
    expect(decodePart(unsigned.split('.')[0]!)).toEqual({ alg: 'none' });
    await expectInvalid(unsigned);
    // Hand-made variant: a "none" header in front of a genuine payload and signature.
    const [, payload, signature] = (await sessionToken()).split('.');
    await expectInvalid(`${b64url({ alg: 'none', typ: 'JWT' })}.${payload}.${signature}`);
    await expectInvalid(`${b64url({ alg: 'none', typ: 'JWT' })}.${payload}.`);
  });

  it('rejects another algorithm, even with the right secret', async () => {
    await expectInvalid(await customToken({ alg: 'HS512' }), 'ERR_JOSE_ALG_NOT_ALLOWED');
  });

  it('rejects a tampered payload (another user, same signature)', async () => {
    const [header, payload, signature] = (await sessionToken()).split('.') as [
      string,
      string,
      string,
    ];
    const claims = decodePart(payload);
    const forged = b64url({ ...claims, sub: 'ffffffff-ffff-4fff-8fff-ffffffffffff' });
    await expectInvalid(
      `${header}.${forged}.${signature}`,
      'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    );
    const extended = b64url({ ...claims, exp: (claims.exp as number) + 86_400 });
    await expectInvalid(
      `${header}.${extended}.${signature}`,
      'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    );
  });

  it('rejects a wrong audience', async () => {
    await expectInvalid(
      await customToken({ audience: 'other-api' }),
      'ERR_JWT_CLAIM_VALIDATION_FAILED',
    );
  });

  it('rejects a wrong issuer', async () => {
    await expectInvalid(await customToken({ issuer: 'evil' }), 'ERR_JWT_CLAIM_VALIDATION_FAILED');
  });

  it('rejects a token without subject', async () => {
    await expectInvalid(await customToken({ subject: null }), 'ERR_JWT_CLAIM_VALIDATION_FAILED');
  });

  it('rejects a token that is neither a session nor an API token, or both', async () => {
    await expectInvalid(await customToken({ claims: {} }), 'neither session nor API token');
    await expectInvalid(
      await customToken({ claims: { sid: SESSION_ID }, jti: API_TOKEN_ID }),
      'neither session nor API token',
    );
    // A non-string sid does not count as a session.
    await expectInvalid(
      await customToken({ claims: { sid: 42 } }),
      'neither session nor API token',
    );
  });

  it.each([
    ['garbage', 'not-a-jwt'],
    ['an empty string', ''],
    ['two parts', 'a.b'],
    ['bad base64 parts', '%%%.%%%.%%%'],
  ])('rejects %s as InvalidTokenError', async (_label, token) => {
    await expectInvalid(token);
  });
});

describe('bearerToken', () => {
  it.each<[string | undefined, string | null]>([
    [undefined, null],
    ['', null],
    ['Bearer abc.def.ghi', 'abc.def.ghi'],
    ['bearer abc', 'abc'],
    ['BEARER abc', 'abc'],
    ['Bearer    abc   ', 'abc'],
    ['Bearer\tabc', 'abc'],
    ['Bearer', null],
    ['Bearer ', null],
    ['Bearerabc', null],
    ['Basic dXNlcjpwYXNz', null],
    ['Bearer abc def', null],
    [' Bearer abc', null],
    ['Token abc', null],
  ])('%p -> %p', (header, expected) => {
    expect(bearerToken(header)).toBe(expected);
  });
});
