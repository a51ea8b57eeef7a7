import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import {
  describeStartupError,
  onShutdown,
  startEmbeddedPostgres,
  type EmbeddedPostgresHandle,
} from '@kantoor/platform';
import { startKantoor, type RunningKantoor } from './run-system.js';
import { ALL_SUBGRAPHS } from './subgraphs.js';
import { seedDemo } from './seed.js';

const ROOT = resolve(__dirname, '..', '..');
const STATE_DIR = join(ROOT, '.kantoor');

/** Development secrets, generated once and kept (git-ignored) so tokens survive a restart. */
function developmentSecrets(): Record<string, string> {
  const file = join(STATE_DIR, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  const secrets: Record<string, string> = { jwt: randomBytes(32).toString('hex') };
  for (const s of ALL_SUBGRAPHS) secrets[s.name] = randomBytes(32).toString('hex');
  mkdirSync(STATE_DIR, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

/**
 * `npm start`: the whole system on one machine with one command. Without DATABASE_URL an
 * embedded PostgreSQL keeps its data in .kantoor/pgdata; then every subgraph's
 * migrations, the five subgraphs and the gateway (each a child process of this one, or all
 * in this process with KANTOOR_IN_PROCESS=true), and demo data on an empty database.
 * Ctrl-C stops the services, then PostgreSQL.
 */
async function main(): Promise<void> {
  const started = Date.now();
  const logLevel = process.env.LOG_LEVEL ?? 'warn';
  let pg: EmbeddedPostgresHandle | null = null;
  let kantoor: RunningKantoor | null = null;
  const stopAll = async () => {
    if (kantoor) await kantoor.stop().catch(() => undefined);
    if (pg) await pg.stop().catch(() => undefined);
  };
  onShutdown(async () => {
    console.log('\nStopping Kantoor...');
    await stopAll();
  });

  try {
    let databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) {
      pg = await startEmbeddedPostgres({
        dataDir: join(STATE_DIR, 'pgdata'),
        port: Number(process.env.KANTOOR_PG_PORT ?? 54329),
      });
      await ensureDatabase(pg.url('postgres'), 'kantoor');
      databaseUrl = pg.url('kantoor');
    }
    const secrets = developmentSecrets();
    const jwtSecret = process.env.KANTOOR_JWT_SECRET ?? secrets.jwt!;

    kantoor = await startKantoor({
      databaseUrl,
      jwtSecret,
      secrets,
      logLevel,
      ports: 'default',
      host: process.env.HOST ?? '127.0.0.1',
      // npm start is development: webhooks may go to http://localhost (SSRF guard off).
      env: {
        KANTOOR_WEBHOOK_ALLOW_LOCAL: process.env.NODE_ENV === 'production' ? 'false' : 'true',
        ...process.env,
      },
      // One process per service (each its own event loop); KANTOOR_IN_PROCESS=true runs all
      // of them in this one.
      mode: process.env.KANTOOR_IN_PROCESS === 'true' ? 'in-process' : 'processes',
    });
    const { gateway, subgraphs } = kantoor;
    const demo = await seedDemo(gateway.url, databaseUrl);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`\nKantoor is running (started in ${seconds}s): ${gateway.url}`);
    console.log(`  subgraphs: ${subgraphs.map((s) => `${s.name} ${s.url}`).join(', ')}`);
    console.log(
      `  processes: ${kantoor.mode === 'processes' ? `gateway pid ${gateway.pid}, ${subgraphs.map((s) => `${s.name} ${s.pid}`).join(', ')}` : 'all in this one'}`,
    );
    console.log(
      `  database:  ${pg ? `embedded PostgreSQL, data in .kantoor/pgdata` : 'DATABASE_URL'}`,
    );
    if (demo) console.log(demo);
    console.log('Press Ctrl-C to stop.');
  } catch (error) {
    console.error(`kantoor: ${describeStartupError(error)}`);
    await stopAll();
    process.exit(1);
  }
}

void main();
