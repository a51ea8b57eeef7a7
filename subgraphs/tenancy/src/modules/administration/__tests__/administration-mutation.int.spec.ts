import { eventually } from '@kantoor/platform/testing';
import { type Factories } from '../../../../../../test/factories';
import { startTestSystemWithFactories, type TestSystem } from '../../../../../../test/system';

let system: TestSystem;
let make: Factories;

beforeAll(async () => ({ system, make } = await startTestSystemWithFactories()));
afterAll(() => system?.stop());

const FIELDS = 'id name kind modules clientModules vatFilingPeriod vatNumber kvkNumber archived';

const CREATE = `mutation($input: CreateAdministrationInput!) {
  createAdministration(input: $input) { administration { ${FIELDS} } userErrors { code field message } }
}`;
const UPDATE = `mutation($input: UpdateAdministrationInput!) {
  updateAdministration(input: $input) { administration { ${FIELDS} } userErrors { code field message } }
}`;
const ARCHIVE = `mutation($input: ArchiveAdministrationInput!) {
  archiveAdministration(input: $input) { administration { ${FIELDS} } userErrors { code field message } }
}`;
const ONE = `query($id: ID!) { administration(id: $id) { ${FIELDS} } }`;
const LIST = `query($filter: AdministrationFilter) {
  administrations(first: 50, filter: $filter) { totalCount edges { node { id archived } } }
}`;

interface AdministrationData {
  id: string;
  name: string;
  kind: string;
  modules: string[];
  clientModules: string[];
  vatFilingPeriod: string;
  vatNumber: string | null;
  kvkNumber: string | null;
  archived: boolean;
}
interface UserErrorData {
  code: string;
  field: string[] | null;
  message: string;
}
type Payload = { administration: AdministrationData | null; userErrors: UserErrorData[] };

function db() {
  return system.subgraphs.tenancy.runtime.dataSource;
}

async function create(token: string | null, input: Record<string, unknown>) {
  const r = await system.query<{ createAdministration: Payload }>(CREATE, {
    token,
    variables: { input },
  });
  return { r, payload: r.data?.createAdministration ?? null };
}
async function update(token: string | null, input: Record<string, unknown>) {
  const r = await system.query<{ updateAdministration: Payload }>(UPDATE, {
    token,
    variables: { input },
  });
  return { r, payload: r.data?.updateAdministration ?? null };
}
async function archive(token: string | null, input: Record<string, unknown>) {
  const r = await system.query<{ archiveAdministration: Payload }>(ARCHIVE, {
    token,
    variables: { input },
  });
  return { r, payload: r.data?.archiveAdministration ?? null };
}

function errorCode(r: { errors?: { extensions?: Record<string, unknown> }[] }): unknown {
  return r.errors?.[0]?.extensions?.code;
}

async function row(id: string) {
  const [r] = (await db().query(`SELECT * FROM tenancy.administrations WHERE id = $1`, [id])) as {
    office_id: string | null;
    owner_user_id: string | null;
    name: string;
    kind: string;
    modules: string[];
    client_modules: string[];
    vat_filing_period: string;
    vat_number: string | null;
    kvk_number: string | null;
    archived_at: Date | null;
  }[];
  return r;
}

async function countOfOffice(officeId: string): Promise<number> {
  const [r] = (await db().query(
    `SELECT count(*)::int AS n FROM tenancy.administrations WHERE office_id = $1`,
    [officeId],
  )) as { n: number }[];
  return r!.n;
}

async function officeWithAdmin() {
  const office = await make.office();
  const admin = await make.user({ officeId: office.id, officeRole: 'ADMIN' });
  return { office, admin, token: await make.token(admin.id) };
}

