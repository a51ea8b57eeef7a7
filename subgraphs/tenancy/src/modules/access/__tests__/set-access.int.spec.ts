import { PERMISSIONS, signAccessToken, type Permission } from '@kantoor/platform';
import { TEST_JWT_SECRET } from '@kantoor/platform/testing';
import { createHash, randomUUID } from 'node:crypto';
import { type Factories } from '../../../../../../test/factories';
import { startTestSystemWithFactories, type TestSystem } from '../../../../../../test/system';

let system: TestSystem;
let make: Factories;

beforeAll(async () => ({ system, make } = await startTestSystemWithFactories()));
afterAll(() => system?.stop());

const SET_ACCESS = `mutation($input: SetAccessInput!) {
  setAccess(input: $input) { permissions userErrors { code field message } }
}`;

interface SetAccessData {
  setAccess: {
    permissions: Permission[] | null;
    userErrors: { code: string; field: string[] | null; message: string }[];
  };
}

interface AuditRow {
  id: string;
  office_id: string;
  administration_id: string;
  user_id: string;
  changed_by: string;
  action: string;
  permissions_before: string[];
  permissions_after: string[];
}

function sql<T>(query: string, params: unknown[] = []): Promise<T[]> {
  return system.subgraphs.tenancy.runtime.dataSource.query(query, params) as Promise<T[]>;
}

async function grantOf(userId: string, administrationId: string): Promise<string[] | null> {
  const [row] = await sql<{ permissions: string[] }>(
    `SELECT permissions FROM tenancy.grants WHERE user_id = $1 AND administration_id = $2`,
    [userId, administrationId],
  );
  return row?.permissions ?? null;
}

function auditOf(userId: string): Promise<AuditRow[]> {
  return sql<AuditRow>(
    `SELECT id::text, office_id, administration_id, user_id, changed_by, action,
            permissions_before, permissions_after
       FROM tenancy.access_audit l WHERE user_id = $1 ORDER BY l.id`,
    [userId],
  );
}

function setAccess(
  token: string | null,
  input: { userId: string; administrationId: string; permissions: string[] },
) {
  return system.query<SetAccessData>(SET_ACCESS, { token, variables: { input } });
}

/** An office with its ADMIN, a MEMBER, a CLIENT login and a client-login administration. */
async function officeSetUp() {
  const office = await make.office();
  const admin = await make.user({ officeId: office.id, officeRole: 'ADMIN', name: 'Anna Admin' });
  const member = await make.user({ officeId: office.id, officeRole: 'MEMBER', name: 'Bert' });
  const client = await make.user({ officeId: office.id, kind: 'CLIENT', name: 'Carla Klant' });
  const clientLogin = await make.administration({
    officeId: office.id,
    kind: 'INTERNAL_WITH_CLIENT_LOGIN',
    modules: ['LEDGER', 'INVOICING'],
    clientModules: ['INVOICING'],
  });
  const internal = await make.administration({ officeId: office.id, kind: 'INTERNAL' });
  return {
    office,
    admin,
    member,
    client,
    clientLogin,
    internal,
    adminToken: await make.token(admin.id),
  };
}

