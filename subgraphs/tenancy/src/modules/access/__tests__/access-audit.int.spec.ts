import { type Factories } from '../../../../../../test/factories';
import { startTestSystemWithFactories, type TestSystem } from '../../../../../../test/system';

let system: TestSystem;
let make: Factories;

beforeAll(async () => ({ system, make } = await startTestSystemWithFactories()));
afterAll(() => system?.stop());

const SET_ACCESS = `mutation($input: SetAccessInput!) {
  setAccess(input: $input) { permissions userErrors { code } }
}`;

const AUDIT = `query($first: Int, $after: String, $administrationId: ID) {
  me { office { id accessAudit(first: $first, after: $after, administrationId: $administrationId) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor node {
      administrationId action permissionsBefore permissionsAfter changedAt
      user { id name } changedBy { id }
    } }
  } } }
}`;

interface AuditNode {
  administrationId: string;
  action: string;
  permissionsBefore: string[];
  permissionsAfter: string[];
  changedAt: string;
  user: { id: string; name: string } | null;
  changedBy: { id: string } | null;
}
interface AuditData {
  me: {
    office: {
      id: string;
      accessAudit: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
        edges: { cursor: string; node: AuditNode }[];
      } | null;
    } | null;
  };
}

async function setAccess(
  token: string,
  input: { userId: string; administrationId: string; permissions: string[] },
) {
  const r = await system.query<{ setAccess: { userErrors: unknown[] } }>(SET_ACCESS, {
    token,
    variables: { input },
  });
  expect(r.errors).toBeUndefined();
  expect(r.data!.setAccess.userErrors).toEqual([]);
}

/** An office whose ADMIN made three changes for a member in one administration. */
async function officeWithThreeChanges() {
  const office = await make.office();
  const admin = await make.user({ officeId: office.id, officeRole: 'ADMIN' });
  const member = await make.user({ officeId: office.id, officeRole: 'MEMBER', name: 'Bert' });
  const administration = await make.administration({ officeId: office.id });
  const adminToken = await make.token(admin.id);
  const input = { userId: member.id, administrationId: administration.id };
  await setAccess(adminToken, { ...input, permissions: ['LEDGER_READ'] });
  await setAccess(adminToken, { ...input, permissions: ['LEDGER_WRITE', 'LEDGER_READ'] });
  await setAccess(adminToken, { ...input, permissions: [] });
  return { office, admin, member, administration, adminToken };
}

