import type { DataSource } from 'typeorm';
import type { OfficeRole, Permission, UserKind } from './permissions.js';
import { isPermission } from './permissions.js';
import { verifyAccessToken, InvalidTokenError } from './jwt.js';
import { prepared } from '../db/prepared.js';
import { permissionRowsSql, type PermissionRow } from './permission-rows.js';
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
const SESSION_PRINCIPAL_WITH_PERMISSIONS = prepared(
  `SELECT p.user_id, p.kind, p.office_id, p.office_role,
          (SELECT json_agg(json_build_object('administration_id', r.administration_id,
                                             'permissions', r.permissions))
             FROM (${permissionRowsSql('p.user_id', '$3')}) r) AS permission_rows
     FROM tenancy.principals p
     JOIN tenancy.active_sessions s ON s.id = $2::uuid AND s.user_id = p.user_id
    WHERE p.user_id = $1::uuid`,
);
const PERMISSIONS_OF = prepared(permissionRowsSql('$1', '$2'));
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
  return (await resolveViewerAndPermissions(token, secret, db, [])).viewer;
}

/** A viewer, and its permission rows on the administrations asked for (null: not read). */
export interface ResolvedViewer {
  viewer: Viewer;
  permissionRows: PermissionRow[] | null;
}

/**
 * resolveViewer, reading in the same round trip the permissions of the resolved user on
 * `administrationIds` (lower-case uuids a request names; see administrationIdsIn): for a login
 * session one statement answers both, for a JWT API token the two statements run side by
 * side. Each statement to PostgreSQL costs a wake-up of another process, which on this
 * machine was most of a small statement's cost (docs/benchmarks.md). The rows belong to the
 * user the token names, and are only returned with that user as the viewer. An opaque API
 * token names no user before its lookup: its permissions are read when first needed.
 */
export async function resolveViewerAndPermissions(
  token: string | null,
  secret: string,
  db: DataSource,
  administrationIds: readonly string[],
): Promise<ResolvedViewer> {
  if (!token) return { viewer: ANONYMOUS, permissionRows: null };
  if (looksLikeApiToken(token)) {
    if (!isWellFormedApiToken(token)) throw new InvalidTokenError('malformed API token');
    return {
      viewer: apiTokenViewer(await useApiToken(db, hashApiToken(token))),
      permissionRows: null,
    };
  }
  const claims = await verifyAccessToken(token, secret);
  if (
    !isUuid(claims.sub) ||
    (claims.sid && !isUuid(claims.sid)) ||
    (claims.jti && !isUuid(claims.jti))
  ) {
    throw new InvalidTokenError('malformed ids');
  }
  const ids = administrationIds.length > 0 ? [...administrationIds] : null;
  if (claims.jti) {
    const [row, permissionRows] = await Promise.all([
      useApiToken(db, hashApiToken(token)),
      ids ? (db.query(PERMISSIONS_OF, [claims.sub, ids]) as Promise<PermissionRow[]>) : null,
    ]);
    if (row.token_id !== claims.jti || row.user_id !== claims.sub) {
      throw new InvalidTokenError('API token does not match its record');
    }
    return { viewer: apiTokenViewer(row), permissionRows };
  }
  const rows: (PrincipalRow & { permission_rows?: PermissionRow[] | null })[] = ids
    ? await db.query(SESSION_PRINCIPAL_WITH_PERMISSIONS, [claims.sub, claims.sid ?? null, ids])
    : await db.query(SESSION_PRINCIPAL, [claims.sub, claims.sid ?? null]);
  const row = rows[0];
  if (!row) throw new InvalidTokenError('unknown, deactivated, suspended or logged out');
  const viewer = freezeViewer({
    userId: row.user_id,
    userKind: row.kind,
    officeId: row.office_id,
    officeRole: row.office_role,
    scope: null,
    sessionId: claims.sid ?? null,
    apiTokenId: null,
  });
  // json_agg over no rows is NULL: read, and no permission on any of them.
  return { viewer, permissionRows: ids ? (row.permission_rows ?? []) : null };
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