describe('setAccess', () => {
  test('replaces a staff member’s grant: deduplicated, sorted, audited, effective at once', async () => {
    const { office, admin, member, internal, adminToken } = await officeSetUp();
    const r = await setAccess(adminToken, {
      userId: member.id,
      administrationId: internal.id,
      permissions: ['VAT_READ', 'LEDGER_READ', 'VAT_READ', 'ADMINISTRATION_MANAGE'],
    });
    expect(r.errors).toBeUndefined();
    expect(r.data!.setAccess).toEqual({
      permissions: ['ADMINISTRATION_MANAGE', 'LEDGER_READ', 'VAT_READ'],
      userErrors: [],
    });
    expect(await grantOf(member.id, internal.id)).toEqual([
      'ADMINISTRATION_MANAGE',
      'LEDGER_READ',
      'VAT_READ',
    ]);
    expect(await auditOf(member.id)).toEqual([
      expect.objectContaining({
        office_id: office.id,
        administration_id: internal.id,
        user_id: member.id,
        changed_by: admin.id,
        action: 'SET',
        permissions_before: [],
        permissions_after: ['ADMINISTRATION_MANAGE', 'LEDGER_READ', 'VAT_READ'],
      }),
    ]);

    // The member sees it on their next request.
    const memberToken = await make.token(member.id);
    const seen = await system.query<{ administration: { myPermissions: string[] } | null }>(
      `query($id: ID!) { administration(id: $id) { myPermissions } }`,
      { token: memberToken, variables: { id: internal.id } },
    );
    expect(seen.data!.administration!.myPermissions).toEqual([
      'ADMINISTRATION_MANAGE',
      'LEDGER_READ',
      'VAT_READ',
    ]);

    // A replacement records the list before and after.
    const replaced = await setAccess(adminToken, {
      userId: member.id,
      administrationId: internal.id,
      permissions: ['LEDGER_WRITE', 'LEDGER_READ'],
    });
    expect(replaced.data!.setAccess.permissions).toEqual(['LEDGER_READ', 'LEDGER_WRITE']);
    const audit = await auditOf(member.id);
    expect(audit).toHaveLength(2);
    expect(audit[1]).toMatchObject({
      action: 'SET',
      permissions_before: ['ADMINISTRATION_MANAGE', 'LEDGER_READ', 'VAT_READ'],
      permissions_after: ['LEDGER_READ', 'LEDGER_WRITE'],
    });
  });

  test('the same list again changes nothing and writes no audit row', async () => {
    const { office, member, internal, adminToken } = await officeSetUp();
    const input = {
      userId: member.id,
      administrationId: internal.id,
      permissions: ['LEDGER_READ'],
    };
    await setAccess(adminToken, input);
    const again = await setAccess(adminToken, {
      ...input,
      permissions: ['LEDGER_READ', 'LEDGER_READ'],
    });
    expect(again.data!.setAccess).toEqual({ permissions: ['LEDGER_READ'], userErrors: [] });
    expect(await auditOf(member.id)).toHaveLength(1);
    // Revoking a user who has nothing changes nothing either.
    const nobody = await make.user({ officeId: office.id });
    const none = await setAccess(adminToken, {
      userId: nobody.id,
      administrationId: internal.id,
      permissions: [],
    });
    expect(none.data!.setAccess).toEqual({ permissions: [], userErrors: [] });
    expect(await auditOf(nobody.id)).toEqual([]);
    expect(await grantOf(nobody.id, internal.id)).toBeNull();
  });

  test('[] revokes: the grant row is deleted, REVOKE is audited, the next request sees nothing', async () => {
    const { admin, member, internal, adminToken } = await officeSetUp();
    const memberToken = await make.token(member.id);
    const q = `query($id: ID!) { administration(id: $id) { id } }`;
    await setAccess(adminToken, {
      userId: member.id,
      administrationId: internal.id,
      permissions: ['LEDGER_READ', 'LEDGER_WRITE'],
    });
    expect(
      (await system.query(q, { token: memberToken, variables: { id: internal.id } })).data,
    ).toEqual({ administration: { id: internal.id } });

    const revoked = await setAccess(adminToken, {
      userId: member.id,
      administrationId: internal.id,
      permissions: [],
    });
    expect(revoked.data!.setAccess).toEqual({ permissions: [], userErrors: [] });
    expect(await grantOf(member.id, internal.id)).toBeNull();
    expect((await auditOf(member.id))[1]).toMatchObject({
      action: 'REVOKE',
      changed_by: admin.id,
      permissions_before: ['LEDGER_READ', 'LEDGER_WRITE'],
      permissions_after: [],
    });
    expect(
      (await system.query(q, { token: memberToken, variables: { id: internal.id } })).data,
    ).toEqual({ administration: null });
  });

  test('client login with clientModules [INVOICING]: INVOICING_READ only', async () => {
    const { client, clientLogin, adminToken } = await officeSetUp();
    const ok = await setAccess(adminToken, {
      userId: client.id,
      administrationId: clientLogin.id,
      permissions: ['INVOICING_READ'],
    });
    expect(ok.data!.setAccess).toEqual({ permissions: ['INVOICING_READ'], userErrors: [] });
    expect(await grantOf(client.id, clientLogin.id)).toEqual(['INVOICING_READ']);

    for (const refused of [
      ['LEDGER_READ'],
      ['ADMINISTRATION_MANAGE'],
      ['INVOICING_READ', 'VAT_READ'],
    ]) {
      const r = await setAccess(adminToken, {
        userId: client.id,
        administrationId: clientLogin.id,
        permissions: refused,
      });
      expect(r.data!.setAccess).toMatchObject({
        permissions: null,
        userErrors: [{ code: 'CLIENT_MODULE_NOT_ALLOWED', field: ['input', 'permissions'] }],
      });
    }
    // Nothing of the refused calls was written.
    expect(await grantOf(client.id, clientLogin.id)).toEqual(['INVOICING_READ']);
    expect(await auditOf(client.id)).toHaveLength(1);
  });

  test('a client gets nothing on an INTERNAL administration (but [] is fine)', async () => {
    const { client, internal, adminToken } = await officeSetUp();
    for (const permission of PERMISSIONS) {
      const r = await setAccess(adminToken, {
        userId: client.id,
        administrationId: internal.id,
        permissions: [permission],
      });
      expect(r.data!.setAccess.userErrors.map((e) => e.code)).toEqual([
        'CLIENT_MODULE_NOT_ALLOWED',
      ]);
    }
    const empty = await setAccess(adminToken, {
      userId: client.id,
      administrationId: internal.id,
      permissions: [],
    });
    expect(empty.data!.setAccess).toEqual({ permissions: [], userErrors: [] });
    expect(await grantOf(client.id, internal.id)).toBeNull();
    expect(await auditOf(client.id)).toEqual([]);
  });

  test('a client granted INVOICING_READ sees customers; accounts are FORBIDDEN, the rest arrives', async () => {
    const { client, clientLogin, adminToken } = await officeSetUp();
    await setAccess(adminToken, {
      userId: client.id,
      administrationId: clientLogin.id,
      permissions: ['INVOICING_READ'],
    });
    const r = await system.query<{
      administration: {
        id: string;
        name: string;
        myPermissions: string[];
        customers: { totalCount: number } | null;
        accounts: unknown[] | null;
      } | null;
    }>(
      `query($id: ID!) { administration(id: $id) { id name myPermissions customers { totalCount } accounts { code } } }`,
      { token: await make.token(client.id), variables: { id: clientLogin.id } },
    );
    expect(r.data!.administration).toEqual({
      id: clientLogin.id,
      name: clientLogin.name,
      myPermissions: ['INVOICING_READ'],
      customers: { totalCount: 0 },
      accounts: null,
    });
    expect(r.errors!.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['administration', 'accounts'], 'FORBIDDEN'],
    ]);
  });

  test('ADMINISTRATION_NOT_FOUND: unknown, non-uuid, or of another office — alike', async () => {
    const { member, adminToken } = await officeSetUp();
    const other = await make.office();
    const foreign = await make.administration({ officeId: other.id });
    for (const administrationId of [randomUUID(), 'not-a-uuid', foreign.id]) {
      const r = await setAccess(adminToken, {
        userId: member.id,
        administrationId,
        permissions: ['LEDGER_READ'],
      });
      expect(r.errors).toBeUndefined();
      expect(r.data!.setAccess).toEqual({
        permissions: null,
        userErrors: [
          {
            code: 'ADMINISTRATION_NOT_FOUND',
            field: ['input', 'administrationId'],
            message: 'No such administration in your office.',
          },
        ],
      });
    }
    expect(await grantOf(member.id, foreign.id)).toBeNull();
    expect(await auditOf(member.id)).toEqual([]);
  });

  test('USER_NOT_FOUND: unknown, non-uuid, another office’s user or client, an OPS user', async () => {
    const { internal, adminToken } = await officeSetUp();
    const other = await make.office();
    const foreignMember = await make.user({ officeId: other.id, officeRole: 'MEMBER' });
    const foreignClient = await make.user({ officeId: other.id, kind: 'CLIENT' });
    const ops = await make.user({ kind: 'OPS' });
    for (const userId of [randomUUID(), 'nope', foreignMember.id, foreignClient.id, ops.id]) {
      const r = await setAccess(adminToken, {
        userId,
        administrationId: internal.id,
        permissions: ['LEDGER_READ'],
      });
      expect(r.data!.setAccess).toMatchObject({
        permissions: null,
        userErrors: [{ code: 'USER_NOT_FOUND', field: ['input', 'userId'] }],
      });
    }
    const written = await sql(
      `SELECT 1 FROM tenancy.grants WHERE administration_id = $1
       UNION ALL SELECT 1 FROM tenancy.access_audit WHERE administration_id = $1`,
      [internal.id],
    );
    expect(written).toEqual([]);
  });

  test('USER_IS_ADMIN: office ADMINs have everything already; nothing is stored', async () => {
    const { office, admin, internal, adminToken } = await officeSetUp();
    const secondAdmin = await make.user({ officeId: office.id, officeRole: 'ADMIN' });
    for (const userId of [secondAdmin.id, admin.id]) {
      const r = await setAccess(adminToken, {
        userId,
        administrationId: internal.id,
        permissions: ['LEDGER_READ'],
      });
      expect(r.data!.setAccess).toMatchObject({
        permissions: null,
        userErrors: [{ code: 'USER_IS_ADMIN', field: ['input', 'userId'] }],
      });
      expect(await grantOf(userId, internal.id)).toBeNull();
      expect(await auditOf(userId)).toEqual([]);
    }
  });

  test('viewers who may not: anonymous UNAUTHENTICATED; MEMBER, CLIENT, OPS, API token FORBIDDEN; another office’s ADMIN finds nothing', async () => {
    const { office, admin, member, client, clientLogin, internal } = await officeSetUp();
    // The member even holds ADMINISTRATION_MANAGE there: still not an office ADMIN.
    await make.grant(member.id, internal.id, ['ADMINISTRATION_MANAGE', 'LEDGER_READ']);
    const target = await make.user({ officeId: office.id, officeRole: 'MEMBER' });
    const ops = await make.user({ kind: 'OPS' });
    const otherOffice = await make.office();
    const otherAdmin = await make.user({ officeId: otherOffice.id, officeRole: 'ADMIN' });
    // An API token of the ADMIN: administration permissions only, never office powers. A
    // JWT-format token (made before opaque tokens, decision 0017): its row says so.
    const jti = randomUUID();
    await sql(
      `INSERT INTO tenancy.api_tokens (id, user_id, name, token_hash, permissions, expires_at, format)
       VALUES ($1, $2, 'tool', $3, $4, now() + interval '1 day', 'JWT')`,
      [jti, admin.id, randomUUID(), [...PERMISSIONS]],
    );
    const apiToken = await signAccessToken({ sub: admin.id, jti }, TEST_JWT_SECRET);
    // Its row holds the token's hash, as every stored API token does.
    await sql(`UPDATE tenancy.api_tokens SET token_hash = $1 WHERE id = $2`, [
      createHash('sha256').update(apiToken).digest('hex'),
      jti,
    ]);

    const inputs = [
      { userId: target.id, administrationId: internal.id, permissions: ['LEDGER_READ'] },
      { userId: client.id, administrationId: clientLogin.id, permissions: ['INVOICING_READ'] },
    ];
    for (const input of inputs) {
      const anonymous = await setAccess(null, input);
      expect(anonymous.data ?? null).toBeNull();
      expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      for (const token of [
        await make.token(member.id),
        await make.token(client.id),
        await make.token(ops.id),
        apiToken,
      ]) {
        const r = await setAccess(token, input);
        expect(r.data ?? null).toBeNull();
        expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
      // Another office's ADMIN passes the role check, but this administration is not theirs.
      const foreign = await setAccess(await make.token(otherAdmin.id), input);
      expect(foreign.data!.setAccess.userErrors.map((e) => e.code)).toEqual([
        'ADMINISTRATION_NOT_FOUND',
      ]);
    }
    expect(await grantOf(target.id, internal.id)).toBeNull();
    expect(await grantOf(client.id, clientLogin.id)).toBeNull();
    expect(await auditOf(target.id)).toEqual([]);
    expect(await auditOf(client.id)).toEqual([]);
  });

  test('10 parallel calls: the final grant is one of the lists and the audit log is a chain', async () => {
    const { member, internal, adminToken } = await officeSetUp();
    // Ten different non-empty lists (bit masks 1..10 over the seven permissions).
    const lists = Array.from({ length: 10 }, (_, i) =>
      PERMISSIONS.filter((_p, bit) => ((i + 1) >> bit) & 1),
    );
    const results = await Promise.all(
      lists.map((permissions) =>
        setAccess(adminToken, {
          userId: member.id,
          administrationId: internal.id,
          permissions,
        }),
      ),
    );
    for (const r of results) {
      expect(r.errors).toBeUndefined();
      expect(r.data!.setAccess.userErrors).toEqual([]);
    }
    const final = await grantOf(member.id, internal.id);
    const sortedLists = lists.map((l) => [...l].sort());
    expect(sortedLists).toContainEqual(final);

    const audit = await auditOf(member.id);
    expect(audit).toHaveLength(10);
    expect(audit[0]!.permissions_before).toEqual([]);
    for (let i = 1; i < audit.length; i++) {
      expect(audit[i]!.permissions_before).toEqual(audit[i - 1]!.permissions_after);
    }
    expect(audit.at(-1)!.permissions_after).toEqual(final);
    expect(audit.map((a) => a.permissions_after).sort()).toEqual([...sortedLists].sort());
  });
});
