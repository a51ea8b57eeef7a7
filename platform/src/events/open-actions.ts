import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { Logger } from '../logger.js';
import type { EventBus } from './event-bus.js';

/**
 * The dashboard's open actions (issue 14, docs/decisions/0014-dashboard.md): each module
 * counts its own open actions per administration and reports them to tenancy's read model
 * with this event. A module learns which administrations to recount from triggers on its own
 * tables that append the administration to `<schema>.open_actions_dirty`; a reporter drains
 * that table, recounts those administrations in one statement and publishes one event in the
 * same transaction. Counts that change with time alone (overdue, periods ended) travel as
 * their time-independent parts (due dates, filed periods) and are finished at query time.
 */
export const OPEN_ACTIONS_COUNTED = 'dashboard.open-actions-counted';

export const OPEN_ACTIONS_MODULES = ['LEDGER', 'INVOICING', 'VAT'] as const;
export type OpenActionsModule = (typeof OPEN_ACTIONS_MODULES)[number];

/** One administration's counts as a module reports them (module-specific fields). */
export type OpenActionsCounts = { administrationId: string } & Record<string, unknown>;

export interface OpenActionsCountedPayload extends Record<string, unknown> {
  module: OpenActionsModule;
  /** When the counts were taken (reporters of a module are serialized, so this orders them). */
  countedAt: string;
  rows: OpenActionsCounts[];
}

/** What a module gives the platform to report its open actions. */
export interface OpenActionsSource {
  module: OpenActionsModule;
  /** The module's PostgreSQL schema (its dirty table is `<schema>.open_actions_dirty`). */
  schema: string;
  /** Every administration the module knows (for a rebuild). */
  allAdministrationsSql: string;
  /**
   * Counts of these administrations in one statement, one row per id (zeros for an
   * administration the module does not know). The SQL starts with the comment
   * "open-actions report" (as the drain's own statements do), so tests that count a
   * request's queries on the shared data source can leave the reporter out.
   */
  count(manager: EntityManager, administrationIds: string[]): Promise<OpenActionsCounts[]>;
}

/**
 * Migration SQL: the dirty table of `schema` and a trigger on each of `tables` (each with an
 * `administration_id` column) appending the changed rows' administration. Append-only on
 * purpose: a reporter deletes only rows whose transaction committed before it counts, so no
 * change can slip between a delete and a count, and writers never wait on each other.
 */
export function openActionsTriggersSql(schema: string, tables: string[]): string[] {
  const statements = [
    `CREATE TABLE ${schema}.open_actions_dirty (
       id bigserial PRIMARY KEY,
       administration_id uuid NOT NULL
     )`,
    `CREATE FUNCTION ${schema}.mark_open_actions_dirty() RETURNS trigger
       LANGUAGE plpgsql AS $$
     BEGIN
       IF TG_OP = 'DELETE' THEN
         INSERT INTO ${schema}.open_actions_dirty (administration_id) VALUES (OLD.administration_id);
       ELSE
         INSERT INTO ${schema}.open_actions_dirty (administration_id) VALUES (NEW.administration_id);
         IF TG_OP = 'UPDATE' AND OLD.administration_id IS DISTINCT FROM NEW.administration_id THEN
           INSERT INTO ${schema}.open_actions_dirty (administration_id) VALUES (OLD.administration_id);
         END IF;
       END IF;
       RETURN NULL;
     END $$`,
  ];
  for (const table of tables) {
    statements.push(
      `CREATE TRIGGER ${table}_open_actions AFTER INSERT OR UPDATE OR DELETE ON ${schema}.${table}
         FOR EACH ROW EXECUTE FUNCTION ${schema}.mark_open_actions_dirty()`,
    );
  }
  return statements;
}

export function dropOpenActionsTriggersSql(schema: string, tables: string[]): string[] {
  return [
    ...tables.map((t) => `DROP TRIGGER IF EXISTS ${t}_open_actions ON ${schema}.${t}`),
    `DROP FUNCTION IF EXISTS ${schema}.mark_open_actions_dirty()`,
    `DROP TABLE IF EXISTS ${schema}.open_actions_dirty`,
  ];
}

/** Largest number of administrations recounted and reported in one event. */
export const OPEN_ACTIONS_BATCH = 500;

const REPORT_MARK = 'open-actions report';

