import 'reflect-metadata';
import {
  createDataSource,
  createLogger,
  drainOpenActions,
  EventBus,
  type OpenActionsSource,
} from '@kantoor/platform';
import type { DataSource } from 'typeorm';
import { ALL_SUBGRAPHS } from './subgraphs.js';

/** The modules that report open actions to the dashboard. */
export const OPEN_ACTIONS_SOURCES: OpenActionsSource[] = ALL_SUBGRAPHS.flatMap((d) =>
  d.openActions ? [d.openActions] : [],
);

/**
 * Rebuilds the dashboard's read model (tenancy.open_actions) from the modules' state: forgets
 * it, marks every administration each module knows dirty and has each module recount and
 * report them now (events tenancy applies as usual). Safe while the system runs: its own
 * reporters drain the same tables, one at a time. Returns how many administrations were
 * queued. Until tenancy has applied the reports, the dashboard shows zeros for the rest.
 */
export async function rebuildOpenActions(db: DataSource, events: EventBus): Promise<number> {
  const queued = await db.transaction(async (m) => {
    await m.query(`DELETE FROM tenancy.open_actions`);
    let n = 0;
    for (const source of OPEN_ACTIONS_SOURCES) {
      const [{ count }] = (await m.query(
        `WITH queued AS (INSERT INTO ${source.schema}.open_actions_dirty (administration_id)
                          ${source.allAdministrationsSql} RETURNING 1)
         SELECT count(*)::int AS count FROM queued`,
      )) as [{ count: number }];
      n += count;
    }
    return n;
  });
  // A running system's reporters may drain part of it first (one drain per module at a time).
  for (const source of OPEN_ACTIONS_SOURCES) await drainOpenActions(db, events, source);
  return queued;
}

/**
 * `npm run dashboard:rebuild`: against DATABASE_URL, or `npm start`'s embedded PostgreSQL
 * (running, on KANTOOR_PG_PORT or 54329).
 */
async function main(): Promise<void> {
  const url =
    process.env.DATABASE_URL ??
    `postgres://postgres:postgres@127.0.0.1:${process.env.KANTOOR_PG_PORT ?? 54329}/kantoor`;
  const logger = createLogger('dashboard-rebuild', process.env.LOG_LEVEL ?? 'info');
  const db = createDataSource({
    url,
    schema: 'tenancy',
    entities: [],
    migrations: [],
    poolSize: 2,
  });
  await db.initialize();
  const events = await EventBus.start({ url, logger, supervise: false });
  try {
    const started = Date.now();
    const queued = await rebuildOpenActions(db, events);
    console.log(
      `dashboard rebuilt: ${queued} administrations recounted by their modules in ${Date.now() - started} ms; tenancy applies the reports as it consumes the events`,
    );
  } finally {
    await events.stop();
    await db.destroy();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
