import { createHash, randomUUID } from 'node:crypto';
import { type Factories } from '../../../../../../test/factories';
import { startTestSystemWithFactories, type TestSystem } from '../../../../../../test/system';

let system: TestSystem;
let make: Factories;

beforeAll(async () => ({ system, make } = await startTestSystemWithFactories()));
afterAll(() => system?.stop());

const SIGN_UP_BUSINESS = `mutation($input: SignUpBusinessInput!) {
  signUpBusiness(input: $input) { administration { id } user { id } token userErrors { code } }
}`;
const CREATE_INVITATION = `mutation($input: CreateLinkInvitationInput!) {
  createLinkInvitation(input: $input) { code expiresAt userErrors { code field message } }
}`;
const ACCEPT = `mutation($input: AcceptLinkInvitationInput!) {
  acceptLinkInvitation(input: $input) {
    administration { id name kind modules myPermissions }
    userErrors { code field message }
  }
}`;
const UNLINK = `mutation($input: UnlinkAdministrationInput!) {
  unlinkAdministration(input: $input) { administrationId userErrors { code field message } }
}`;
const ONE = `query($id: ID!) { administration(id: $id) { id kind myPermissions } }`;
const LIST = `{ administrations(first: 50) { totalCount edges { node { id kind myPermissions } } } }`;

type UserErrors = { code: string; field: string[] | null; message: string }[];
type GraphQLResult = { errors?: { extensions?: Record<string, unknown> }[] };

function db() {
  return system.subgraphs.tenancy.runtime.dataSource;
}
function errorCode(r: GraphQLResult): unknown {
  return r.errors?.[0]?.extensions?.code;
}
function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** A business with its own subscription, signed up through the gateway. */
async function business(name = `Zaak ${randomUUID().slice(0, 8)}`) {
  const r = await system.query<{
    signUpBusiness: { administration: { id: string }; user: { id: string }; token: string };
  }>(SIGN_UP_BUSINESS, {
    variables: {
      input: {
        businessName: name,
        name: 'Eigenaar',
        email: `${randomUUID()}@example.test`,
        password: 'een lang wachtwoord',
      },
    },
  });
  const payload = r.data!.signUpBusiness;
  return {
    administrationId: payload.administration.id,
    ownerId: payload.user.id,
    token: payload.token,
  };
}

async function officeWithAdmin() {
  const office = await make.office();
  const admin = await make.user({ officeId: office.id, officeRole: 'ADMIN' });
  return { office, admin, token: await make.token(admin.id) };
}

async function invite(token: string | null, email = 'eigenaar@example.test') {
  const r = await system.query<{
    createLinkInvitation: { code: string | null; expiresAt: string | null; userErrors: UserErrors };
  }>(CREATE_INVITATION, { token, variables: { input: { email } } });
  return { r, payload: r.data?.createLinkInvitation ?? null };
}

async function accept(token: string | null, code: string, administrationId: string) {
  const r = await system.query<{
    acceptLinkInvitation: {
      administration: { id: string; kind: string; myPermissions: string[] } | null;
      userErrors: UserErrors;
    };
  }>(ACCEPT, { token, variables: { input: { code, administrationId } } });
  return { r, payload: r.data?.acceptLinkInvitation ?? null };
}

async function unlink(token: string | null, administrationId: string) {
  const r = await system.query<{
    unlinkAdministration: { administrationId: string | null; userErrors: UserErrors };
  }>(UNLINK, { token, variables: { input: { administrationId } } });
  return { r, payload: r.data?.unlinkAdministration ?? null };
}

async function officeOf(administrationId: string): Promise<string | null> {
  const [r] = (await db().query(`SELECT office_id FROM tenancy.administrations WHERE id = $1`, [
    administrationId,
  ])) as { office_id: string | null }[];
  return r!.office_id;
}

async function invitationsOf(officeId: string) {
  return (await db().query(
    `SELECT code_hash, email, accepted_at, administration_id, expires_at - created_at = interval '14 days' AS fourteen_days
       FROM tenancy.link_invitations WHERE office_id = $1`,
    [officeId],
  )) as {
    code_hash: string;
    email: string;
    accepted_at: Date | null;
    administration_id: string | null;
    fourteen_days: boolean;
  }[];
}

async function linked() {
  const office = await officeWithAdmin();
  const owner = await business();
  const { payload } = await invite(office.token);
  const accepted = await accept(owner.token, payload!.code!, owner.administrationId);
  expect(accepted.payload!.userErrors).toEqual([]);
  return { office, owner };
}

