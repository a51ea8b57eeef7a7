import { statement } from '@kantoor/platform';
import type { EntityManager } from 'typeorm';
import type { AccessAuditRow } from './access.service.js';

/** Serialises the changes of one user's grant on one administration. */
export const lockGrantKey = statement('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))');

export const lockGrant = statement(
  `SELECT permissions FROM tenancy.grants
  WHERE user_id = $1 AND administration_id = $2 FOR UPDATE`,
);

export const deleteGrant = statement(
  `DELETE FROM tenancy.grants WHERE user_id = $1 AND administration_id = $2`,
);

export const upsertGrant = statement(
  `INSERT INTO tenancy.grants (user_id, administration_id, permissions) VALUES ($1, $2, $3)
  ON CONFLICT (user_id, administration_id)
  DO UPDATE SET permissions = EXCLUDED.permissions, updated_at = now()`,
);

export const insertAccessAudit = statement(
  `INSERT INTO tenancy.access_audit
    (office_id, administration_id, user_id, changed_by, action,
     permissions_before, permissions_after, changed_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, clock_timestamp())`,
);

/** What a user may do in an administration (tenancy.effective_permissions). */
export const effectivePermissionsOf = statement(
  `SELECT permission FROM tenancy.effective_permissions
  WHERE user_id = $1 AND administration_id = $2`,
);

export const lockAdministrationOfOffice = statement(
  `SELECT id, kind, client_modules FROM tenancy.administrations
  WHERE id = $1 AND office_id = $2 FOR SHARE`,
);

export const userOfOffice = statement(
  `SELECT id, kind, office_role FROM tenancy.users
  WHERE id = $1 AND office_id = $2 AND kind IN ('STAFF', 'CLIENT')`,
);

export const accessRows = statement(
  `SELECT ep.administration_id::text AS administration_id, ep.user_id::text AS user_id,
        array_agg(ep.permission) AS permissions,
        bool_or(u.kind = 'STAFF' AND u.office_role = 'ADMIN' AND u.office_id = a.office_id)
          AS via_office_role
   FROM tenancy.effective_permissions ep
   JOIN tenancy.users u ON u.id = ep.user_id
   JOIN tenancy.administrations a ON a.id = ep.administration_id
  WHERE ep.administration_id = ANY($1::uuid[])
  GROUP BY ep.administration_id, ep.user_id, u.name
  ORDER BY ep.administration_id, lower(u.name), ep.user_id`,
);

/**
 * A page of an office's access audit log (one administration's, when given), newest first:
 * keyset on (changed_at, id) after `after`, at most `limit` rows (the caller asks one more
 * than it shows), and the count of the whole log.
 */
export async function accessAuditPage(
  m: EntityManager,
  filter: {
    officeId: string;
    administrationId: string | null;
    after: { time: string; id: string } | null;
    limit: number;
  },
): Promise<{ count: number; rows: AccessAuditRow[] }> {
  const params: unknown[] = [filter.officeId];
  let where = 'l.office_id = $1';
  if (filter.administrationId !== null) {
    params.push(filter.administrationId);
    where += ` AND l.administration_id = $${params.length}`;
  }
  const [counted] = (await m.query(
    `SELECT count(*)::int AS count FROM tenancy.access_audit l WHERE ${where}`,
    params,
  )) as { count: number }[];
  const count = counted?.count ?? 0;
  const pageParams = [...params];
  let keyset = '';
  if (filter.after) {
    pageParams.push(filter.after.time, filter.after.id);
    keyset = ` AND (l.changed_at, l.id) < ($${pageParams.length - 1}::timestamptz, $${pageParams.length}::bigint)`;
  }
  pageParams.push(filter.limit);
  const rows =
    filter.limit <= 1
      ? []
      : ((await m.query(
          `SELECT l.id::text AS id, l.administration_id::text AS "administrationId",
                  l.user_id::text AS "userId", l.changed_by::text AS "changedBy", l.action,
                  l.permissions_before AS "permissionsBefore",
                  l.permissions_after AS "permissionsAfter", l.changed_at AS "changedAt",
                  to_char(l.changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
                    AS "changedAtKey"
             FROM tenancy.access_audit l
            WHERE ${where}${keyset}
            ORDER BY l.changed_at DESC, l.id DESC
            LIMIT $${pageParams.length}`,
          pageParams,
        )) as AccessAuditRow[]);
  return { count, rows };
}
