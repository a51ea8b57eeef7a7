import type { DataSource } from 'typeorm';
import type { OfficeRole, Permission, UserKind } from './permissions.js';
import { isPermission } from './permissions.js';
import { verifyAccessToken, InvalidTokenError } from './jwt.js';

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
  api_permissions: string[] | null;
}

/**
 * Resolves a bearer token to a viewer: the signature and expiry first, then, in one query
 * on tenancy's published views, the user's current state (`principals`: active, office not
 * suspended) and the token's (`active_sessions` for a login, `active_api_tokens` for an API
 * token). A deactivated user, a suspended office, a logout or a revoked API token is refused
 * on the very next request. API tokens get their permission subset from the database.
 */
export async function resolveViewer(
  token: string | null,
  secret: string,
  db: DataSource,
): Promise<Viewer> {
  if (!token) return ANONYMOUS;
  const claims = await verifyAccessToken(token, secret);
  if (
    !isUuid(claims.sub) ||
    (claims.sid && !isUuid(claims.sid)) ||
    (claims.jti && !isUuid(claims.jti))
  ) {
    throw new InvalidTokenError('malformed ids');
  }
  const rows: PrincipalRow[] = await db.query(
    `SELECT p.user_id, p.kind, p.office_id, p.office_role, t.permissions AS api_permissions
       FROM tenancy.principals p
       LEFT JOIN tenancy.active_sessions s ON s.id = $2::uuid AND s.user_id = p.user_id
       LEFT JOIN tenancy.active_api_tokens t ON t.id = $3::uuid AND t.user_id = p.user_id
      WHERE p.user_id = $1::uuid AND (s.id IS NOT NULL OR t.id IS NOT NULL)`,
    [claims.sub, claims.sid ?? null, claims.jti ?? null],
  );
  const row = rows[0];
  if (!row) throw new InvalidTokenError('unknown, deactivated, suspended, logged out or revoked');
  return freezeViewer({
    userId: row.user_id,
    userKind: row.kind,
    officeId: row.office_id,
    officeRole: row.office_role,
    scope: row.api_permissions ? new Set(row.api_permissions.filter(isPermission)) : null,
    sessionId: claims.sid ?? null,
    apiTokenId: claims.jti ?? null,
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
