import { Client } from 'pg';

export default async function globalTeardown(): Promise<void> {
  const state = globalThis.__KANTOOR_PG__;
  if (!state) return;
  if (state.handle) {
    await state.handle.stop();
    return;
  }
  const admin = new Client({ connectionString: state.serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${state.template}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
