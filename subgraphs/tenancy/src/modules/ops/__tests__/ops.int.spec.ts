import { Factories } from '../../../../../../test/factories';
import { startTestSystem, type TestSystem } from '../../../../../../test/system';
import { OpsService } from '../ops.service';

let system: TestSystem;
let make: Factories;
let opsToken: string;

beforeAll(async () => {
  system = await startTestSystem();
  make = new Factories(
    system.subgraphs.tenancy.runtime.dataSource,
    system.subgraphs.tenancy.runtime.events,
  );
  const ops = await make.user({ kind: 'OPS' });
  opsToken = await make.token(ops.id);
});
afterAll(async () => {
  await system?.stop();
});

const OFFICES = `query($first: Int, $after: String, $search: String) {
  offices(first: $first, after: $after, search: $search) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id name suspended usage { staffUsers clientUsers internalAdministrations clientLoginAdministrations externalAdministrations } } }
  }
}`;
const SUSPEND = `mutation($input: SuspendOfficeInput!) {
  suspendOffice(input: $input) { office { id suspended } userErrors { field code message } }
}`;

interface OfficesData {
  offices: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: {
      node: { id: string; name: string; suspended: boolean; usage: Record<string, number> };
    }[];
  } | null;
}

async function officeWithPeople(name: string) {
  const office = await make.office(name);
  const admin = await make.user({ officeId: office.id, officeRole: 'ADMIN' });
  const member = await make.user({ officeId: office.id, officeRole: 'MEMBER' });
  const client = await make.user({ officeId: office.id, kind: 'CLIENT' });
  return { office, admin, member, client };
}

