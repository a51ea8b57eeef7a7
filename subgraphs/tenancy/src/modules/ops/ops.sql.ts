import { statement } from '@kantoor/platform';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { OfficeEntity } from '../user/user.entity.js';

/** Offices as ops see them (Kantoor's operators), and the operations account. */

/** Offices whose name contains `search` (every office without it), on alias `o`. */
export function officesMatching(
  m: EntityManager,
  search: string | null,
): SelectQueryBuilder<OfficeEntity> {
  const base = m.getRepository(OfficeEntity).createQueryBuilder('o');
  if (search) {
    base.where('o.name ILIKE :pattern', {
      pattern: `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
    });
  }
  return base;
}

/** The office FOR UPDATE; null when unknown. */
export async function lockOfficeRow(
  m: EntityManager,
  officeId: string,
): Promise<OfficeEntity | null> {
  return m
    .getRepository(OfficeEntity)
    .createQueryBuilder('o')
    .setLock('pessimistic_write')
    .where('o.id = :officeId', { officeId })
    .getOne();
}

export async function saveOffice(m: EntityManager, office: OfficeEntity): Promise<OfficeEntity> {
  return m.getRepository(OfficeEntity).save(office);
}

export const officeCounts = statement(
  `SELECT o.id AS office_id,
       (SELECT count(*) FROM tenancy.users u WHERE u.office_id = o.id AND u.active AND u.kind = 'STAFF') AS staff,
       (SELECT count(*) FROM tenancy.users u WHERE u.office_id = o.id AND u.active AND u.kind = 'CLIENT') AS clients,
       (SELECT count(*) FROM tenancy.administrations a WHERE a.office_id = o.id AND a.archived_at IS NULL AND a.kind = 'INTERNAL') AS internal,
       (SELECT count(*) FROM tenancy.administrations a WHERE a.office_id = o.id AND a.archived_at IS NULL AND a.kind = 'INTERNAL_WITH_CLIENT_LOGIN') AS client_login,
       (SELECT count(*) FROM tenancy.administrations a WHERE a.office_id = o.id AND a.archived_at IS NULL AND a.kind = 'EXTERNAL') AS external
  FROM tenancy.offices o WHERE o.id = ANY($1::uuid[])`,
);

/** A transaction-scoped advisory lock on a text key. */
export const lockKey = statement('SELECT pg_advisory_xact_lock(hashtext($1))');

export const userByEmail = statement(
  `SELECT id, kind FROM tenancy.users WHERE lower(email) = lower($1)`,
);

export const reactivateOpsUser = statement(
  `UPDATE tenancy.users SET password_hash = $2, active = true WHERE id = $1`,
);

export const insertOpsUser = statement(
  `INSERT INTO tenancy.users (email, name, kind, password_hash) VALUES ($1, 'Kantoor operations', 'OPS', $2)`,
);