describe('createAdministration', () => {
  test('an office ADMIN creates an INTERNAL administration with the defaults; the ledger opens its books', async () => {
    const { office, token } = await officeWithAdmin();
    const chartTemplateId = '6f1c7a5e-1b2d-4c3e-9f00-000000000abc';
    const { r, payload } = await create(token, {
      name: '  Bakkerij Jansen  ',
      kind: 'INTERNAL',
      vatNumber: ' nl 0000.99998 b57 ',
      kvkNumber: '1234 5678',
      chartTemplateId,
    });
    expect(r.errors).toBeUndefined();
    expect(payload!.userErrors).toEqual([]);
    const created = payload!.administration!;
    expect(created).toMatchObject({
      name: 'Bakkerij Jansen',
      kind: 'INTERNAL',
      modules: ['LEDGER'],
      clientModules: [],
      vatFilingPeriod: 'QUARTER',
      vatNumber: 'NL000099998B57',
      kvkNumber: '12345678',
      archived: false,
    });
    expect(await row(created.id)).toMatchObject({
      office_id: office.id,
      owner_user_id: null,
      name: 'Bakkerij Jansen',
      modules: ['LEDGER'],
      client_modules: [],
      vat_number: 'NL000099998B57',
      kvk_number: '12345678',
      archived_at: null,
    });
    // The event the ledger consumes, with the chart template passed on.
    const [job] = (await db().query(
      `SELECT data FROM pgboss.job WHERE name = 'ledger.open-books' AND data->'payload'->>'administrationId' = $1`,
      [created.id],
    )) as { data: { type: string; payload: Record<string, unknown> } }[];
    expect(job!.data.type).toBe('administration.created');
    expect(job!.data.payload).toEqual({
      administrationId: created.id,
      officeId: office.id,
      ownerUserId: null,
      name: 'Bakkerij Jansen',
      kind: 'INTERNAL',
      modules: ['LEDGER'],
      clientModules: [],
      vatFilingPeriod: 'QUARTER',
      vatNumber: 'NL000099998B57',
      kvkNumber: '12345678',
      chartTemplateId,
    });
    // The ledger opens the books: the accounts appear through the gateway.
    const accounts = await eventually(
      async () => {
        const res = await system.query<{ administration: { accounts: { code: string }[] } }>(
          `query($id: ID!) { administration(id: $id) { accounts { code } } }`,
          { token, variables: { id: created.id } },
        );
        const list = res.data?.administration?.accounts;
        return list && list.length > 0 ? list : undefined;
      },
      { what: 'the ledger to open the books' },
    );
    expect(accounts.map((a) => a.code)).toContain('8000');
  });

  test('INTERNAL_WITH_CLIENT_LOGIN: LEDGER is added, modules are deduplicated and sorted', async () => {
    const { token } = await officeWithAdmin();
    const { payload } = await create(token, {
      name: 'Kapsalon Knip',
      kind: 'INTERNAL_WITH_CLIENT_LOGIN',
      modules: ['INVOICING', 'INVOICING'],
      clientModules: ['INVOICING', 'INVOICING'],
      vatFilingPeriod: 'MONTH',
      vatNumber: 'NL123456782B01',
    });
    expect(payload!.userErrors).toEqual([]);
    expect(payload!.administration).toMatchObject({
      kind: 'INTERNAL_WITH_CLIENT_LOGIN',
      modules: ['LEDGER', 'INVOICING'],
      clientModules: ['INVOICING'],
      vatFilingPeriod: 'MONTH',
      vatNumber: 'NL123456782B01',
      kvkNumber: null,
    });
    // An INTERNAL one asking for INVOICING only still gets LEDGER.
    const internal = await create(token, {
      name: 'Alleen facturen',
      kind: 'INTERNAL',
      modules: ['INVOICING'],
    });
    expect(internal.payload!.administration!.modules).toEqual(['LEDGER', 'INVOICING']);
  });

  test.each([
    ['EMPTY_NAME', { name: '   ', kind: 'INTERNAL' }, ['input', 'name']],
    ['KIND_NOT_ALLOWED', { name: 'X', kind: 'EXTERNAL' }, ['input', 'kind']],
    [
      'CLIENT_MODULES_NOT_ALLOWED',
      { name: 'X', kind: 'INTERNAL', clientModules: ['LEDGER'] },
      ['input', 'clientModules'],
    ],
    [
      'CLIENT_MODULES_REQUIRED',
      { name: 'X', kind: 'INTERNAL_WITH_CLIENT_LOGIN' },
      ['input', 'clientModules'],
    ],
    [
      'CLIENT_MODULES_REQUIRED',
      { name: 'X', kind: 'INTERNAL_WITH_CLIENT_LOGIN', clientModules: [] },
      ['input', 'clientModules'],
    ],
    [
      'CLIENT_MODULE_NOT_IN_MODULES',
      { name: 'X', kind: 'INTERNAL_WITH_CLIENT_LOGIN', clientModules: ['INVOICING'] },
      ['input', 'clientModules'],
    ],
    [
      'INVALID_VAT_NUMBER',
      { name: 'X', kind: 'INTERNAL', vatNumber: 'NL123456789B01' },
      ['input', 'vatNumber'],
    ],
    [
      'INVALID_VAT_NUMBER',
      { name: 'X', kind: 'INTERNAL', vatNumber: 'NL000099998B58' },
      ['input', 'vatNumber'],
    ],
    [
      'INVALID_VAT_NUMBER',
      { name: 'X', kind: 'INTERNAL', vatNumber: 'BE0123456789' },
      ['input', 'vatNumber'],
    ],
    [
      'INVALID_KVK_NUMBER',
      { name: 'X', kind: 'INTERNAL', kvkNumber: '1234567' },
      ['input', 'kvkNumber'],
    ],
    [
      'INVALID_CHART_TEMPLATE',
      { name: 'X', kind: 'INTERNAL', chartTemplateId: 'not-an-id' },
      ['input', 'chartTemplateId'],
    ],
  ])('userError %s; nothing is written', async (code, input, field) => {
    const { office, token } = await officeWithAdmin();
    const { r, payload } = await create(token, input);
    expect(r.errors).toBeUndefined();
    expect(payload!.administration).toBeNull();
    expect(payload!.userErrors).toEqual([{ code, field, message: expect.any(String) }]);
    expect(await countOfOffice(office.id)).toBe(0);
  });

  test('anonymous is UNAUTHENTICATED; MEMBER, CLIENT and OPS are FORBIDDEN; nothing is written', async () => {
    const office = await make.office();
    const member = await make.user({ officeId: office.id, officeRole: 'MEMBER' });
    const client = await make.user({ officeId: office.id, kind: 'CLIENT' });
    const ops = await make.user({ kind: 'OPS' });
    const input = { name: 'Niet toegestaan', kind: 'INTERNAL' };
    expect(errorCode((await create(null, input)).r)).toBe('UNAUTHENTICATED');
    for (const user of [member, client, ops]) {
      const { r, payload } = await create(await make.token(user.id), input);
      expect(payload).toBeNull();
      expect(errorCode(r)).toBe('FORBIDDEN');
    }
    expect(await countOfOffice(office.id)).toBe(0);
    const [named] = (await db().query(
      `SELECT count(*)::int AS n FROM tenancy.administrations WHERE name = 'Niet toegestaan'`,
    )) as { n: number }[];
    expect(named!.n).toBe(0);
  });
});

