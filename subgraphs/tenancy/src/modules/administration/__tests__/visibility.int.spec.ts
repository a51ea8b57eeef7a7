/**
 * The list's visibility predicate and the dashboard's per-administration permissions are two
 * SQL shapes of one rule (visibility.sql.ts). Both must agree with tenancy.effective_permissions,
 * the published definition, for every kind of viewer: checked here on real rows.
 */
import { freezeViewer, PERMISSIONS, type Permission, type UserViewer } from '@kantoor/platform';
import { type Factories } from '../../../../../../test/factories';
import { startTestSystemWithFactories, type TestSystem } from '../../../../../../test/system';
import { AdministrationEntity } from '../administration.entity';
import { permissionsLateralSql, permissionsSelectSql, visibleSql } from '../visibility.sql';

let system: TestSystem;
let make: Factories;

beforeAll(async () => ({ system, make } = await startTestSystemWithFactories()));
afterAll(() => system?.stop());

const db = () => system.subgraphs.tenancy.runtime.dataSource;

/** What the view says: administration id -> permissions, cut to the scope (none dropped). */
async function fromView(viewer: UserViewer): Promise<Map<string, Set<string>>> {
  const rows: { id: string; permission: string }[] = await db().query(
    `SELECT administration_id::text AS id, permission FROM tenancy.effective_permissions WHERE user_id = $1`,
    [viewer.userId],
  );
  const out = new Map<string, Set<string>>();
  for (const r of rows) {
    if (viewer.scope && !viewer.scope.has(r.permission as Permission)) continue;
    if (!out.has(r.id)) out.set(r.id, new Set());
    out.get(r.id)!.add(r.permission);
  }
  return out;
}

async function visible(viewer: UserViewer): Promise<string[]> {
  const { where, params } = visibleSql(viewer);
  const rows = await db()
    .getRepository(AdministrationEntity)
    .createQueryBuilder('a')
    .select('a.id', 'id')
    .where(where, params)
    .getRawMany<{ id: string }>();
  return rows.map((r) => r.id).sort();
}

/** The lateral's permissions for these administrations, cut to the scope as the dashboard does. */
async function lateral(viewer: UserViewer, ids: string[]): Promise<Map<string, Set<string>>> {
  const params: unknown[] = [ids];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const join = permissionsLateralSql(viewer, param);
  const rows: { id: string; permissions: string[] | null }[] = await db().query(
    `SELECT v.id::text AS id, gp.permissions FROM (SELECT unnest(CAST($1 AS uuid[])) AS id) v ${join}`,
    params,
  );
  return new Map(
    rows.map((r) => [
      r.id,
      new Set(
        (r.permissions ?? []).filter((p) => !viewer.scope || viewer.scope.has(p as Permission)),
      ),
    ]),
  );
}

/** The page's select expression for these administrations, cut to the scope like the loader. */
async function selected(viewer: UserViewer, ids: string[]): Promise<Map<string, Set<string>>> {
  const { sql, params } = permissionsSelectSql(viewer);
  const rows = await db()
    .getRepository(AdministrationEntity)
    .createQueryBuilder('a')
    .select('a.id', 'id')
    .addSelect(sql, 'permissions')
    .where('a.id = ANY(CAST(:ids AS uuid[]))', { ids })
    .setParameters(params)
    .getRawMany<{ id: string; permissions: string | null }>();
  return new Map(
    rows.map((r) => [
      r.id,
      new Set(
        (r.permissions?.split(',') ?? []).filter(
          (p) => !viewer.scope || viewer.scope.has(p as Permission),
        ),
      ),
    ]),
  );
}

const sorted = (s: Set<string> | undefined) => [...(s ?? [])].sort();