describe('createLinkInvitation', () => {
  test('an office ADMIN gets a single-use code once; only its SHA-256 is stored, valid 14 days', async () => {
    const { office, admin, token } = await officeWithAdmin();
    const { r, payload } = await invite(token, ' Eigenaar@Example.TEST ');
    expect(r.errors).toBeUndefined();
    expect(payload!.userErrors).toEqual([]);
    const code = payload!.code!;
    expect(code.length).toBeGreaterThan(20);
    const rows = await invitationsOf(office.id);
    expect(rows).toEqual([
      {
        code_hash: sha256(code),
        email: 'eigenaar@example.test',
        accepted_at: null,
        administration_id: null,
        fourteen_days: true,
      },
    ]);
    const [createdBy] = (await db().query(
      `SELECT created_by FROM tenancy.link_invitations WHERE office_id = $1`,
      [office.id],
    )) as { created_by: string }[];
    expect(createdBy!.created_by).toBe(admin.id);
    // The code itself is stored nowhere.
    const [stored] = (await db().query(
      `SELECT count(*)::int AS n FROM tenancy.link_invitations WHERE code_hash = $1 OR email = $1`,
      [code],
    )) as { n: number }[];
    expect(stored!.n).toBe(0);
    // Two invitations, two different codes.
    const second = await invite(token);
    expect(second.payload!.code).not.toBe(code);
  });

  test('INVALID_EMAIL; nothing is written', async () => {
    const { office, token } = await officeWithAdmin();
    const { payload } = await invite(token, 'geen email');
    expect(payload).toEqual({
      code: null,
      expiresAt: null,
      userErrors: [
        { code: 'INVALID_EMAIL', field: ['input', 'email'], message: expect.any(String) },
      ],
    });
    expect(await invitationsOf(office.id)).toEqual([]);
  });

  test('anonymous is UNAUTHENTICATED; MEMBER, CLIENT, a business owner and OPS are FORBIDDEN; nothing is written', async () => {
    const office = await make.office();
    const member = await make.user({ officeId: office.id, officeRole: 'MEMBER' });
    const client = await make.user({ officeId: office.id, kind: 'CLIENT' });
    const ops = await make.user({ kind: 'OPS' });
    const owner = await business();
    expect(errorCode((await invite(null)).r)).toBe('UNAUTHENTICATED');
    for (const token of [
      await make.token(member.id),
      await make.token(client.id),
      await make.token(ops.id),
      owner.token,
    ]) {
      const { r, payload } = await invite(token);
      expect(payload).toBeNull();
      expect(errorCode(r)).toBe('FORBIDDEN');
    }
    expect(await invitationsOf(office.id)).toEqual([]);
    const [byOwner] = (await db().query(
      `SELECT count(*)::int AS n FROM tenancy.link_invitations WHERE created_by = ANY($1::uuid[])`,
      [[member.id, client.id, ops.id, owner.ownerId]],
    )) as { n: number }[];
    expect(byOwner!.n).toBe(0);
  });
});