describe('Office.accessAudit', () => {
  test('newest first, keyset-paginated: first 2, then after', async () => {
    const { office, admin, member, administration, adminToken } = await officeWithThreeChanges();
    const page1 = await system.query<AuditData>(AUDIT, {
      token: adminToken,
      variables: { first: 2 },
    });
    expect(page1.errors).toBeUndefined();
    const audit1 = page1.data!.me.office!.accessAudit!;
    expect(page1.data!.me.office!.id).toBe(office.id);
    expect(audit1.totalCount).toBe(3);
    expect(audit1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(audit1.edges.map((e) => e.node)).toEqual([
      {
        administrationId: administration.id,
        action: 'REVOKE',
        permissionsBefore: ['LEDGER_READ', 'LEDGER_WRITE'],
        permissionsAfter: [],
        changedAt: expect.any(String),
        user: { id: member.id, name: 'Bert' },
        changedBy: { id: admin.id },
      },
      expect.objectContaining({
        action: 'SET',
        permissionsBefore: ['LEDGER_READ'],
        permissionsAfter: ['LEDGER_READ', 'LEDGER_WRITE'],
      }),
    ]);
    const [newest, older] = audit1.edges.map((e) => Date.parse(e.node.changedAt));
    expect(newest).toBeGreaterThanOrEqual(older!);

    const page2 = await system.query<AuditData>(AUDIT, {
      token: adminToken,
      variables: { first: 2, after: audit1.pageInfo.endCursor },
    });
    const audit2 = page2.data!.me.office!.accessAudit!;
    expect(audit2.totalCount).toBe(3);
    expect(audit2.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(audit2.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({
        action: 'SET',
        permissionsBefore: [],
        permissionsAfter: ['LEDGER_READ'],
        user: { id: member.id, name: 'Bert' },
      }),
    ]);
  });

  test('filtered by administration; an unknown or non-uuid administration gives an empty page', async () => {
    const { office, member, administration, adminToken } = await officeWithThreeChanges();
    const second = await make.administration({ officeId: office.id });
    await setAccess(adminToken, {
      userId: member.id,
      administrationId: second.id,
      permissions: ['VAT_READ'],
    });
    const all = await system.query<AuditData>(AUDIT, { token: adminToken });
    expect(all.data!.me.office!.accessAudit!.totalCount).toBe(4);
    const one = await system.query<AuditData>(AUDIT, {
      token: adminToken,
      variables: { administrationId: second.id },
    });
    expect(one.data!.me.office!.accessAudit!.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({ administrationId: second.id, permissionsAfter: ['VAT_READ'] }),
    ]);
    const first = await system.query<AuditData>(AUDIT, {
      token: adminToken,
      variables: { administrationId: administration.id },
    });
    expect(first.data!.me.office!.accessAudit!.totalCount).toBe(3);
    const nonsense = await system.query<AuditData>(AUDIT, {
      token: adminToken,
      variables: { administrationId: 'not-a-uuid' },
    });
    expect(nonsense.errors).toBeUndefined();
    expect(nonsense.data!.me.office!.accessAudit).toMatchObject({ totalCount: 0, edges: [] });
  });

  test('another office’s changes are not listed; a bad cursor is BAD_USER_INPUT', async () => {
    await officeWithThreeChanges();
    const office = await make.office();
    const admin = await make.user({ officeId: office.id, officeRole: 'ADMIN' });
    const token = await make.token(admin.id);
    const r = await system.query<AuditData>(AUDIT, { token });
    expect(r.data!.me.office!.accessAudit).toMatchObject({ totalCount: 0, edges: [] });
    for (const after of ['garbage', Buffer.from('["x","1"]').toString('base64url')]) {
      const bad = await system.query<AuditData>(AUDIT, { token, variables: { after } });
      expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  test('viewers who may not: anonymous UNAUTHENTICATED; MEMBER, CLIENT, OPS, another office’s ADMIN FORBIDDEN', async () => {
    const { office, member } = await officeWithThreeChanges();
    const client = await make.user({ officeId: office.id, kind: 'CLIENT' });

    const anonymous = await system.query<AuditData>(AUDIT);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    for (const user of [member, client]) {
      const r = await system.query<AuditData>(AUDIT, { token: await make.token(user.id) });
      expect(r.data!.me.office).toMatchObject({ id: office.id, accessAudit: null });
      expect(r.errors!.map((e) => [e.path, e.extensions?.code])).toEqual([
        [['me', 'office', 'accessAudit'], 'FORBIDDEN'],
      ]);
    }

    // OPS reach offices through `offices`, but not their access log.
    const ops = await make.user({ kind: 'OPS' });
    const opsView = await system.query<{
      offices: { edges: { node: { id: string; accessAudit: unknown } }[] } | null;
    }>(`{ offices(first: 500) { edges { node { id accessAudit { totalCount } } } } }`, {
      token: await make.token(ops.id),
    });
    const mine = opsView.data!.offices!.edges.find((e) => e.node.id === office.id);
    expect(mine!.node.accessAudit).toBeNull();
    expect(opsView.errors!.every((e) => e.extensions?.code === 'FORBIDDEN')).toBe(true);
    expect(opsView.errors!.length).toBeGreaterThan(0);

    // Another office's ADMIN, reaching this Office as an entity (the rule guards _entities too).
    const other = await make.office();
    const otherAdmin = await make.user({ officeId: other.id, officeRole: 'ADMIN' });
    const entities = await system.subgraphs.tenancy.query<{
      _entities: ({ accessAudit: unknown } | null)[];
    }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Office { accessAudit { totalCount } } } }`,
      {
        token: await make.token(otherAdmin.id),
        variables: { r: [{ __typename: 'Office', id: office.id }] },
      },
    );
    expect(entities.data!._entities).toEqual([{ accessAudit: null }]);
    expect(entities.errors!.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });
});
