import type { AdministrationOwned } from '@kantoor/platform';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** PostgreSQL's unique_violation (on `constraint`, when given), as TypeORM reports it. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  return isPgError(error, '23505', constraint);
}

/** PostgreSQL's foreign_key_violation. */
export function isForeignKeyViolation(error: unknown): boolean {
  return isPgError(error, '23503');
}

function isPgError(error: unknown, code: string, constraint?: string): boolean {
  const e = error as {
    code?: string;
    constraint?: string;
    driverError?: { code?: string; constraint?: string };
  };
  const actual = e?.code ?? e?.driverError?.code;
  const name = e?.constraint ?? e?.driverError?.constraint;
  return actual === code && (constraint === undefined || name === constraint);
}

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
