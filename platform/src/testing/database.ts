import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** Set by the jest global setup: the server, and the migrated template database. */
export const TEST_SERVER_URL_ENV = 'KANTOOR_TEST_SERVER_URL';
export const TEST_TEMPLATE_ENV = 'KANTOOR_TEST_TEMPLATE';

export function serverUrl(database: string): string {
  const base = process.env[TEST_SERVER_URL_ENV];
  if (!base)
    throw new Error(`${TEST_SERVER_URL_ENV} is not set: run the tests through jest (npm test)`);
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

export interface TestDatabase {
  name: string;
  url: string;
  drop: () => Promise<void>;
}

/**
 * A fresh database for one test file, cloned from the migrated template: every schema,
 * migration and event queue is there, and no other test file sees its rows.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = process.env[TEST_TEMPLATE_ENV];
  if (!template) throw new Error(`${TEST_TEMPLATE_ENV} is not set: run the tests through jest`);
  const name = `kt_${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl('postgres') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: serverUrl(name),
    drop: async () => {
      const c = new Client({ connectionString: serverUrl('postgres') });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
