import type { DataSource } from 'typeorm';
import type { OfficeRole, Permission, UserKind } from './permissions.js';
import { isPermission } from './permissions.js';
import { verifyAccessToken, InvalidTokenError } from './jwt.js';

/** Who is asking. Anonymous callers reach only public fields. */
export type Viewer =
  | { kind: 'anonymous' }
  | {
      kind: 'user';
      userId: string;
      userKind: UserKind;
      officeId: string | null;
      officeRole: OfficeRole | null;
      /** API tokens carry an explicit subset of permissions; null for a login session. */
      scope: ReadonlySet<Permission> | null;
      tokenId: string | null;
    };
export type UserViewer = Extract<Viewer, { kind: 'user' }>;

export const ANONYMOUS: Viewer = { kind: 'anonymous' };

interface PrincipalRow {
  user_id: string;
  kind: UserKind;
  office_id: string | null;
  office_role: OfficeRole | null;
}

/**
 * Resolves a bearer token to a viewer: the signature and expiry first, then the
 * user's current state in tenancy's published `tenancy.principals` view, so a
 * deactivated user or a suspended office is refused on the very next request.
 */
export async function resolveViewer(
  token: string | null,
  secret: string,
  db: DataSource,
): Promise<Viewer> {
  if (!token) return ANONYMOUS;
  const claims = await verifyAccessToken(token, secret);
  const rows: PrincipalRow[] = await db.query(
    `SELECT user_id, kind, office_id, office_role FROM tenancy.principals WHERE user_id = $1::uuid`,
    [isUuid(claims.sub) ? claims.sub : null],
  );
  const row = rows[0];
  if (!row) throw new InvalidTokenError('unknown, deactivated or suspended');
  return {
    kind: 'user',
    userId: row.user_id,
    userKind: row.kind,
    officeId: row.office_id,
    officeRole: row.office_role,
    scope: claims.scope ? new Set(claims.scope.filter(isPermission)) : null,
    tokenId: claims.jti ?? null,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