describe('updateAdministration', () => {
  test('changes the given fields, keeps the omitted ones, and null clears VAT and KvK numbers', async () => {
    const { office, token } = await officeWithAdmin();
    const a = await make.administration({ officeId: office.id, name: 'Oude naam' });
    const first = await update(token, {
      administrationId: a.id,
      name: ' Nieuwe naam ',
      modules: ['INVOICING'],
      vatFilingPeriod: 'YEAR',
      vatNumber: 'nl123456782b01',
      kvkNumber: '87654321',
    });
    expect(first.r.errors).toBeUndefined();
    expect(first.payload!.userErrors).toEqual([]);
    expect(first.payload!.administration).toMatchObject({
      id: a.id,
      name: 'Nieuwe naam',
      kind: 'INTERNAL',
      modules: ['LEDGER', 'INVOICING'],
      clientModules: [],
      vatFilingPeriod: 'YEAR',
      vatNumber: 'NL123456782B01',
      kvkNumber: '87654321',
    });
    const second = await update(token, {
      administrationId: a.id,
      vatNumber: null,
      kvkNumber: null,
    });
    expect(second.payload!.userErrors).toEqual([]);
    expect(await row(a.id)).toMatchObject({
      name: 'Nieuwe naam',
      modules: ['LEDGER', 'INVOICING'],
      vat_filing_period: 'YEAR',
      vat_number: null,
      kvk_number: null,
    });
    const read = await system.query<{ administration: AdministrationData }>(ONE, {
      token,
      variables: { id: a.id },
    });
    expect(read.data!.administration).toMatchObject({ name: 'Nieuwe naam', vatNumber: null });
  });

  test('client modules of INTERNAL_WITH_CLIENT_LOGIN stay a non-empty subset of modules', async () => {
    const { office, token } = await officeWithAdmin();
    const a = await make.administration({
      officeId: office.id,
      kind: 'INTERNAL_WITH_CLIENT_LOGIN',
      modules: ['LEDGER', 'INVOICING'],
      clientModules: ['INVOICING'],
    });
    const ok = await update(token, {
      administrationId: a.id,
      clientModules: ['LEDGER', 'INVOICING'],
    });
    expect(ok.payload!.administration!.clientModules).toEqual(['LEDGER', 'INVOICING']);
    const dropped = await update(token, { administrationId: a.id, modules: ['LEDGER'] });
    expect(dropped.payload!.userErrors).toEqual([
      {
        code: 'CLIENT_MODULE_NOT_IN_MODULES',
        field: ['input', 'modules'],
        message: expect.any(String),
      },
    ]);
    const empty = await update(token, { administrationId: a.id, clientModules: [] });
    expect(empty.payload!.userErrors.map((e) => e.code)).toEqual(['CLIENT_MODULES_REQUIRED']);
    // Both together are fine.
    const both = await update(token, {
      administrationId: a.id,
      modules: ['LEDGER'],
      clientModules: ['LEDGER'],
    });
    expect(both.payload!.administration).toMatchObject({
      modules: ['LEDGER'],
      clientModules: ['LEDGER'],
    });
  });

  test.each([
    ['EMPTY_NAME', { name: '' }],
    ['CLIENT_MODULES_NOT_ALLOWED', { clientModules: ['INVOICING'] }],
    ['INVALID_VAT_NUMBER', { vatNumber: 'NL123456789B01' }],
    ['INVALID_KVK_NUMBER', { kvkNumber: '12 34 56' }],
  ])('userError %s; nothing changes', async (code, changes) => {
    const { office, token } = await officeWithAdmin();
    const a = await make.administration({ officeId: office.id, modules: ['LEDGER', 'INVOICING'] });
    const before = await row(a.id);
    const { payload } = await update(token, { administrationId: a.id, name: 'Ander', ...changes });
    expect(payload!.administration).toBeNull();
    expect(payload!.userErrors.map((e) => e.code)).toEqual([code]);
    expect(await row(a.id)).toEqual(before);
  });

  test('an archived administration cannot be updated (ADMINISTRATION_ARCHIVED)', async () => {
    const { office, token } = await officeWithAdmin();
    const a = await make.administration({ officeId: office.id, name: 'Gearchiveerd' });
    await archive(token, { administrationId: a.id });
    const { payload } = await update(token, { administrationId: a.id, name: 'Toch anders' });
    expect(payload!.userErrors.map((e) => e.code)).toEqual(['ADMINISTRATION_ARCHIVED']);
    expect((await row(a.id))!.name).toBe('Gearchiveerd');
  });

  test('a MEMBER granted ADMINISTRATION_MANAGE may; without it, or as anyone else, FORBIDDEN and nothing changes', async () => {
    const office = await make.office();
    const a = await make.administration({ officeId: office.id, name: 'Ongewijzigd' });
    const manager = await make.user({ officeId: office.id, officeRole: 'MEMBER' });
    await make.grant(manager.id, a.id, ['ADMINISTRATION_MANAGE']);
    const writer = await make.user({ officeId: office.id, officeRole: 'MEMBER' });
    await make.grant(writer.id, a.id, ['LEDGER_READ', 'LEDGER_WRITE']);
    const member = await make.user({ officeId: office.id, officeRole: 'MEMBER' });
    const client = await make.user({ officeId: office.id, kind: 'CLIENT' });
    const ops = await make.user({ kind: 'OPS' });
    const other = await officeWithAdmin();

    expect(errorCode((await update(null, { administrationId: a.id, name: 'Y' })).r)).toBe(
      'UNAUTHENTICATED',
    );
    for (const user of [writer, member, client, ops]) {
      const { r, payload } = await update(await make.token(user.id), {
        administrationId: a.id,
        name: 'Y',
      });
      expect(payload).toBeNull();
      expect(errorCode(r)).toBe('FORBIDDEN');
    }
    // Another office's ADMIN: FORBIDDEN, whether the id exists or not (no difference visible).
    for (const id of [a.id, 'not-a-uuid', '00000000-0000-4000-8000-000000000000']) {
      const { r } = await update(other.token, { administrationId: id, name: 'Y' });
      expect(errorCode(r)).toBe('FORBIDDEN');
    }
    expect((await row(a.id))!.name).toBe('Ongewijzigd');

    const allowed = await update(await make.token(manager.id), {
      administrationId: a.id,
      name: 'Door beheerder',
    });
    expect(allowed.payload!.administration!.name).toBe('Door beheerder');
  });
});