describe('offices (OPS only)', () => {
  test('ops list and search offices with usage counts, keyset-paginated', async () => {
    const tag = `Zoek${Date.now()}`;
    const a = await officeWithPeople(`${tag} Alpha`);
    await make.administration({ officeId: a.office.id });
    await make.administration({
      officeId: a.office.id,
      kind: 'INTERNAL_WITH_CLIENT_LOGIN',
      clientModules: ['LEDGER'],
    });
    await officeWithPeople(`${tag} Beta`);
    await officeWithPeople(`${tag} Gamma`);

    const first = await system.query<OfficesData>(OFFICES, {
      token: opsToken,
      variables: { first: 2, search: tag.toLowerCase() },
    });
    expect(first.errors).toBeUndefined();
    expect(first.data!.offices!.totalCount).toBe(3);
    expect(first.data!.offices!.edges.map((e) => e.node.name)).toEqual([
      `${tag} Alpha`,
      `${tag} Beta`,
    ]);
    expect(first.data!.offices!.pageInfo.hasNextPage).toBe(true);
    expect(first.data!.offices!.edges[0]!.node.usage).toEqual({
      staffUsers: 2,
      clientUsers: 1,
      internalAdministrations: 1,
      clientLoginAdministrations: 1,
      externalAdministrations: 0,
    });
    const second = await system.query<OfficesData>(OFFICES, {
      token: opsToken,
      variables: { first: 2, search: tag, after: first.data!.offices!.pageInfo.endCursor },
    });
    expect(second.data!.offices!.edges.map((e) => e.node.name)).toEqual([`${tag} Gamma`]);
    expect(second.data!.offices!.pageInfo.hasNextPage).toBe(false);
  });

  test('office staff and clients get FORBIDDEN; anonymous UNAUTHENTICATED', async () => {
    const { admin, member, client } = await officeWithPeople('Geen Ops BV');
    for (const user of [admin, member, client]) {
      const r = await system.query<OfficesData>(OFFICES, { token: await make.token(user.id) });
      expect(r.data?.offices ?? null).toBeNull();
      expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const anonymous = await system.query<OfficesData>(OFFICES);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('an office ADMIN sees its own usage but not `suspended`; a MEMBER sees neither', async () => {
    const { office, admin, member } = await officeWithPeople('Eigen Gebruik BV');
    const q = `{ me { office { id name usage { staffUsers } suspended } } }`;
    const asAdmin = await system.query<{
      me: { office: { usage: { staffUsers: number } | null; suspended: boolean | null } };
    }>(q, { token: await make.token(admin.id) });
    expect(asAdmin.data!.me.office).toMatchObject({
      id: office.id,
      usage: { staffUsers: 2 },
      suspended: null,
    });
    expect(asAdmin.errors?.map((e) => [e.path?.at(-1), e.extensions?.code])).toEqual([
      ['suspended', 'FORBIDDEN'],
    ]);
    const asMember = await system.query<{ me: { office: { usage: unknown; suspended: unknown } } }>(
      q,
      {
        token: await make.token(member.id),
      },
    );
    expect(asMember.data!.me.office).toMatchObject({ id: office.id, usage: null, suspended: null });
    expect(asMember.errors).toHaveLength(2);
  });
});

describe('suspendOffice (OPS only)', () => {
  test("suspends: the office's users are refused on their next request; reinstating lets them back", async () => {
    const { office, admin } = await officeWithPeople('Te Schorsen BV');
    const adminToken = await make.token(admin.id);
    expect((await system.query('{ me { id } }', { token: adminToken })).data).toEqual({
      me: { id: admin.id },
    });

    const r = await system.query<{
      suspendOffice: { office: { suspended: boolean }; userErrors: unknown[] };
    }>(SUSPEND, {
      token: opsToken,
      variables: { input: { officeId: office.id, suspended: true } },
    });
    expect(r.data!.suspendOffice).toEqual({
      office: { id: office.id, suspended: true },
      userErrors: [],
    });
    const refused = await system.query('{ me { id } }', { token: adminToken });
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    // Idempotent: suspending again changes nothing and reports no error.
    const again = await system.query<{ suspendOffice: { office: { suspended: boolean } } }>(
      SUSPEND,
      {
        token: opsToken,
        variables: { input: { officeId: office.id, suspended: true } },
      },
    );
    expect(again.data!.suspendOffice.office.suspended).toBe(true);

    await system.query(SUSPEND, {
      token: opsToken,
      variables: { input: { officeId: office.id, suspended: false } },
    });
    expect((await system.query('{ me { id } }', { token: adminToken })).data).toEqual({
      me: { id: admin.id },
    });
  });

  test('an unknown or malformed office id is a userError OFFICE_NOT_FOUND', async () => {
    for (const officeId of ['00000000-0000-4000-8000-00000000abcd', 'not-a-uuid']) {
      const r = await system.query<{
        suspendOffice: { office: unknown; userErrors: { field: string[]; code: string }[] };
      }>(SUSPEND, { token: opsToken, variables: { input: { officeId, suspended: true } } });
      expect(r.data!.suspendOffice.office).toBeNull();
      expect(r.data!.suspendOffice.userErrors).toEqual([
        { field: ['input', 'officeId'], code: 'OFFICE_NOT_FOUND', message: 'No such office.' },
      ]);
    }
  });

  test('office ADMINs, members and clients cannot suspend anything (FORBIDDEN, nothing changes)', async () => {
    const { office, admin, member, client } = await officeWithPeople('Niet Schorsbaar BV');
    for (const user of [admin, member, client]) {
      const r = await system.query(SUSPEND, {
        token: await make.token(user.id),
        variables: { input: { officeId: office.id, suspended: true } },
      });
      expect(r.data ?? null).toBeNull();
      expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const anonymous = await system.query(SUSPEND, {
      variables: { input: { officeId: office.id, suspended: true } },
    });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const [row] = await system.subgraphs.tenancy.runtime.dataSource.query(
      'SELECT suspended_at FROM tenancy.offices WHERE id = $1',
      [office.id],
    );
    expect(row.suspended_at).toBeNull();
  });
});

describe('ops never gain rights on books', () => {
  test('an OPS user cannot open any administration nor read its ledger', async () => {
    const { office } = await officeWithPeople('Boeken Dicht BV');
    const a = await make.administration({ officeId: office.id });
    const one = await system.query(`query($id: ID!) { administration(id: $id) { id } }`, {
      token: opsToken,
      variables: { id: a.id },
    });
    expect(one.data).toEqual({ administration: null });
    const list = await system.query<{ administrations: { totalCount: number } }>(
      '{ administrations { totalCount } }',
      {
        token: opsToken,
      },
    );
    expect(list.data!.administrations.totalCount).toBe(0);
    const entities = await system.subgraphs.ledger.query(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Administration { accounts { code } } } }`,
      { token: opsToken, variables: { r: [{ __typename: 'Administration', id: a.id }] } },
    );
    expect(entities.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('the OPS user from configuration', () => {
  test('is created, then updated, and never takes over a non-OPS email', async () => {
    const runtime = system.subgraphs.tenancy.runtime;
    const email = `ops-${Date.now()}@kantoor.test`;
    const withConfig = (password: string, address = email) =>
      new OpsService({
        ...runtime,
        config: { ...runtime.config, KANTOOR_OPS_EMAIL: address, KANTOOR_OPS_PASSWORD: password },
      });
    expect(await withConfig('first-password-123').ensureOpsUser()).toBe('created');
    expect(await withConfig('second-password-456').ensureOpsUser()).toBe('updated');
    const rows = await runtime.dataSource.query(
      `SELECT kind, office_id FROM tenancy.users WHERE lower(email) = lower($1)`,
      [email],
    );
    expect(rows).toEqual([{ kind: 'OPS', office_id: null }]);
    const staff = await make.user({ officeId: (await make.office()).id, officeRole: 'ADMIN' });
    expect(await withConfig('third-password-789', staff.email).ensureOpsUser()).toBe('conflict');
    const [kept] = await runtime.dataSource.query(`SELECT kind FROM tenancy.users WHERE id = $1`, [
      staff.id,
    ]);
    expect(kept.kind).toBe('STAFF');
    expect(
      await new OpsService({
        ...runtime,
        config: { ...runtime.config, KANTOOR_OPS_EMAIL: undefined },
      }).ensureOpsUser(),
    ).toBe('skipped');
  });
});
