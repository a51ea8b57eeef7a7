import type { AdministrationOwned } from '@kantoor/platform';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Inserts rows of an administration-owned table in one statement; every row gets
 * `administrationId` whatever it says, so a bulk insert cannot write into another
 * administration (the ScopedRepository offers no bulk insert).
 */
export async function insertScoped<T extends AdministrationOwned>(
  manager: EntityManager,
  target: EntityTarget<T>,
  administrationId: string,
  rows: Omit<T, 'administrationId'>[],
): Promise<void> {
  if (rows.length === 0) return;
  await manager
    .createQueryBuilder()
    .insert()
    .into(target)
    .values(rows.map((r) => ({ ...r, administrationId }) as unknown as ObjectLiteral) as never)
    .updateEntity(false)
    .execute();
}
