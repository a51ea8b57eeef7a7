import { statement, type UserViewer } from '@kantoor/platform';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { UserEntity } from '../user/user.entity.js';
import { AdministrationEntity } from './administration.entity.js';
import type { AdministrationListFilter } from './administration.service.js';
import { visibleSql } from './visibility.sql.js';

/**
 * Administrations (tenancy's own table: an administration is its row, reached by id and
 * office) and who may see them.
 */

export const userWithEmail = statement(
  `SELECT 1 FROM tenancy.users WHERE lower(email) = lower($1)`,
);

/** Administrations by id, one query. */
export async function administrationsByIds(
  m: EntityManager,
  ids: readonly string[],
): Promise<AdministrationEntity[]> {
  return m
    .getRepository(AdministrationEntity)
    .createQueryBuilder('a')
    .where('a.id = ANY(CAST(:ids AS uuid[]))', { ids: [...ids] })
    .getMany();
}

/**
 * The administrations `viewer` may open, narrowed by `filter` (archived, kinds, search), as a
 * query on alias `a` for the caller's paging (by name, or by the dashboard's keys).
 */
export function visibleAdministrations(
  m: EntityManager,
  viewer: UserViewer,
  filter: AdministrationListFilter,
): SelectQueryBuilder<AdministrationEntity> {
  const base = m.getRepository(AdministrationEntity).createQueryBuilder('a');
  whereVisibleTo(base, viewer);
  if (!filter.includeArchived) base.andWhere('a.archived_at IS NULL');
  if (filter.kinds && filter.kinds.length > 0) {
    base.andWhere('a.kind = ANY(CAST(:kinds AS text[]))', { kinds: filter.kinds });
  }
  const search = filter.search?.trim();
  if (search) {
    const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const compact = `%${search.replace(/[\s.]/g, '').replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base.andWhere(
      `(a.name ILIKE :pattern OR a.vat_number ILIKE :compact OR a.kvk_number ILIKE :compact)`,
      { pattern, compact },
    );
  }
  return base;
}

/** "The viewer may open it" (visibility.sql.ts: one definition with the dashboard's). */
function whereVisibleTo(qb: SelectQueryBuilder<AdministrationEntity>, viewer: UserViewer): void {
  const { where, params } = visibleSql(viewer);
  qb.where(where, params);
}

/** The administration FOR UPDATE (null when unknown; the id must be a uuid). */
export async function lockAdministration(
  m: EntityManager,
  administrationId: string,
): Promise<AdministrationEntity | null> {
  return m
    .getRepository(AdministrationEntity)
    .createQueryBuilder('a')
    .setLock('pessimistic_write')
    .where('a.id = :administrationId', { administrationId })
    .getOne();
}

export async function insertAdministration(
  m: EntityManager,
  values: Omit<AdministrationEntity, 'id' | 'createdAt'>,
): Promise<AdministrationEntity> {
  const repository = m.getRepository(AdministrationEntity);
  return repository.save(repository.create(values));
}

export async function updateAdministration(
  m: EntityManager,
  id: string,
  set: Partial<Omit<AdministrationEntity, 'id'>>,
): Promise<void> {
  await m.getRepository(AdministrationEntity).update({ id }, set);
}

export async function insertUserEntity(
  m: EntityManager,
  values: Omit<UserEntity, 'id' | 'createdAt'>,
): Promise<UserEntity> {
  const repository = m.getRepository(UserEntity);
  return repository.save(repository.create(values));
}
