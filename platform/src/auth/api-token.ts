import { createHash, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { InvalidTokenError, verifyAccessToken } from './jwt.js';

/**
 * Opaque API tokens (issue 16): `kat_` + 43 base62 characters (32 random bytes, 256 bits)
 * + 6 base62 characters of CRC-32 over the random part. Nothing in the token is signed, so
 * rotating KANTOOR_JWT_SECRET does not touch them; the database keeps only their SHA-256
 * (enough for a 256-bit random secret: there is nothing to brute-force). The fixed prefix and
 * checksum let a secret scanner recognise a leaked token (`kat_[0-9A-Za-z]{49}`) without
 * false positives, and let the gateway refuse a mistyped token without a lookup.
 */
export const API_TOKEN_PREFIX = 'kat_';
const RANDOM_BYTES = 32;
const RANDOM_CHARS = 43; // ceil(256 / log2(62))
const CHECKSUM_CHARS = 6; // ceil(32 / log2(62))
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SHAPE = new RegExp(`^${API_TOKEN_PREFIX}[0-9A-Za-z]{${RANDOM_CHARS + CHECKSUM_CHARS}}$`);

/** The regular expression a secret scanner can use for a Kantoor API token. */
export const API_TOKEN_PATTERN = `${API_TOKEN_PREFIX}[0-9A-Za-z]{${RANDOM_CHARS + CHECKSUM_CHARS}}`;

function base62(value: bigint, length: number): string {
  let out = '';
  let rest = value;
  for (let i = 0; i < length; i++) {
    out = ALPHABET[Number(rest % 62n)]! + out;
    rest /= 62n;
  }
  return out;
}

function checksum(randomPart: string): string {
  return base62(BigInt(crc32(randomPart)), CHECKSUM_CHARS);
}

/** A new API token; show it once and store only `hashApiToken(token)`. */
export function generateApiToken(): string {
  const random = base62(BigInt(`0x${randomBytes(RANDOM_BYTES).toString('hex')}`), RANDOM_CHARS);
  return `${API_TOKEN_PREFIX}${random}${checksum(random)}`;
}

/** Whether `token` is meant as an opaque API token (its prefix), well-formed or not. */
export function looksLikeApiToken(token: string): boolean {
  return token.startsWith(API_TOKEN_PREFIX);
}

/** Prefix, length, alphabet and checksum right: worth a database lookup. */
export function isWellFormedApiToken(token: string): boolean {
  if (!SHAPE.test(token)) return false;
  const body = token.slice(API_TOKEN_PREFIX.length);
  return checksum(body.slice(0, RANDOM_CHARS)) === body.slice(RANDOM_CHARS);
}

/** What the database stores and looks tokens up by: SHA-256, hex. */
export function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * What the gateway can tell about a bearer token without a database: a JWT's signature and
 * expiry (its user), or an opaque API token's shape and checksum (looked up by every
 * subgraph it reaches, auth/viewer.ts). Throws InvalidTokenError for anything else.
 */
export async function checkBearerAtEdge(
  token: string,
  jwtSecret: string,
): Promise<{ kind: 'jwt'; userId: string } | { kind: 'apiToken'; tokenHash: string }> {
  if (looksLikeApiToken(token)) {
    if (!isWellFormedApiToken(token)) throw new InvalidTokenError('malformed API token');
    return { kind: 'apiToken', tokenHash: hashApiToken(token) };
  }
  const claims = await verifyAccessToken(token, jwtSecret);
  return { kind: 'jwt', userId: claims.sub };
}
