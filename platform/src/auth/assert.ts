import { forbidden, unauthenticated } from '../authz/rules.js';
import type { Permission } from './permissions.js';
import type { UserViewer, Viewer } from './viewer.js';

/**
 * Checks a service makes itself, whatever rule ran before it: a shield rule is the first
 * line, never the only one. Each throws a GraphQL error with a stable code
 * (UNAUTHENTICATED or FORBIDDEN) instead of trusting that "a rule made this unreachable".
 */

/** Anything that runs SQL: a DataSource, an EntityManager or a QueryRunner. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** A logged-in user (login session or API token). */
export function assertUser(viewer: Viewer): UserViewer {
  if (viewer.kind !== 'user') throw unauthenticated();
  return viewer;
}

/** A logged-in user through a login session, not an API token. */
export function assertLoginSession(viewer: Viewer): UserViewer {
  const user = assertUser(viewer);
  if (user.scope !== null || user.sessionId === null) {
    throw forbidden('This needs a login session, not an API token.');
  }
  return user;
}

/** Staff with the ADMIN role of an office, through a login session, as the token said. */
export function assertOfficeAdmin(viewer: Viewer): UserViewer & { officeId: string } {
  const user = assertUser(viewer);
  if (
    user.userKind !== 'STAFF' ||
    user.officeRole !== 'ADMIN' ||
    user.officeId === null ||
    user.scope !== null
  ) {
    throw forbidden('Office administrators only.');
  }
  return user as UserViewer & { officeId: string };
}

/**
 * assertOfficeAdmin, and still so in the database within the caller's transaction: active,
 * office not suspended, role ADMIN of that very office. Returns the office id.
 */
export async function assertOfficeAdminNow(db: Queryable, viewer: Viewer): Promise<string> {
  const admin = assertOfficeAdmin(viewer);
  const rows = (await db.query(
    `SELECT 1 FROM tenancy.principals
      WHERE user_id = $1::uuid AND kind = 'STAFF' AND office_role = 'ADMIN' AND office_id = $2::uuid`,
    [admin.userId, admin.officeId],
  )) as unknown[];
  if (rows.length === 0) throw forbidden('Office administrators only.');
  return admin.officeId;
}

/**
 * The viewer holds `permission` in the administration now (tenancy's effective_permissions,
 * cut to an API token's scope), read in the caller's transaction.
 */
export async function assertPermission(
  db: Queryable,
  viewer: Viewer,
  administrationId: string,
  permission: Permission,
): Promise<UserViewer> {
  const user = assertUser(viewer);
  if (user.scope !== null && !user.scope.has(permission)) throw forbidden();
  const rows = (await db.query(
    `SELECT 1 FROM tenancy.effective_permissions
      WHERE user_id = $1::uuid AND administration_id = $2::uuid AND permission = $3`,
    [user.userId, administrationId, permission],
  )) as unknown[];
  if (rows.length === 0) throw forbidden();
  return user;
}

/** An internal operator through a login session. */
export function assertOps(viewer: Viewer): UserViewer {
  const user = assertUser(viewer);
  if (user.userKind !== 'OPS' || user.scope !== null) throw forbidden('Operators only.');
  return user;
}
