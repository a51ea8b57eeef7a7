import type pg from 'pg';

/**
 * Runs `statements` (CREATE ... IF NOT EXISTS) in one transaction holding the advisory lock
 * `lockKey`: when several processes start at once, one creates and the others wait and then
 * find everything there. Without the lock, racing `CREATE TABLE IF NOT EXISTS` statements fail
 * (PostgreSQL reports the loser as a duplicate type).
 */
export async function createUnderLock(
  pool: Pick<pg.Pool, 'connect'>,
  lockKey: string,
  statements: readonly string[],
): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [lockKey]);
    for (const text of statements) await client.query(text);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
