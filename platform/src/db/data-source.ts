import { DataSource, type EntitySchema, type MixedList } from 'typeorm';
import pg from 'pg';
import type { Logger } from '../logger.js';
import { PreparingClient } from './prepared.js';

// Bookkeeping dates stay "YYYY-MM-DD" strings: no time zone can shift them.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

export interface DataSourceOptions {
  /** postgres:// URL of the server and database. */
  url: string;
  /** The PostgreSQL schema the subgraph owns, e.g. "ledger". */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  /** Pool size; small by default because five subgraphs share one server. */
  poolSize?: number;
  applicationName?: string;
}

/**
 * A TypeORM DataSource for one subgraph: its own schema, its own migrations table,
 * never `synchronize`.
 */
export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    applicationName: options.applicationName ?? `kantoor-${options.schema}`,
    // PreparingClient: statements marked prepared() are planned once per connection.
    extra: { max: options.poolSize ?? 8, Client: PreparingClient },
  });
}

/** Creates the subgraph's schema when missing and runs its pending migrations. */
export async function migrate(dataSource: DataSource, logger?: Logger): Promise<void> {
  const schema = dataSource.options.type === 'postgres' ? dataSource.options.schema : undefined;
  if (!schema) throw new Error('migrate: the DataSource has no schema');
  const wasInitialized = dataSource.isInitialized;
  if (!wasInitialized) await dataSource.initialize();
  try {
    // Serialise concurrent migrators of the same schema (replicas starting together).
    await dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`migrate:${schema}`]);
      await manager.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    });
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    if (ran.length > 0) logger?.info({ schema, migrations: ran.map((m) => m.name) }, 'migrated');
  } finally {
    if (!wasInitialized) await dataSource.destroy();
  }
}
