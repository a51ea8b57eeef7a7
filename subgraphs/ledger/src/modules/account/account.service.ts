import type { DataSource, EntityManager } from 'typeorm';
import { AccountEntity, BookEntity } from './account.entity.js';
import { STARTER_CHART } from './default-chart.js';

export class AccountService {
  constructor(private readonly db: DataSource) {}

  /** Accounts of many administrations in one query, ordered by code. */
  async accountsOf(administrationIds: readonly string[]): Promise<AccountEntity[]> {
    if (administrationIds.length === 0) return [];
    return this.db
      .getRepository(AccountEntity)
      .createQueryBuilder('a')
      .where('a.administration_id = ANY(CAST(:ids AS uuid[]))', { ids: [...administrationIds] })
      .orderBy('a.code', 'ASC')
      .getMany();
  }
}

/**
 * Opens the books of a new administration with the starter chart. Idempotent on its
 * own (the books row is the guard), on top of the event bus's once-per-event handling.
 */
export async function openBooks(
  manager: EntityManager,
  administrationId: string,
): Promise<boolean> {
  const inserted = await manager
    .createQueryBuilder()
    .insert()
    .into(BookEntity)
    .values({ administrationId })
    .orIgnore()
    .returning('administration_id')
    .execute();
  if (inserted.raw.length === 0) return false;
  await manager
    .createQueryBuilder()
    .insert()
    .into(AccountEntity)
    .values(STARTER_CHART.map((a) => ({ ...a, administrationId, blocked: false })))
    .execute();
  return true;
}
