import { PERMISSIONS } from '@kantoor/platform';
import { type Factories } from '../../../../../../test/factories';
import { startTestSystemWithFactories, type TestSystem } from '../../../../../../test/system';

let system: TestSystem;
let make: Factories;

beforeAll(async () => ({ system, make } = await startTestSystemWithFactories()));
afterAll(() => system?.stop());

const ACCESS = `query($id: ID!) {
  administration(id: $id) { id name access { user { id name } permissions viaOfficeRole } }
}`;

interface Entry {
  user: { id: string; name: string };
  permissions: string[];
  viaOfficeRole: boolean;
}
interface AccessData {
  administration: { id: string; name: string; access: Entry[] | null } | null;
}

const ALL = [...PERMISSIONS].sort();

/** An office with two ADMINs, granted staff and a client, and one member without a grant. */
async function officeWithAccess() {
  const office = await make.office();
  const zoe = await make.user({ officeId: office.id, officeRole: 'ADMIN', name: 'Zoë Admin' });
  const anna = await make.user({ officeId: office.id, officeRole: 'ADMIN', name: 'anna Admin' });
  const bert = await make.user({ officeId: office.id, officeRole: 'MEMBER', name: 'Bert' });
  const carla = await make.user({ officeId: office.id, kind: 'CLIENT', name: 'Carla Klant' });
  const dirk = await make.user({ officeId: office.id, officeRole: 'MEMBER', name: 'Dirk' });
  const administration = await make.administration({
    officeId: office.id,
    kind: 'INTERNAL_WITH_CLIENT_LOGIN',
    modules: ['LEDGER', 'INVOICING'],
    clientModules: ['INVOICING'],
  });
  await make.grant(bert.id, administration.id, ['VAT_READ', 'LEDGER_READ']);
  // A client grant is cut to the client modules: only INVOICING_READ is effective.
  await make.grant(carla.id, administration.id, ['INVOICING_READ', 'LEDGER_READ']);
  return { office, zoe, anna, bert, carla, dirk, administration };
}

describe('Administration.access', () => {
  test('who has what, ordered by name; ADMINs via their office role', async () => {
    const { zoe, anna, bert, carla, administration } = await officeWithAccess();
    const r = await system.query<AccessData>(ACCESS, {
      token: await make.token(anna.id),
      variables: { id: administration.id },
    });
    expect(r.errors).toBeUndefined();
    expect(r.data!.administration!.access).toEqual([
      { user: { id: anna.id, name: 'anna Admin' }, permissions: ALL, viaOfficeRole: true },
      {
        user: { id: bert.id, name: 'Bert' },
        permissions: ['LEDGER_READ', 'VAT_READ'],
        viaOfficeRole: false,
      },
      {
        user: { id: carla.id, name: 'Carla Klant' },
        permissions: ['INVOICING_READ'],
        viaOfficeRole: false,
      },
      { user: { id: zoe.id, name: 'Zoë Admin' }, permissions: ALL, viaOfficeRole: true },
    ]);
  });

  test('a change through setAccess shows on the next request; a list of administrations loads together', async () => {
    const { anna, bert, dirk, office, administration } = await officeWithAccess();
    const second = await make.administration({ officeId: office.id, name: 'Zzz Tweede' });
    const token = await make.token(anna.id);
    const set = await system.query<{ setAccess: { userErrors: unknown[] } }>(
      `mutation($input: SetAccessInput!) { setAccess(input: $input) { userErrors { code } } }`,
      {
        token,
        variables: {
          input: { userId: bert.id, administrationId: administration.id, permissions: [] },
        },
      },
    );
    expect(set.data!.setAccess.userErrors).toEqual([]);
    await make.grant(dirk.id, second.id, ['LEDGER_READ']);
    const list = await system.query<{
      administrations: { edges: { node: { id: string; access: Entry[] | null } }[] };
    }>(`{ administrations { edges { node { id access { user { name } permissions } } } } }`, {
      token,
    });
    expect(list.errors).toBeUndefined();
    const byId = new Map(
      list.data!.administrations.edges.map((e) => [
        e.node.id,
        e.node.access!.map((a) => [a.user.name, a.permissions]),
      ]),
    );
    expect(byId.get(administration.id)).toEqual([
      ['anna Admin', ALL],
      ['Carla Klant', ['INVOICING_READ']],
      ['Zoë Admin', ALL],
    ]);
    expect(byId.get(second.id)).toEqual([
      ['anna Admin', ALL],
      ['Dirk', ['LEDGER_READ']],
      ['Zoë Admin', ALL],
    ]);
  });

  test('viewers who may not: MEMBER and CLIENT FORBIDDEN (the rest arrives); others cannot open it', async () => {
    const { bert, carla, administration } = await officeWithAccess();
    for (const user of [bert, carla]) {
      const r = await system.query<AccessData>(ACCESS, {
        token: await make.token(user.id),
        variables: { id: administration.id },
      });
      expect(r.data!.administration).toEqual({
        id: administration.id,
        name: administration.name,
        access: null,
      });
      expect(r.errors!.map((e) => [e.path, e.extensions?.code])).toEqual([
        [['administration', 'access'], 'FORBIDDEN'],
      ]);
    }

    const anonymous = await system.query<AccessData>(ACCESS, {
      variables: { id: administration.id },
    });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const other = await make.office();
    const otherAdmin = await make.user({ officeId: other.id, officeRole: 'ADMIN' });
    const ops = await make.user({ kind: 'OPS' });
    for (const user of [otherAdmin, ops]) {
      const r = await system.query<AccessData>(ACCESS, {
        token: await make.token(user.id),
        variables: { id: administration.id },
      });
      expect(r.data).toEqual({ administration: null });
    }

    // Even as an entity, the field rule refuses another office's ADMIN.
    const entities = await system.subgraphs.tenancy.query<{ _entities: unknown[] }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Administration { access { permissions } } } }`,
      {
        token: await make.token(otherAdmin.id),
        variables: { r: [{ __typename: 'Administration', id: administration.id }] },
      },
    );
    expect(entities.data!._entities).toEqual([null]);
  });
});
