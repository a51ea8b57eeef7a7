/**
 * The viewer's permissions on some administrations as read from tenancy's published
 * `tenancy.effective_permissions` view: one row per administration, its permissions joined
 * by commas (permission names have none). One definition for the permission loader and for
 * the viewer lookup that reads them in the same statement (viewer.ts).
 *
 * One row per administration, not per permission: an office ADMIN holds seven on each, so a
 * page of 100 came back as 700 rows, parsed again by every subgraph of a dashboard request.
 */
export interface PermissionRow {
  administration_id: string;
  permissions: string;
}

/** The statement text, with the placeholders of the user id and of the administration ids. */
export function permissionRowsSql(user: string, ids: string): string {
  return `SELECT administration_id::text AS administration_id, string_agg(permission, ',') AS permissions
     FROM tenancy.effective_permissions
    WHERE user_id = ${user}::uuid AND administration_id = ANY(${ids}::uuid[])
    GROUP BY administration_id`;
}
