import { errors, jwtVerify, SignJWT } from 'jose';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
const ISSUER = 'kantoor';
const AUDIENCE = 'kantoor-api';

/** What an access token says: the user, never an administration. */
export interface AccessTokenClaims {
  /** User id. */
  sub: string;
  /** Token id: lets an API token or a session be revoked. */
  jti?: string;
  /** Set for API tokens: the explicit subset of permissions the token carries. */
  scope?: string[];
}

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

export async function signAccessToken(
  claims: AccessTokenClaims,
  secret: string,
  ttlSeconds = ACCESS_TOKEN_TTL_SECONDS,
): Promise<string> {
  const jwt = new SignJWT({ ...(claims.scope ? { scope: claims.scope } : {}) })
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
    const scope = Array.isArray(payload.scope)
      ? payload.scope.filter((s): s is string => typeof s === 'string')
      : undefined;
    return { sub: payload.sub as string, jti: payload.jti, scope };
  } catch (error) {
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