describe('archiveAdministration', () => {
  test('archived administrations leave the list unless includeArchived; administration(id) still shows them', async () => {
    const { office, token } = await officeWithAdmin();
    const kept = await make.administration({ officeId: office.id, name: 'A actief' });
    const gone = await make.administration({ officeId: office.id, name: 'B archief' });
    const { r, payload } = await archive(token, { administrationId: gone.id });
    expect(r.errors).toBeUndefined();
    expect(payload!.userErrors).toEqual([]);
    expect(payload!.administration).toMatchObject({ id: gone.id, archived: true });
    expect((await row(gone.id))!.archived_at).not.toBeNull();

    type ListData = {
      administrations: { totalCount: number; edges: { node: { id: string; archived: boolean } }[] };
    };
    const active = await system.query<ListData>(LIST, { token });
    expect(active.data!.administrations.totalCount).toBe(1);
    expect(active.data!.administrations.edges.map((e) => e.node.id)).toEqual([kept.id]);
    const all = await system.query<ListData>(LIST, {
      token,
      variables: { filter: { includeArchived: true } },
    });
    expect(all.data!.administrations.edges.map((e) => e.node)).toEqual([
      { id: kept.id, archived: false },
      { id: gone.id, archived: true },
    ]);
    const one = await system.query<{ administration: AdministrationData }>(ONE, {
      token,
      variables: { id: gone.id },
    });
    expect(one.data!.administration).toMatchObject({ id: gone.id, archived: true });

    // Archiving again changes nothing; archived: false brings it back.
    const again = await archive(token, { administrationId: gone.id, archived: true });
    expect(again.payload!.administration!.archived).toBe(true);
    const back = await archive(token, { administrationId: gone.id, archived: false });
    expect(back.payload!.administration!.archived).toBe(false);
    expect((await row(gone.id))!.archived_at).toBeNull();
    const listed = await system.query<ListData>(LIST, { token });
    expect(listed.data!.administrations.totalCount).toBe(2);
  });

  test('without ADMINISTRATION_MANAGE: FORBIDDEN and nothing changes', async () => {
    const office = await make.office();
    const a = await make.administration({ officeId: office.id });
    const writer = await make.user({ officeId: office.id, officeRole: 'MEMBER' });
    await make.grant(writer.id, a.id, ['LEDGER_WRITE', 'LEDGER_READ']);
    const client = await make.user({ officeId: office.id, kind: 'CLIENT' });
    const ops = await make.user({ kind: 'OPS' });
    const other = await officeWithAdmin();
    expect(errorCode((await archive(null, { administrationId: a.id })).r)).toBe('UNAUTHENTICATED');
    for (const token of [
      await make.token(writer.id),
      await make.token(client.id),
      await make.token(ops.id),
      other.token,
    ]) {
      const { r, payload } = await archive(token, { administrationId: a.id });
      expect(payload).toBeNull();
      expect(errorCode(r)).toBe('FORBIDDEN');
    }
    expect((await row(a.id))!.archived_at).toBeNull();
  });
});
