import { randomUUID } from 'node:crypto';
import type { Permission } from '@kantoor/platform';
import { type Factories } from '../../../../../../test/factories';
import { startTestSystemWithFactories, type TestSystem } from '../../../../../../test/system';

/*
 * Issue 15 follow-up: one document, several tenancy mutations. Each mutation after the first
 * must see the permissions as the mutations before it left them, although the request's
 * permission loader cached (and prefetched, beside the viewer) the ones of its start. The
 * shield empties that cache around every mutation (platform authz/rules.ts,
 * freshPermissionsAroundMutations). These documents go straight to the tenancy subgraph, as
 * the gateway sends consecutive tenancy mutations: one subgraph request, one loader. Their
 * variables name the administration, so the loader starts with prefetched permissions.
 *
 * Only the caller of a document can be affected within it, and a caller can only take rights
 * away from themself: an office ADMIN stepping down to MEMBER (updateUser) or unlinking a
 * client's own administration (unlinkAdministration). No mutation lets a caller grant
 * themself a permission (setAccess refuses ADMINs, who alone may call it).
 *
 * Where it shows: a field that reads the loader (Administration.myPermissions) in a later
 * mutation's payload. A later mutation's own rule reads it too, but every tenancy service
 * checks the permission again in its transaction (assertPermission, assertOfficeAdminNow,
 * the link service's owner/ADMIN check), so a refusal stays FORBIDDEN either way: the
 * FORBIDDEN tests below hold the outcome (refused, nothing written), the payload test holds
 * the cache.
 */
let system: TestSystem;
let make: Factories;

beforeAll(async () => ({ system, make } = await startTestSystemWithFactories()));
afterAll(() => system?.stop());

type UserErrors = { code: string; field: string[] | null }[];
interface Result<D> {
  data?: D | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[];
}

const ALL_PERMISSIONS: Permission[] = [
  'ADMINISTRATION_MANAGE',
  'INVOICING_READ',
  'INVOICING_WRITE',
  'LEDGER_READ',
  'LEDGER_WRITE',
  'VAT_READ',
  'VAT_SUBMIT',
];

/** One request to the tenancy subgraph, as the gateway makes it (with its secret). */
function tenancy<D>(token: string, query: string, variables: Record<string, unknown>) {
  return system.subgraphs.tenancy.query<D>(query, { token, variables }) as Promise<Result<D>>;
}

/** A request through the gateway that must succeed without errors or userErrors (of a mutation). */
async function ok<D>(token: string, query: string, variables: Record<string, unknown> = {}) {
  const r = await system.query<D>(query, { token, variables });
  expect(r.errors).toBeUndefined();
  for (const payload of Object.values(r.data as Record<string, { userErrors?: unknown }>)) {
    if ('userErrors' in payload) expect(payload.userErrors).toEqual([]);
  }
  return r.data!;
}

function sql<T>(query: string, params: unknown[] = []): Promise<T[]> {
  return system.subgraphs.tenancy.runtime.dataSource.query(query, params) as Promise<T[]>;
}

async function myPermissions(token: string, administrationId: string): Promise<string[]> {
  const data = await ok<{ administration: { myPermissions: string[] } }>(
    token,
    `query($id: ID!) { administration(id: $id) { myPermissions } }`,
    { id: administrationId },
  );
  return data.administration.myPermissions;
}

const STEP_DOWN_THEN_RENAME = `mutation($userId: ID!, $administrationId: ID!, $name: String!) {
  stepDown: updateUser(input: { userId: $userId, officeRole: MEMBER }) {
    user { officeRole } userErrors { code field }
  }
  rename: updateAdministration(input: { administrationId: $administrationId, name: $name }) {
    administration { name myPermissions } userErrors { code field }
  }
}`;

interface StepDownThenRename {
  stepDown: { user: { officeRole: string } | null; userErrors: UserErrors };
  rename: {
    administration: { name: string; myPermissions: string[] } | null;
    userErrors: UserErrors;
  };
}