describe('acceptLinkInvitation', () => {
  test('the whole flow: the owner links, the office ADMIN sees it as EXTERNAL with every permission', async () => {
    const { office, token: adminToken } = await officeWithAdmin();
    const member = await make.user({ officeId: office.id, officeRole: 'MEMBER' });
    const memberToken = await make.token(member.id);
    const owner = await business('Bloemist Roos');

    // Before linking the office sees nothing of it.
    const before = await system.query(ONE, {
      token: adminToken,
      variables: { id: owner.administrationId },
    });
    expect(before.data).toEqual({ administration: null });

    const { payload: invitation } = await invite(adminToken);
    const { r, payload } = await accept(owner.token, invitation!.code!, owner.administrationId);
    expect(r.errors).toBeUndefined();
    expect(payload!.userErrors).toEqual([]);
    expect(payload!.administration).toMatchObject({
      id: owner.administrationId,
      name: 'Bloemist Roos',
      kind: 'EXTERNAL',
      modules: ['LEDGER', 'INVOICING'],
    });
    expect(await officeOf(owner.administrationId)).toBe(office.id);
    const [row] = await invitationsOf(office.id);
    expect(row!.accepted_at).not.toBeNull();
    expect(row!.administration_id).toBe(owner.administrationId);

    // It appears in the office's list; the office ADMIN has every permission through the view.
    const list = await system.query<{
      administrations: { edges: { node: { id: string; kind: string; myPermissions: string[] } }[] };
    }>(LIST, { token: adminToken });
    const node = list.data!.administrations.edges.find((e) => e.node.id === owner.administrationId);
    expect(node!.node.kind).toBe('EXTERNAL');
    expect(node!.node.myPermissions).toHaveLength(7);
    // A MEMBER only through a grant; the owner keeps every permission.
    const memberView = await system.query(ONE, {
      token: memberToken,
      variables: { id: owner.administrationId },
    });
    expect(memberView.data).toEqual({ administration: null });
    const ownerView = await system.query<{ administration: { myPermissions: string[] } }>(ONE, {
      token: owner.token,
      variables: { id: owner.administrationId },
    });
    expect(ownerView.data!.administration.myPermissions).toHaveLength(7);
  });

  test('INVALID_INVITATION for an unknown, used or expired code; nothing is written', async () => {
    const { office, token } = await officeWithAdmin();
    const owner = await business();
    const unknown = await accept(owner.token, 'klink_unknown', owner.administrationId);
    expect(unknown.payload!.userErrors).toEqual([
      { code: 'INVALID_INVITATION', field: ['input', 'code'], message: expect.any(String) },
    ]);

    const expired = (await invite(token)).payload!.code!;
    await db().query(
      `UPDATE tenancy.link_invitations SET expires_at = now() - interval '1 second' WHERE code_hash = $1`,
      [sha256(expired)],
    );
    const late = await accept(owner.token, expired, owner.administrationId);
    expect(late.payload!.userErrors.map((e) => e.code)).toEqual(['INVALID_INVITATION']);
    expect(await officeOf(owner.administrationId)).toBeNull();

    // A code once used does not work again (for another business).
    const code = (await invite(token)).payload!.code!;
    expect((await accept(owner.token, code, owner.administrationId)).payload!.userErrors).toEqual(
      [],
    );
    const other = await business();
    const reused = await accept(other.token, code, other.administrationId);
    expect(reused.payload!.administration).toBeNull();
    expect(reused.payload!.userErrors.map((e) => e.code)).toEqual(['INVALID_INVITATION']);
    expect(await officeOf(other.administrationId)).toBeNull();
    const rows = await invitationsOf(office.id);
    expect(rows.filter((r) => r.accepted_at !== null)).toHaveLength(1);
  });

  test('ALREADY_LINKED when linked to an office; the new code stays unused', async () => {
    const { office, owner } = await linked();
    const other = await officeWithAdmin();
    const code = (await invite(other.token)).payload!.code!;
    const { payload } = await accept(owner.token, code, owner.administrationId);
    expect(payload!.userErrors).toEqual([
      { code: 'ALREADY_LINKED', field: ['input', 'administrationId'], message: expect.any(String) },
    ]);
    expect(await officeOf(owner.administrationId)).toBe(office.office.id);
    expect((await invitationsOf(other.office.id))[0]!.accepted_at).toBeNull();
  });

  test('anyone but the owner: UNAUTHENTICATED or FORBIDDEN; the code stays unused', async () => {
    const { office, admin, token: adminToken } = await officeWithAdmin();
    const owner = await business();
    const stranger = await business();
    const member = await make.user({ officeId: office.id, officeRole: 'MEMBER' });
    const ops = await make.user({ kind: 'OPS' });
    const code = (await invite(adminToken)).payload!.code!;
    expect(errorCode((await accept(null, code, owner.administrationId)).r)).toBe('UNAUTHENTICATED');
    for (const token of [
      adminToken,
      stranger.token,
      await make.token(member.id),
      await make.token(ops.id),
      await make.token(admin.id),
    ]) {
      const { r, payload } = await accept(token, code, owner.administrationId);
      expect(payload).toBeNull();
      expect(errorCode(r)).toBe('FORBIDDEN');
    }
    // An unknown or malformed administration id looks the same.
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      expect(errorCode((await accept(owner.token, code, id)).r)).toBe('FORBIDDEN');
    }
    expect(await officeOf(owner.administrationId)).toBeNull();
    expect((await invitationsOf(office.id))[0]!.accepted_at).toBeNull();
    // The owner still can.
    expect((await accept(owner.token, code, owner.administrationId)).payload!.userErrors).toEqual(
      [],
    );
  });

  test('one code used in parallel by several owners: exactly one link', async () => {
    const { office, token } = await officeWithAdmin();
    const owners = await Promise.all([business(), business(), business(), business()]);
    const code = (await invite(token)).payload!.code!;
    const results = await Promise.all(owners.map((o) => accept(o.token, code, o.administrationId)));
    for (const { r } of results) expect(r.errors).toBeUndefined();
    const codes = results.map(({ payload }) => payload!.userErrors.map((e) => e.code).join());
    expect(codes.filter((c) => c === '')).toHaveLength(1);
    expect(codes.filter((c) => c === 'INVALID_INVITATION')).toHaveLength(3);
    const [count] = (await db().query(
      `SELECT count(*)::int AS n FROM tenancy.administrations WHERE office_id = $1`,
      [office.id],
    )) as { n: number }[];
    expect(count!.n).toBe(1);
  });

  test('one owner using the same code twice in parallel: exactly one success', async () => {
    const { office, token } = await officeWithAdmin();
    const owner = await business();
    const code = (await invite(token)).payload!.code!;
    const results = await Promise.all([
      accept(owner.token, code, owner.administrationId),
      accept(owner.token, code, owner.administrationId),
    ]);
    const codes = results.map(({ payload }) => payload!.userErrors.map((e) => e.code).join());
    expect(codes.filter((c) => c === '')).toHaveLength(1);
    expect(codes.filter((c) => c === 'ALREADY_LINKED' || c === 'INVALID_INVITATION')).toHaveLength(
      1,
    );
    expect(await officeOf(owner.administrationId)).toBe(office.id);
  });
});

