import type { EntityManager } from 'typeorm';
import { prepared } from './prepared.js';

/** What runs a statement: an EntityManager (a transaction's, or the data source's). */
export type StatementRunner = Pick<EntityManager, 'query'>;

/**
 * A named SQL statement of a subgraph's `*.sql.ts` file (docs/conventions.md, "Where SQL
 * lives"): `export const lockGrant = statement(\`SELECT ... FOR UPDATE\`)`, run as
 * `lockGrant(manager, [userId, administrationId])` with its positional parameters ($1, $2,
 * ...). It answers what `EntityManager.query` answers (rows; for an UPDATE or DELETE without
 * RETURNING, [rows, affected]), typed by the caller as before.
 */
export function statement(
  text: string,
  options: { prepare?: boolean } = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- EntityManager.query's own answer
): (db: StatementRunner, parameters?: readonly unknown[]) => Promise<any> {
  // `prepare`: planned once per connection (db/prepared.ts); for the hot statements of a page.
  if (options.prepare) prepared(text);
  return (db, parameters = []) => db.query(text, [...parameters]);
}
