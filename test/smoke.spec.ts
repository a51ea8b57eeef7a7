import { createTestDatabase } from '@kantoor/platform/testing';
import { Client } from 'pg';

test('template has all schemas', async () => {
  const db = await createTestDatabase();
  const c = new Client({ connectionString: db.url });
  await c.connect();
  const { rows } = await c.query(`SELECT schema_name FROM information_schema.schemata ORDER BY 1`);
  await c.end();
  await db.drop();
  expect(rows.map((r) => r.schema_name)).toEqual(
    expect.arrayContaining(['tenancy', 'ledger', 'pgboss']),
  );
});
