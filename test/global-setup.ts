import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  createLogger,
  EventBus,
  setUpSubgraph,
  startEmbeddedPostgres,
  type EmbeddedPostgresHandle,
} from '@kantoor/platform';
import { TEST_SERVER_URL_ENV, TEST_TEMPLATE_ENV } from '@kantoor/platform/testing';
import { ALL_SUBGRAPHS } from '../scripts/subgraphs';

declare global {
  var __KANTOOR_PG__:
    { handle: EmbeddedPostgresHandle | null; serverUrl: string; template: string } | undefined;
}

/**
 * Once per `npm test`: PostgreSQL (embedded unless DATABASE_URL names a server), and a
 * template database with every subgraph's migrations and event queues. Each test file
 * clones the template (see createTestDatabase).
 */
export default async function globalSetup(): Promise<void> {
  let handle: EmbeddedPostgresHandle | null = null;
  let serverUrl: string;
  if (process.env.DATABASE_URL) {
    serverUrl = process.env.DATABASE_URL;
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'kantoor-test-pg-'));
    handle = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), nonDurable: true });
    serverUrl = handle.url('postgres');
  }
  const template = `kantoor_template_${process.pid}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${template}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${template}`;
  const logger = createLogger('test-setup', 'warn');
  const events = await EventBus.start({ url: url.toString(), logger, supervise: false });
  try {
    for (const definition of ALL_SUBGRAPHS) {
      await setUpSubgraph(definition, url.toString(), logger, events);
    }
  } finally {
    await events.stop();
  }
  process.env[TEST_SERVER_URL_ENV] = serverUrl;
  process.env[TEST_TEMPLATE_ENV] = template;
  globalThis.__KANTOOR_PG__ = { handle, serverUrl, template };
}
