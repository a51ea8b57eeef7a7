import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@kantoor/platform/testing';
import { createDataSource } from '../data-source';
import { prepared, preparedName } from '../prepared';
import { statement } from '../statement';

let db: TestDatabase;
let dataSource: DataSource;

beforeAll(async () => {
  db = await createTestDatabase();
  // One connection: the prepared statements a query sees are those of the same session.
  dataSource = createDataSource({
    url: db.url,
    schema: 'ledger',
    entities: [],
    migrations: [],
    poolSize: 1,
  });
  await dataSource.initialize();
});

afterAll(async () => {
  await dataSource.destroy();
  await db.drop();
});

const sessionStatements = async (): Promise<string[]> =>
  (
    (await dataSource.query(`SELECT name FROM pg_prepared_statements ORDER BY name`)) as {
      name: string;
    }[]
  ).map((r) => r.name);

test('a marked text runs as a named statement of the session, with the same answer', async () => {
  const text = prepared(`SELECT $1::int + 1 AS n, $2::text AS label`);
  const name = preparedName(text)!;
  expect(name).toMatch(/^k_[0-9a-f]{24}$/);
  expect(await dataSource.query(text, [41, 'x'])).toEqual([{ n: 42, label: 'x' }]);
  // Run again with other values: the statement is reused, not prepared twice.
  expect(await dataSource.query(text, [1, 'y'])).toEqual([{ n: 2, label: 'y' }]);
  expect(await sessionStatements()).toContain(name);
});

test('unmarked texts are never prepared; statement() prepares only when asked', async () => {
  const plain = `SELECT 7 AS seven`;
  expect(preparedName(plain)).toBeUndefined();
  const hot = statement(`SELECT $1::int * 2 AS twice`, { prepare: true });
  const cold = statement(`SELECT $1::int * 3 AS thrice`);
  await dataSource.query(plain);
  expect(await hot(dataSource.manager, [21])).toEqual([{ twice: 42 }]);
  expect(await cold(dataSource.manager, [2])).toEqual([{ thrice: 6 }]);
  const names = await sessionStatements();
  expect(names).toContain(preparedName(`SELECT $1::int * 2 AS twice`));
  expect(preparedName(`SELECT $1::int * 3 AS thrice`)).toBeUndefined();
  // Only the marked texts of this file are prepared on the session.
  expect(names).toHaveLength(2);
});

test('a failing prepared statement reports the error and leaves the connection usable', async () => {
  const text = prepared(`SELECT 1 / $1::int AS q`);
  await expect(dataSource.query(text, [0])).rejects.toThrow(/division by zero/);
  expect(await dataSource.query(text, [1])).toEqual([{ q: 1 }]);
  await dataSource.transaction(async (m) => {
    expect(await m.query(text, [1])).toEqual([{ q: 1 }]);
  });
});

test('a pooled connection cut while lent out, with no other listener, does not end the process; the pool drops it', async () => {
  // What typeorm's pool lends out: pg-pool has taken its idle listener off, typeorm has not
  // put its own on yet (or has taken it off again).
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  const client = await pool.connect();
  const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  const ended = new Promise((resolve) => client.once('end', resolve));
  const admin = createDataSource({ url: db.url, schema: 'ledger', entities: [], migrations: [] });
  await admin.initialize();
  try {
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
  } finally {
    await admin.destroy();
  }
  await ended;
  await expect(client.query('SELECT 1')).rejects.toThrow();
  client.release();
  // The next statement gets a fresh connection.
  expect(await dataSource.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
});