describe('unlinkAdministration', () => {
  test("the office ADMIN unlinks: the office's grants are deleted and audited, staff lose access at once, the owner keeps it", async () => {
    const { office, owner } = await linked();
    const member = await make.user({ officeId: office.office.id, officeRole: 'MEMBER' });
    await make.grant(member.id, owner.administrationId, ['LEDGER_READ', 'INVOICING_READ']);
    const memberToken = await make.token(member.id);
    const seen = await system.query<{ administration: { id: string } | null }>(ONE, {
      token: memberToken,
      variables: { id: owner.administrationId },
    });
    expect(seen.data!.administration!.id).toBe(owner.administrationId);

    const { r, payload } = await unlink(office.token, owner.administrationId);
    expect(r.errors).toBeUndefined();
    expect(payload).toEqual({ administrationId: owner.administrationId, userErrors: [] });
    expect(await officeOf(owner.administrationId)).toBeNull();
    const [grants] = (await db().query(
      `SELECT count(*)::int AS n FROM tenancy.grants WHERE administration_id = $1`,
      [owner.administrationId],
    )) as { n: number }[];
    expect(grants!.n).toBe(0);
    const audit = (await db().query(
      `SELECT office_id, user_id, changed_by, action, permissions_before, permissions_after
         FROM tenancy.access_audit WHERE administration_id = $1`,
      [owner.administrationId],
    )) as Record<string, unknown>[];
    expect(audit).toEqual([
      {
        office_id: office.office.id,
        user_id: member.id,
        changed_by: office.admin.id,
        action: 'UNLINK',
        permissions_before: ['LEDGER_READ', 'INVOICING_READ'],
        permissions_after: [],
      },
    ]);

    // Office staff lose access on the next request; the owner still sees it.
    for (const token of [office.token, memberToken]) {
      const after = await system.query(ONE, { token, variables: { id: owner.administrationId } });
      expect(after.data).toEqual({ administration: null });
    }
    const list = await system.query<{ administrations: { totalCount: number } }>(LIST, {
      token: office.token,
    });
    expect(list.data!.administrations.totalCount).toBe(0);
    const ownerView = await system.query<{ administration: { id: string } }>(ONE, {
      token: owner.token,
      variables: { id: owner.administrationId },
    });
    expect(ownerView.data!.administration.id).toBe(owner.administrationId);

    // Not linked any more: the owner gets NOT_LINKED; the former office cannot even try.
    const again = await unlink(owner.token, owner.administrationId);
    expect(again.payload).toEqual({
      administrationId: null,
      userErrors: [
        { code: 'NOT_LINKED', field: ['input', 'administrationId'], message: expect.any(String) },
      ],
    });
    expect(errorCode((await unlink(office.token, owner.administrationId)).r)).toBe('FORBIDDEN');
  });

  test('the owner may unlink, and link again with a new code', async () => {
    const { office, owner } = await linked();
    const { payload } = await unlink(owner.token, owner.administrationId);
    expect(payload).toEqual({ administrationId: owner.administrationId, userErrors: [] });
    expect(await officeOf(owner.administrationId)).toBeNull();
    const code = (await invite(office.token)).payload!.code!;
    expect((await accept(owner.token, code, owner.administrationId)).payload!.userErrors).toEqual(
      [],
    );
    expect(await officeOf(owner.administrationId)).toBe(office.office.id);
  });

  test('NOT_LINKED for an internal administration of the office', async () => {
    const { office, token } = await officeWithAdmin();
    const a = await make.administration({ officeId: office.id });
    const { payload } = await unlink(token, a.id);
    expect(payload!.userErrors.map((e) => e.code)).toEqual(['NOT_LINKED']);
    expect(await officeOf(a.id)).toBe(office.id);
  });

  test('a MEMBER with a grant, a CLIENT, OPS and anonymous may not; nothing changes', async () => {
    const { office, owner } = await linked();
    const member = await make.user({ officeId: office.office.id, officeRole: 'MEMBER' });
    await make.grant(member.id, owner.administrationId, ['LEDGER_READ', 'ADMINISTRATION_MANAGE']);
    const client = await make.user({ officeId: office.office.id, kind: 'CLIENT' });
    const ops = await make.user({ kind: 'OPS' });
    expect(errorCode((await unlink(null, owner.administrationId)).r)).toBe('UNAUTHENTICATED');
    for (const user of [member, client, ops]) {
      const { r, payload } = await unlink(await make.token(user.id), owner.administrationId);
      expect(payload).toBeNull();
      expect(errorCode(r)).toBe('FORBIDDEN');
    }
    expect(await officeOf(owner.administrationId)).toBe(office.office.id);
    const [grants] = (await db().query(
      `SELECT count(*)::int AS n FROM tenancy.grants WHERE administration_id = $1`,
      [owner.administrationId],
    )) as { n: number }[];
    expect(grants!.n).toBe(1);
  });
});

