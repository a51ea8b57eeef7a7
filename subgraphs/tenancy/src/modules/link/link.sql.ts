import { statement } from '@kantoor/platform';

export const insertLinkInvitation = statement(
  `INSERT INTO tenancy.link_invitations (office_id, code_hash, email, created_by, expires_at)
  VALUES ($1, $2, $3, $4, now() + make_interval(days => $5))
  RETURNING id, expires_at`,
);

export const acceptLinkInvitation = statement(
  `UPDATE tenancy.link_invitations
    SET accepted_at = now(), administration_id = $2
  WHERE code_hash = $1 AND accepted_at IS NULL AND expires_at > now()
  RETURNING office_id`,
);

/** Deletes the grants of an office's users on an administration. */
export const deleteOfficeGrants = statement(
  `DELETE FROM tenancy.grants g
  USING tenancy.users u
  WHERE g.user_id = u.id AND u.office_id = $1 AND g.administration_id = $2
  RETURNING g.user_id, g.permissions`,
);

/** The audit rows of the grants an unlink removed. */
export const insertUnlinkAudit = statement(
  `INSERT INTO tenancy.access_audit
    (office_id, administration_id, user_id, changed_by, action, permissions_before, permissions_after)
  VALUES ($1, $2, $3, $4, 'UNLINK', $5, '{}')`,
);