describe('an ADMIN who steps down to MEMBER, then changes an administration in the same document', () => {
  /**
   * An office with two ADMINs (one may step down) and an internal administration. `anna` was
   * a MEMBER when she got `kept` there; the grant stays when she is promoted (an ADMIN's
   * grant only shows again once she is a MEMBER). All through the API, as an office does it.
   */
  async function annaPromotedWithGrant(kept: Permission[]) {
    const office = await make.office();
    const boss = await make.user({ officeId: office.id, officeRole: 'ADMIN', name: 'Bram Baas' });
    const anna = await make.user({ officeId: office.id, officeRole: 'MEMBER', name: 'Anna' });
    const administration = await make.administration({ officeId: office.id, name: 'Bakkerij' });
    const bossToken = await make.token(boss.id);
    await ok(
      bossToken,
      `mutation($input: SetAccessInput!) { setAccess(input: $input) { userErrors { code } } }`,
      { input: { userId: anna.id, administrationId: administration.id, permissions: kept } },
    );
    await ok(
      bossToken,
      `mutation($userId: ID!) { updateUser(input: { userId: $userId, officeRole: ADMIN }) { userErrors { code } } }`,
      { userId: anna.id },
    );
    const token = await make.token(anna.id);
    // As an ADMIN she holds everything there: what the request's loader starts with.
    expect(await myPermissions(token, administration.id)).toEqual(ALL_PERMISSIONS);
    return { anna, token, administrationId: administration.id };
  }

  test("the second mutation's payload reads the permissions the first left, not those of the request's start", async () => {
    const { anna, token, administrationId } = await annaPromotedWithGrant([
      'ADMINISTRATION_MANAGE',
      'LEDGER_READ',
    ]);
    const r = await tenancy<StepDownThenRename>(token, STEP_DOWN_THEN_RENAME, {
      userId: anna.id,
      administrationId,
      name: 'Bakkerij na de stap terug',
    });
    expect(r.errors).toBeUndefined();
    expect(r.data!.stepDown).toEqual({ user: { officeRole: 'MEMBER' }, userErrors: [] });
    // The rename is allowed by the grant she kept (the rule and the service agree), and its
    // payload shows what she holds now: the grant, no longer the ADMIN's seven permissions
    // that were prefetched for $administrationId when the request started.
    expect(r.data!.rename).toEqual({
      administration: {
        name: 'Bakkerij na de stap terug',
        myPermissions: ['ADMINISTRATION_MANAGE', 'LEDGER_READ'],
      },
      userErrors: [],
    });
    // The next request agrees with what the payload said.
    expect(await myPermissions(token, administrationId)).toEqual([
      'ADMINISTRATION_MANAGE',
      'LEDGER_READ',
    ]);
  });

  test('the same when the loader was filled by an earlier mutation of the document, not by the prefetch', async () => {
    const { anna, token, administrationId } = await annaPromotedWithGrant([
      'ADMINISTRATION_MANAGE',
      'LEDGER_READ',
    ]);
    // Ids written into the document, no variables: nothing is prefetched; the first rename's
    // rule and payload load her permissions as an ADMIN.
    const r = await tenancy<{
      first: { administration: { myPermissions: string[] } | null; userErrors: UserErrors };
      stepDown: { userErrors: UserErrors };
      second: { administration: { myPermissions: string[] } | null; userErrors: UserErrors };
    }>(
      token,
      `mutation {
        first: updateAdministration(input: { administrationId: "${administrationId}", name: "Eerst" }) {
          administration { myPermissions } userErrors { code field }
        }
        stepDown: updateUser(input: { userId: "${anna.id}", officeRole: MEMBER }) { userErrors { code field } }
        second: updateAdministration(input: { administrationId: "${administrationId}", name: "Daarna" }) {
          administration { myPermissions } userErrors { code field }
        }
      }`,
      {},
    );
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({
      first: { administration: { myPermissions: ALL_PERMISSIONS }, userErrors: [] },
      stepDown: { userErrors: [] },
      second: {
        administration: { myPermissions: ['ADMINISTRATION_MANAGE', 'LEDGER_READ'] },
        userErrors: [],
      },
    });
  });

  test('without a grant the second mutation is FORBIDDEN and the administration keeps its name', async () => {
    const { anna, token, administrationId } = await annaPromotedWithGrant(['LEDGER_READ']);
    const r = await tenancy<StepDownThenRename>(token, STEP_DOWN_THEN_RENAME, {
      userId: anna.id,
      administrationId,
      name: 'Mag niet',
    });
    // The payloads are non-null: the refused rename nulls the whole data.
    expect(r.data).toBeNull();
    expect(r.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['rename'], 'FORBIDDEN']]);
    const [user] = await sql<{ office_role: string }>(
      `SELECT office_role FROM tenancy.users WHERE id = $1`,
      [anna.id],
    );
    expect(user!.office_role).toBe('MEMBER');
    const [row] = await sql<{ name: string }>(
      `SELECT name FROM tenancy.administrations WHERE id = $1`,
      [administrationId],
    );
    expect(row!.name).toBe('Bakkerij');
  });
});

