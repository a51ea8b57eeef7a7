import type { DataSource } from 'typeorm';
import type { OfficeRole, Permission, UserKind } from './permissions.js';
import { isPermission } from './permissions.js';
import { verifyAccessToken, InvalidTokenError } from './jwt.js';
import { prepared } from '../db/prepared.js';
import { hashApiToken, isWellFormedApiToken, looksLikeApiToken } from './api-token.js';

/**
 * Who is asking. Anonymous callers reach only public fields. A viewer is fixed for the whole
 * request: readonly here, frozen at run time (see freezeViewer), and the request context's
 * `viewer` property cannot be reassigned (subgraph-server.ts). A login inside a request
 * does not change who is asking; its payload carries its own principal (auth/principal.ts).
 */
export type Viewer =
  | { readonly kind: 'anonymous' }
  | {
      readonly kind: 'user';
      readonly userId: string;
      readonly userKind: UserKind;
      readonly officeId: string | null;
      readonly officeRole: OfficeRole | null;
      /** API tokens carry an explicit subset of permissions; null for a login session. */
      readonly scope: ReadonlySet<Permission> | null;
      /** The login session of the token (null for an API token). */
      readonly sessionId: string | null;
      /** The API token used (null for a login session). */
      readonly apiTokenId: string | null;
    };
export type UserViewer = Extract<Viewer, { kind: 'user' }>;

export const ANONYMOUS: Viewer = Object.freeze({ kind: 'anonymous' as const });

/** A set whose contents cannot change after construction (Object.freeze does not cover Set). */
class FrozenSet<T> extends Set<T> {
  constructor(values: Iterable<T>) {
    super();
    for (const value of values) super.add(value);
    Object.freeze(this);
  }
  override add(): this {
    throw new TypeError('a viewer scope cannot change');
  }
  override delete(): boolean {
    throw new TypeError('a viewer scope cannot change');
  }
  override clear(): void {
    throw new TypeError('a viewer scope cannot change');
  }
}

/** The viewer as an immutable value: frozen object, frozen scope. */
export function freezeViewer(viewer: Omit<UserViewer, 'kind'> & { kind?: 'user' }): UserViewer {
  return Object.freeze({
    kind: 'user' as const,
    userId: viewer.userId,
    userKind: viewer.userKind,
    officeId: viewer.officeId,
    officeRole: viewer.officeRole,
    scope: viewer.scope ? new FrozenSet(viewer.scope) : null,
    sessionId: viewer.sessionId,
    apiTokenId: viewer.apiTokenId,
  });
}

interface PrincipalRow {
  user_id: string;
  kind: UserKind;
  office_id: string | null;
  office_role: OfficeRole | null;
}

interface ApiTokenPrincipalRow {
  token_id: string;
  user_id: string;
  kind: UserKind;
  office_id: string | null;
  office_role: OfficeRole | null;
  permissions: string[];
}

// Prepared (db/prepared.ts): every request of every subgraph runs one of them.
const SESSION_PRINCIPAL = prepared(
  `SELECT p.user_id, p.kind, p.office_id, p.office_role
     FROM tenancy.principals p
     JOIN tenancy.active_sessions s ON s.id = $2::uuid AND s.user_id = p.user_id
    WHERE p.user_id = $1::uuid`,
);
const API_TOKEN_PRINCIPAL = prepared(
  `SELECT token_id, user_id, kind, office_id, office_role, permissions
     FROM tenancy.use_api_token($1)`,
);

/**
 * Resolves a bearer token to a viewer with one query on tenancy's published contract.
 *
 * - An opaque API token (`kat_...`, auth/api-token.ts): its shape and checksum, then
 *   `tenancy.use_api_token(sha256)`, which returns the active token's principal and
 *   permission subset (and notes its use). No signature is involved: rotating
 *   KANTOOR_JWT_SECRET does not affect these tokens.
 * - A JWT: the signature and expiry first, then the user's current state (`principals`:
 *   active, office not suspended) and its session (`active_sessions`). A JWT API token
 *   minted before opaque tokens (claim `jti`, docs/decisions/0017) is looked up by its hash
 *   like an opaque one and must name the same token and user.
 *
 * A deactivated user, a suspended office, a logout or a revoked API token is refused on the
 * very next request. API tokens get their permission subset from the database.
 */
export async function resolveViewer(
  token: string | null,
  secret: string,
  db: DataSource,
): Promise<Viewer> {
  if (!token) return ANONYMOUS;
  if (looksLikeApiToken(token)) {
    if (!isWellFormedApiToken(token)) throw new InvalidTokenError('malformed API token');
    return apiTokenViewer(await useApiToken(db, hashApiToken(token)));
  }
  const claims = await verifyAccessToken(token, secret);
  if (
    !isUuid(claims.sub) ||
    (claims.sid && !isUuid(claims.sid)) ||
    (claims.jti && !isUuid(claims.jti))
  ) {
    throw new InvalidTokenError('malformed ids');
  }
  if (claims.jti) {
    const row = await useApiToken(db, hashApiToken(token));
    if (row.token_id !== claims.jti || row.user_id !== claims.sub) {
      throw new InvalidTokenError('API token does not match its record');
    }
    return apiTokenViewer(row);
  }
  const rows: PrincipalRow[] = await db.query(SESSION_PRINCIPAL, [claims.sub, claims.sid ?? null]);
  const row = rows[0];
  if (!row) throw new InvalidTokenError('unknown, deactivated, suspended or logged out');
  return freezeViewer({
    userId: row.user_id,
    userKind: row.kind,
    officeId: row.office_id,
    officeRole: row.office_role,
    scope: null,
    sessionId: claims.sid ?? null,
    apiTokenId: null,
  });
}

async function useApiToken(db: DataSource, tokenHash: string): Promise<ApiTokenPrincipalRow> {
  const rows: ApiTokenPrincipalRow[] = await db.query(API_TOKEN_PRINCIPAL, [tokenHash]);
  const row = rows[0];
  if (!row) throw new InvalidTokenError('unknown, expired or revoked API token, or its user');
  return row;
}

function apiTokenViewer(row: ApiTokenPrincipalRow): UserViewer {
  return freezeViewer({
    userId: row.user_id,
    userKind: row.kind,
    officeId: row.office_id,
    officeRole: row.office_role,
    scope: new Set(row.permissions.filter(isPermission)),
    sessionId: null,
    apiTokenId: row.token_id,
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