describe('isolation between offices', () => {
  test("an ADMIN of office B cannot update, archive or unlink office A's administrations; nothing changes", async () => {
    const a = await linked();
    const internal = await make.administration({ officeId: a.office.office.id, name: 'Intern A' });
    const b = await officeWithAdmin();
    const before = (await db().query(
      `SELECT * FROM tenancy.administrations WHERE id = ANY($1::uuid[]) ORDER BY id`,
      [[a.owner.administrationId, internal.id]],
    )) as unknown[];
    for (const id of [a.owner.administrationId, internal.id]) {
      const updated = await system.query(
        `mutation($input: UpdateAdministrationInput!) { updateAdministration(input: $input) { userErrors { code } } }`,
        { token: b.token, variables: { input: { administrationId: id, name: 'Van B' } } },
      );
      expect(errorCode(updated)).toBe('FORBIDDEN');
      const archived = await system.query(
        `mutation($input: ArchiveAdministrationInput!) { archiveAdministration(input: $input) { userErrors { code } } }`,
        { token: b.token, variables: { input: { administrationId: id } } },
      );
      expect(errorCode(archived)).toBe('FORBIDDEN');
      expect(errorCode((await unlink(b.token, id)).r)).toBe('FORBIDDEN');
      const view = await system.query(ONE, { token: b.token, variables: { id } });
      expect(view.data).toEqual({ administration: null });
    }
    const after = (await db().query(
      `SELECT * FROM tenancy.administrations WHERE id = ANY($1::uuid[]) ORDER BY id`,
      [[a.owner.administrationId, internal.id]],
    )) as unknown[];
    expect(after).toEqual(before);
  });
});

describe('the owner of a linked administration, seen from the office', () => {
  test("the linked office's ADMIN sees the owner in `access`; another office's ADMIN sees nothing", async () => {
    const { office, owner } = await linked();
    const q = `query($id: ID!) { administration(id: $id) { access { user { id name } permissions viaOfficeRole } } }`;
    const r = await system.query<{
      administration: {
        access: {
          user: { id: string; name: string };
          permissions: string[];
          viaOfficeRole: boolean;
        }[];
      };
    }>(q, { token: office.token, variables: { id: owner.administrationId } });
    expect(r.errors).toBeUndefined();
    expect(r.data!.administration.access).toContainEqual(
      expect.objectContaining({
        user: { id: owner.ownerId, name: 'Eigenaar' },
        viaOfficeRole: false,
      }),
    );
    const other = await officeWithAdmin();
    const refused = await system.query(q, {
      token: other.token,
      variables: { id: owner.administrationId },
    });
    expect(refused.data).toEqual({ administration: null });
    // After unlinking, the office no longer sees the owner either.
    await unlink(owner.token, owner.administrationId);
    const gone = await system.query(q, {
      token: office.token,
      variables: { id: owner.administrationId },
    });
    expect(gone.data).toEqual({ administration: null });
  });
});