test('every kind of viewer: the visibility predicate and the lateral permissions equal effective_permissions', async () => {
  const office = await make.office();
  const other = await make.office();
  const a1 = await make.administration({ officeId: office.id });
  const a2 = await make.administration({ officeId: office.id, modules: ['LEDGER', 'INVOICING'] });
  const a3 = await make.administration({
    officeId: office.id,
    kind: 'INTERNAL_WITH_CLIENT_LOGIN',
    modules: ['LEDGER', 'INVOICING', 'VAT'],
    clientModules: ['INVOICING'],
  });
  const elsewhere = await make.administration({ officeId: other.id });
  const admin = await make.user({ officeId: office.id, officeRole: 'ADMIN' });
  const member = await make.user({ officeId: office.id, officeRole: 'MEMBER' });
  await make.grant(member.id, a1.id, ['LEDGER_READ']);
  await make.grant(member.id, a2.id, ['INVOICING_READ', 'INVOICING_WRITE']);
  const client = await make.user({ officeId: office.id, kind: 'CLIENT' });
  await make.grant(client.id, a3.id, ['INVOICING_READ']);
  const otherAdmin = await make.user({ officeId: other.id, officeRole: 'ADMIN' });
  const ops = await make.user({ kind: 'OPS' });

  const viewer = (
    user: { id: string },
    userKind: UserViewer['userKind'],
    officeId: string | null,
    officeRole: UserViewer['officeRole'],
    scope: Permission[] | null = null,
  ) =>
    freezeViewer({
      userId: user.id,
      userKind,
      officeId,
      officeRole,
      scope: scope ? new Set(scope) : null,
      sessionId: null,
      apiTokenId: scope ? 'token' : null,
    });
  const viewers: [string, UserViewer][] = [
    ['office ADMIN', viewer(admin, 'STAFF', office.id, 'ADMIN')],
    [
      'office ADMIN, token scoped to VAT_READ',
      viewer(admin, 'STAFF', office.id, 'ADMIN', ['VAT_READ']),
    ],
    ['MEMBER', viewer(member, 'STAFF', office.id, 'MEMBER')],
    [
      'MEMBER, token scoped to LEDGER_READ',
      viewer(member, 'STAFF', office.id, 'MEMBER', ['LEDGER_READ']),
    ],
    ['CLIENT', viewer(client, 'CLIENT', null, null)],
    ['CLIENT, token scoped to LEDGER_READ', viewer(client, 'CLIENT', null, null, ['LEDGER_READ'])],
    ["another office's ADMIN", viewer(otherAdmin, 'STAFF', other.id, 'ADMIN')],
    ['OPS', viewer(ops, 'OPS', null, null)],
  ];
  const all = [a1.id, a2.id, a3.id, elsewhere.id];

  const seen: Record<string, string[]> = {};
  for (const [who, v] of viewers) {
    const view = await fromView(v);
    expect({ who, visible: await visible(v) }).toEqual({ who, visible: [...view.keys()].sort() });
    const perms = await lateral(v, all);
    const inPage = await selected(v, all);
    for (const id of view.keys()) {
      expect({ who, id, permissions: sorted(perms.get(id)) }).toEqual({
        who,
        id,
        permissions: sorted(view.get(id)),
      });
      expect({ who, id, inPage: sorted(inPage.get(id)) }).toEqual({
        who,
        id,
        inPage: sorted(view.get(id)),
      });
    }
    seen[who] = [...view.keys()].sort();
  }
  // The cases are not vacuous: each kind of viewer sees what the permission model says.
  expect(seen['office ADMIN']).toEqual([a1.id, a2.id, a3.id].sort());
  expect(sorted((await selected(viewers[0]![1], [a1.id])).get(a1.id))).toEqual(
    [...PERMISSIONS].sort(),
  );
  expect(sorted(await lateral(viewers[0]![1], [a1.id]).then((m) => m.get(a1.id)))).toEqual(
    [...PERMISSIONS].sort(),
  );
  expect(seen['MEMBER']).toEqual([a1.id, a2.id].sort());
  expect(seen['MEMBER, token scoped to LEDGER_READ']).toEqual([a1.id]);
  expect(seen['CLIENT']).toEqual([a3.id]);
  expect(seen['CLIENT, token scoped to LEDGER_READ']).toEqual([]);
  expect(seen["another office's ADMIN"]).toEqual([elsewhere.id]);
  expect(seen['OPS']).toEqual([]);
});
