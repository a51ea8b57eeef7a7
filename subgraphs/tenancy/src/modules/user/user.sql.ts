import { statement } from '@kantoor/platform';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { OfficeEntity, UserEntity } from './user.entity.js';

/** Users and offices (tenancy's own tables, reached by id and office). */

export async function usersByIds(m: EntityManager, ids: readonly string[]): Promise<UserEntity[]> {
  return m
    .getRepository(UserEntity)
    .createQueryBuilder('u')
    .where('u.id = ANY(CAST(:ids AS uuid[]))', { ids: [...ids] })
    .getMany();
}

export async function officesByIds(
  m: EntityManager,
  ids: readonly string[],
): Promise<OfficeEntity[]> {
  return m
    .getRepository(OfficeEntity)
    .createQueryBuilder('o')
    .where('o.id = ANY(CAST(:ids AS uuid[]))', { ids: [...ids] })
    .getMany();
}

/** An office's users, deactivated ones too, on alias `u`. */
export function usersOfOfficeQuery(
  m: EntityManager,
  officeId: string,
): SelectQueryBuilder<UserEntity> {
  return m
    .getRepository(UserEntity)
    .createQueryBuilder('u')
    .where('u.office_id = :officeId', { officeId });
}

/** The user FOR UPDATE when it belongs to the office; null otherwise. */
export async function lockUserOfOffice(
  m: EntityManager,
  officeId: string,
  userId: string,
): Promise<UserEntity | null> {
  return m
    .getRepository(UserEntity)
    .createQueryBuilder('u')
    .setLock('pessimistic_write')
    .where('u.id = CAST(:userId AS uuid) AND u.office_id = CAST(:officeId AS uuid)', {
      userId,
      officeId,
    })
    .getOne();
}

export const updateStaffUser = statement(
  `UPDATE tenancy.users SET name = $2, office_role = $3 WHERE id = $1`,
);

export const deactivateUser = statement(`UPDATE tenancy.users SET active = false WHERE id = $1`);

export const revokeUserSessions = statement(
  `UPDATE tenancy.sessions SET revoked_at = now(), revoked_reason = 'user deactivated'
  WHERE user_id = $1 AND revoked_at IS NULL`,
);

export const revokeUserApiTokens = statement(
  `UPDATE tenancy.api_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`,
);

export const lockOffice = statement(`SELECT id FROM tenancy.offices WHERE id = $1 FOR UPDATE`);

export const countOfficeAdmins = statement(
  `SELECT count(*)::int AS n FROM tenancy.users
  WHERE office_id = $1 AND kind = 'STAFF' AND office_role = 'ADMIN' AND active AND id <> $2`,
);

/** The offices of the administrations each user owns (business owners). */
export const officesOfOwners = statement(
  `SELECT DISTINCT owner_user_id, office_id FROM tenancy.administrations
  WHERE owner_user_id = ANY($1::uuid[]) AND office_id IS NOT NULL`,
);