/**
 * Whether a statement belongs to the dashboard's background reporter, which shares a module's
 * data source: its own SQL carries the comment "open-actions report" and its query runner is
 * marked, so the transaction's BEGIN/COMMIT and the event it publishes are recognized too.
 * For tests that count one request's statements (from a TypeORM logger or DataSource.query).
 */
export function isOpenActionsReport(query: unknown, queryRunner?: QueryRunner): boolean {
  return (
    String(query).includes(REPORT_MARK) ||
    (queryRunner?.data as Record<string, unknown> | undefined)?.[REPORT_MARK] === true
  );
}

/**
 * Drains a module's dirty table: recounts and publishes (one transaction per batch). Returns
 * how many administrations it reported. One drain at a time per module (advisory lock), so
 * countedAt orders a module's reports even with several replicas.
 */
export async function drainOpenActions(
  dataSource: DataSource,
  events: EventBus,
  source: OpenActionsSource,
): Promise<number> {
  let reported = 0;
  for (;;) {
    const runner = dataSource.createQueryRunner();
    runner.data = { ...runner.data, [REPORT_MARK]: true };
    let batch: number;
    try {
      // Most ticks find nothing: one statement and no transaction for those.
      const [{ dirty }] = (await runner.query(
        `/* ${REPORT_MARK} */ SELECT EXISTS (SELECT 1 FROM ${source.schema}.open_actions_dirty) AS dirty`,
      )) as [{ dirty: boolean }];
      if (!dirty) return reported;
      await runner.startTransaction();
      try {
        batch = await drainBatch(runner.manager, events, source);
        await runner.commitTransaction();
      } catch (error) {
        await runner.rollbackTransaction();
        throw error;
      }
    } finally {
      await runner.release();
    }
    if (batch <= 0) return reported;
    reported += batch;
  }
}

/** One batch of a drain, inside the caller's transaction: -1 when another drain holds the lock. */
async function drainBatch(
  manager: EntityManager,
  events: EventBus,
  source: OpenActionsSource,
): Promise<number> {
  const [{ locked }] = (await manager.query(
    `/* ${REPORT_MARK} */ SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`,
    [`${source.schema}.open_actions`],
  )) as [{ locked: boolean }];
  if (!locked) return -1;
  const taken = (await manager.query(
    `/* ${REPORT_MARK} */ DELETE FROM ${source.schema}.open_actions_dirty
      WHERE id IN (SELECT id FROM ${source.schema}.open_actions_dirty
                    ORDER BY id LIMIT ${OPEN_ACTIONS_BATCH * 4} FOR UPDATE SKIP LOCKED)
      RETURNING administration_id::text AS id`,
  )) as [{ id: string }[], number] | { id: string }[];
  const rows = Array.isArray(taken[0])
    ? (taken[0] as { id: string }[])
    : (taken as { id: string }[]);
  const ids = [...new Set(rows.map((r) => r.id))];
  if (ids.length === 0) return 0;
  for (let i = 0; i < ids.length; i += OPEN_ACTIONS_BATCH) {
    const part = ids.slice(i, i + OPEN_ACTIONS_BATCH);
    // Taken after the delete, in this statement's snapshot or later: every change whose
    // dirty row was deleted above is in the counts.
    const [{ now }] = (await manager.query(
      `/* ${REPORT_MARK} */ SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS now`,
    )) as [{ now: string }];
    const counts = await source.count(manager, part);
    await events.publish<OpenActionsCountedPayload>(manager, OPEN_ACTIONS_COUNTED, {
      module: source.module,
      countedAt: now,
      rows: counts,
    });
  }
  return ids.length;
}

/** A background worker a subgraph runs beside its HTTP server (with the event workers). */
export interface BackgroundWorker {
  start(): void;
  stop(): Promise<void>;
}

/**
 * Polls the dirty table (every `intervalMs`) and drains it. A change shows in tenancy's read
 * model within about intervalMs plus one event delivery.
 */
export class OpenActionsReporter implements BackgroundWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventBus,
    private readonly source: OpenActionsSource,
    private readonly logger: Logger,
    private readonly intervalMs = 200,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => {
        this.running = undefined;
        this.schedule();
      });
    }, this.intervalMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      await drainOpenActions(this.dataSource, this.events, this.source);
    } catch (error) {
      if (!this.stopped) {
        this.logger.warn({ err: error, module: this.source.module }, 'open actions report failed');
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
