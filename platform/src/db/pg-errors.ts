/**
 * PostgreSQL errors as TypeORM reports them (a QueryFailedError copies the driver's fields;
 * some paths keep them on `driverError` only).
 */
interface PgErrorShape {
  code?: string;
  constraint?: string;
  driverError?: { code?: string; constraint?: string };
}

function isPgError(error: unknown, code: string, constraint?: string): boolean {
  const e = error as PgErrorShape | null | undefined;
  const actual = e?.code ?? e?.driverError?.code;
  const name = e?.constraint ?? e?.driverError?.constraint;
  return actual === code && (constraint === undefined || name === constraint);
}

/**
 * PostgreSQL's unique_violation (23505). Name the constraint (or unique index) you mean:
 * without one, any unique constraint of the table matches.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  return isPgError(error, '23505', constraint);
}

/** PostgreSQL's foreign_key_violation (23503). */
export function isForeignKeyViolation(error: unknown, constraint?: string): boolean {
  return isPgError(error, '23503', constraint);
}