describe("an office ADMIN who unlinks a client's own administration, then acts on it in the same document", () => {
  /** A business's own administration, linked to a new office; the office's ADMIN and token. */
  async function linkedAdministration() {
    const office = await make.office();
    const admin = await make.user({ officeId: office.id, officeRole: 'ADMIN' });
    const adminToken = await make.token(admin.id);
    const signedUp = await ok<{
      signUpBusiness: { administration: { id: string }; token: string };
    }>(
      '',
      `mutation($input: SignUpBusinessInput!) {
        signUpBusiness(input: $input) { administration { id } token userErrors { code } }
      }`,
      {
        input: {
          businessName: 'Fietsenmaker Eigen',
          name: 'Eigenaar',
          email: `${randomUUID()}@example.test`,
          password: 'een lang wachtwoord',
        },
      },
    );
    const administrationId = signedUp.signUpBusiness.administration.id;
    const invitation = await ok<{ createLinkInvitation: { code: string } }>(
      adminToken,
      `mutation { createLinkInvitation(input: { email: "eigenaar@example.test" }) { code userErrors { code } } }`,
    );
    await ok(
      signedUp.signUpBusiness.token,
      `mutation($input: AcceptLinkInvitationInput!) {
        acceptLinkInvitation(input: $input) { administration { id } userErrors { code } }
      }`,
      { input: { code: invitation.createLinkInvitation.code, administrationId } },
    );
    expect(await myPermissions(adminToken, administrationId)).toEqual(ALL_PERMISSIONS);
    return { adminToken, administrationId };
  }

  test('a second unlink is FORBIDDEN, as for any foreign administration; nothing more written', async () => {
    const { adminToken, administrationId } = await linkedAdministration();
    const auditBefore = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM tenancy.access_audit WHERE administration_id = $1`,
      [administrationId],
    );
    const r = await tenancy<{
      unlink: { administrationId: string | null; userErrors: UserErrors };
      again: { administrationId: string | null; userErrors: UserErrors };
    }>(
      adminToken,
      `mutation($administrationId: ID!) {
        unlink: unlinkAdministration(input: { administrationId: $administrationId }) {
          administrationId userErrors { code field }
        }
        again: unlinkAdministration(input: { administrationId: $administrationId }) {
          administrationId userErrors { code field }
        }
      }`,
      { administrationId },
    );
    // The office no longer has it: FORBIDDEN, as for any administration of someone else.
    // The payloads are non-null, so the refusal nulls the whole data (and graphql-js runs
    // no later mutation); the unlink itself is checked in the table below.
    expect(r.data).toBeNull();
    expect(r.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['again'], 'FORBIDDEN']]);
    const [row] = await sql<{ name: string; office_id: string | null }>(
      `SELECT name, office_id FROM tenancy.administrations WHERE id = $1`,
      [administrationId],
    );
    expect(row).toEqual({ name: 'Fietsenmaker Eigen', office_id: null });
    const auditAfter = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM tenancy.access_audit WHERE administration_id = $1`,
      [administrationId],
    );
    expect(auditAfter).toEqual(auditBefore);
  });
});
