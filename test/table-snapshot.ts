import type { DataSource } from 'typeorm';

/** The subgraphs' schemas, whose tables a refused write must leave alone. */
const SCHEMAS = ['tenancy', 'ledger', 'invoicing', 'vat', 'billing'];

/**
 * Every row of every table of the five subgraph schemas: `schema.table -> "rows:md5"`.
 * Left out, because they change without any write of the caller: an API token's
 * `last_used_at` (written by every use of the token) and the dashboard's read model
 * (tenancy.open_actions, the modules' open_actions_dirty queues, tenancy's
 * processed_events), which the modules' background reports keep filling (decision 0014).
 */
export async function snapshotTables(db: DataSource): Promise<Record<string, string>> {
  const tables: { s: string; t: string }[] = await db.query(
    `SELECT table_schema AS s, table_name AS t FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND table_schema = ANY($1)
        AND table_name NOT IN ('open_actions', 'open_actions_dirty')
        AND NOT (table_schema = 'tenancy' AND table_name = 'processed_events')
      ORDER BY 1, 2`,
    [SCHEMAS],
  );
  const result: Record<string, string> = {};
  for (const { s, t } of tables) {
    const [row] = await db.query(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg((to_jsonb(x) - 'last_used_at')::text, '|' ORDER BY (to_jsonb(x) - 'last_used_at')::text), '')) AS h FROM "${s}"."${t}" x`,
    );
    result[`${s}.${t}`] = `${row.n}:${row.h}`;
  }
  return result;
}

/** Names of the tables whose snapshot differs. */
export function changedTables(
  before: Record<string, string>,
  after: Record<string, string>,
): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((k) => before[k] !== after[k])
    .sort();
}

/**
 * True when no event delivery is waiting or running (pg-boss's queues, dead letters
 * aside): the effects of the setup's events are all written. A readiness check for
 * `eventually`, not a sleep.
 */
export async function eventsSettled(db: DataSource): Promise<boolean> {
  const [row] = await db.query(
    `SELECT count(*)::int AS n FROM pgboss.job
      WHERE state IN ('created', 'retry', 'active') AND name NOT LIKE '%.dead'`,
  );
  return row.n === 0;
}
