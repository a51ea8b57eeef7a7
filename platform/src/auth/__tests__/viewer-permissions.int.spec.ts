import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@kantoor/platform/testing';
import { createDataSource } from '../../db/data-source';
import { hashApiToken } from '../api-token';
import { InvalidTokenError, signAccessToken } from '../jwt';
import { resolveViewer, resolveViewerAndPermissions } from '../viewer';

/*
 * The viewer lookup that reads the caller's permissions on the administrations a request
 * names in the same round trip: its rows must be exactly what tenancy.effective_permissions
 * says for that user, never another user's, and a refused token stays refused.
 */

const SECRET = 'viewer-permissions-test-secret-0123456789abcdef';
let db: TestDatabase;
let ds: DataSource;
let officeId: string;
let adminId: string;
let memberId: string;
let clientId: string;
const administrations: string[] = [];

const sql = <T = Record<string, string>>(text: string, params: unknown[] = []): Promise<T[]> =>
  ds.query(text, params);

async function user(kind: string, role: string | null, office: string | null): Promise<string> {
  const [row] = await sql(
    `INSERT INTO tenancy.users (office_id, email, name, kind, office_role, password_hash)
     VALUES ($1, $2, 'Test', $3, $4, 'x') RETURNING id`,
    [office, `${randomUUID()}@test.nl`, kind, role],
  );
  return row!.id!;
}

async function session(userId: string): Promise<string> {
  const [row] = await sql(
    `INSERT INTO tenancy.sessions (user_id, expires_at) VALUES ($1, now() + interval '1 day') RETURNING id`,
    [userId],
  );
  return signAccessToken({ sub: userId, sid: row!.id }, SECRET, 600);
}

/** What the view says, in the loader's row shape, sorted. */
async function expected(userId: string, ids: string[]) {
  const rows = await sql<{ administration_id: string; permission: string }>(
    `SELECT administration_id::text AS administration_id, permission FROM tenancy.effective_permissions
      WHERE user_id = $1 AND administration_id = ANY($2::uuid[])`,
    [userId, ids],
  );
  const by = new Map<string, string[]>();
  for (const r of rows)
    by.set(r.administration_id, [...(by.get(r.administration_id) ?? []), r.permission]);
  return [...by].map(([id, p]) => ({ administration_id: id, permissions: p.sort() })).sort(byId);
}
const byId = (a: { administration_id: string }, b: { administration_id: string }) =>
  a.administration_id.localeCompare(b.administration_id);
const normalised = (rows: { administration_id: string; permissions: string }[] | null) =>
  rows
    ?.map((r) => ({
      administration_id: r.administration_id,
      permissions: r.permissions.split(',').sort(),
    }))
    .sort(byId) ?? null;

beforeAll(async () => {
  db = await createTestDatabase();
  ds = createDataSource({
    url: db.url,
    schema: 'tenancy',
    entities: [],
    migrations: [],
    poolSize: 2,
  });
  await ds.initialize();
  officeId = (await sql(`INSERT INTO tenancy.offices (name) VALUES ('Kantoor') RETURNING id`))[0]!
    .id!;
  adminId = await user('STAFF', 'ADMIN', officeId);
  memberId = await user('STAFF', 'MEMBER', officeId);
  clientId = await user('CLIENT', null, null);
  for (let i = 0; i < 4; i++) {
    const [row] = await sql(
      `INSERT INTO tenancy.administrations (office_id, name, kind, modules, client_modules)
       VALUES ($1, $2, 'INTERNAL_WITH_CLIENT_LOGIN', '{LEDGER,INVOICING}', '{INVOICING}') RETURNING id`,
      [officeId, `Administratie ${i}`],
    );
    administrations.push(row!.id!);
  }
  await sql(
    `INSERT INTO tenancy.grants (user_id, administration_id, permissions) VALUES
    ($1, $3, '{LEDGER_READ,VAT_READ}'), ($2, $3, '{INVOICING_READ,LEDGER_READ}')`,
    [memberId, clientId, administrations[0]],
  );
});

afterAll(async () => {
  await ds?.destroy();
  await db?.drop();
});

test.each([
  ['office ADMIN', () => adminId],
  ['MEMBER with one grant', () => memberId],
  ['CLIENT (cut to the client modules)', () => clientId],
])("a login session: viewer and the view's permissions in one answer (%s)", async (_label, who) => {
  const userId = who();
  const token = await session(userId);
  const other = randomUUID();
  const ids = [...administrations, other];
  const { viewer, permissionRows } = await resolveViewerAndPermissions(token, SECRET, ds, ids);
  expect(viewer).toEqual(await resolveViewer(token, SECRET, ds));
  expect(viewer.kind === 'user' && viewer.userId).toBe(userId);
  expect(normalised(permissionRows)).toEqual(await expected(userId, ids));
});

test('no ids asked: nothing read; a user without any permission there: an empty answer', async () => {
  const stranger = await user(
    'STAFF',
    'ADMIN',
    (
      (await sql(`INSERT INTO tenancy.offices (name) VALUES ('Ander kantoor') RETURNING id`)) as {
        id: string;
      }[]
    )[0]!.id,
  );
  const token = await session(stranger);
  expect((await resolveViewerAndPermissions(token, SECRET, ds, [])).permissionRows).toBeNull();
  // Another office's administrations: read, and none of them is the stranger's.
  expect(
    (await resolveViewerAndPermissions(token, SECRET, ds, administrations)).permissionRows,
  ).toEqual([]);
});

test('a logged-out session or a deactivated user is refused, with ids as without', async () => {
  const token = await session(memberId);
  await sql(`UPDATE tenancy.sessions SET revoked_at = now() WHERE user_id = $1`, [memberId]);
  await expect(resolveViewerAndPermissions(token, SECRET, ds, administrations)).rejects.toThrow(
    InvalidTokenError,
  );
  const token2 = await session(adminId);
  await sql(`UPDATE tenancy.users SET active = false WHERE id = $1`, [adminId]);
  try {
    await expect(resolveViewerAndPermissions(token2, SECRET, ds, administrations)).rejects.toThrow(
      InvalidTokenError,
    );
  } finally {
    await sql(`UPDATE tenancy.users SET active = true WHERE id = $1`, [adminId]);
  }
});

test("a JWT API token: its record decides, the permissions are the same user's, cut later to its scope", async () => {
  const tokenId = randomUUID();
  const token = await signAccessToken({ sub: memberId, jti: tokenId }, SECRET, 600);
  await sql(
    `INSERT INTO tenancy.api_tokens (id, user_id, name, token_hash, permissions, expires_at)
     VALUES ($1, $2, 'Koppeling', $3, '{LEDGER_READ}', now() + interval '1 day')`,
    [tokenId, memberId, hashApiToken(token)],
  );
  const { viewer, permissionRows } = await resolveViewerAndPermissions(
    token,
    SECRET,
    ds,
    administrations,
  );
  expect(viewer.kind === 'user' && [...(viewer.scope ?? [])]).toEqual(['LEDGER_READ']);
  expect(normalised(permissionRows)).toEqual(await expected(memberId, administrations));
  // Revoked: refused, whatever was read beside it.
  await sql(`UPDATE tenancy.api_tokens SET revoked_at = now() WHERE id = $1`, [tokenId]);
  await expect(resolveViewerAndPermissions(token, SECRET, ds, administrations)).rejects.toThrow(
    InvalidTokenError,
  );
});
