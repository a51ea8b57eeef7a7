import { errors, jwtVerify, SignJWT } from 'jose';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
const ISSUER = 'kantoor';
const AUDIENCE = 'kantoor-api';

/** What an access token says: the user, never an administration. */
export interface AccessTokenClaims {
  /** User id. */
  sub: string;
  /** Login session (refresh-token family) the access token belongs to; logout revokes it. */
  sid?: string;
  /** API tokens: the token's id (revocable); its permissions are looked up, never trusted from the token. */
  jti?: string;
}

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

export async function signAccessToken(
  claims: AccessTokenClaims,
  secret: string,
  ttlSeconds = ACCESS_TOKEN_TTL_SECONDS,
): Promise<string> {
  if (Boolean(claims.sid) === Boolean(claims.jti)) {
    throw new Error('an access token names either a session (sid) or an API token (jti)');
  }
  const jwt = new SignJWT({ ...(claims.sid ? { sid: claims.sid } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds);
  if (claims.jti) jwt.setJti(claims.jti);
  return jwt.sign(key(secret));
}

export class InvalidTokenError extends Error {
  constructor(reason: string) {
    super(`invalid token: ${reason}`);
    this.name = 'InvalidTokenError';
  }
}

/**
 * Verifies signature (HS256 only: `alg: none` and other algorithms are refused),
 * issuer, audience and expiry.
 */
export async function verifyAccessToken(token: string, secret: string): Promise<AccessTokenClaims> {
  try {
    const { payload } = await jwtVerify(token, key(secret), {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: AUDIENCE,
      requiredClaims: ['sub', 'exp', 'iat'],
    });
    const sid = typeof payload.sid === 'string' ? payload.sid : undefined;
    if (Boolean(sid) === Boolean(payload.jti))
      throw new InvalidTokenError('neither session nor API token');
    return { sub: payload.sub as string, sid, jti: payload.jti };
  } catch (error) {
    if (error instanceof InvalidTokenError) throw error;
    if (error instanceof errors.JOSEError) throw new InvalidTokenError(error.code);
    throw new InvalidTokenError('malformed');
  }
}

/** The token of an `Authorization: Bearer ...` header; null when there is none. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}
