import { randomUUID } from 'node:crypto';
import type { Permission } from '@kantoor/platform';
import { eventually } from '@kantoor/platform/testing';
import type { Factories } from './factories';
import { startTestSystemWithFactories, type TestSystem } from './system';

/*
 * Issue 15 follow-up, through the gateway: a document whose tenancy mutation takes a right
 * away from the caller, followed by a mutation or a field that needs it. The gateway runs
 * mutations in order and sends consecutive mutations of one subgraph in one request, so:
 * - a later ledger mutation is a later request to the ledger, whose permissions (prefetched
 *   beside its viewer) are read after tenancy committed;
 * - two tenancy mutations share one request and one permission loader, which the shield
 *   empties around each mutation (platform authz/rules.ts, freshPermissionsAroundMutations).
 */
let system: TestSystem;
let make: Factories;
let officeId: string;

type UserErrors = { code: string; field: string[] | null }[];
interface Failure {
  path?: (string | number)[];
  extensions?: { code?: string };
}
const failures = (errors: Failure[] | undefined) =>
  (errors ?? []).map((e) => [e.path, e.extensions?.code]);

beforeAll(async () => {
  ({ system, make } = await startTestSystemWithFactories());
  officeId = (await make.office()).id;
  // A second ADMIN, so that the ADMIN of each test may step down (never the last one).
  await make.user({ officeId, officeRole: 'ADMIN', name: 'Bram Baas' });
});
afterAll(() => system?.stop());

const ledgerDb = () => system.subgraphs.ledger.runtime.dataSource;
const tenancyDb = () => system.subgraphs.tenancy.runtime.dataSource;

/** Waits (a readiness check, not a sleep) until the ledger has opened the books. */
async function booksOpened(administrationId: string): Promise<void> {
  await eventually(
    async () => {
      const rows: unknown[] = await ledgerDb().query(
        'SELECT 1 FROM ledger.books WHERE administration_id = $1',
        [administrationId],
      );
      return rows.length > 0 ? true : undefined;
    },
    { what: 'the ledger to open the books' },
  );
}

/** An internal administration of the office with open books. */
async function booksOfOffice(): Promise<string> {
  const { id } = await make.administration({ officeId, name: 'Bakkerij' });
  await booksOpened(id);
  return id;
}

/**
 * An ADMIN of the office, with a grant of `kept` on `administrationId` left from when she was
 * a MEMBER (a grant stays when its user is promoted; it shows again once she is a MEMBER).
 */
async function adminKeeping(administrationId: string, kept: Permission[]) {
  const user = await make.user({ officeId, officeRole: 'ADMIN', name: 'Anna' });
  if (kept.length > 0) await make.grant(user.id, administrationId, kept);
  return { userId: user.id, token: await make.token(user.id) };
}

/** The descriptions of the drafts of an administration, and how many lines they have. */
async function drafts(administrationId: string) {
  const [row] = (await ledgerDb().query(
    `SELECT coalesce(array_agg(description ORDER BY description), '{}') AS descriptions,
            (SELECT count(*)::int FROM ledger.draft_entry_lines WHERE administration_id = $1) AS lines
       FROM ledger.draft_entries WHERE administration_id = $1`,
    [administrationId],
  )) as { descriptions: string[]; lines: number }[];
  return row!;
}

function draftInput(administrationId: string, description: string) {
  return {
    administrationId,
    date: '2026-03-15',
    description,
    lines: [
      { accountCode: '4000', debit: '10.00' },
      { accountCode: '1100', credit: '10.00' },
    ],
  };
}

const DRAFT_FIELDS = `draft { id description } userErrors { code field }`;

test('a ledger mutation after the tenancy mutation that took LEDGER_WRITE away is FORBIDDEN; only the draft before it is written', async () => {
  const administrationId = await booksOfOffice();
  const anna = await adminKeeping(administrationId, []);
  const r = await system.query<{
    before: { draft: { id: string; description: string } | null; userErrors: UserErrors };
  }>(
    `mutation($userId: ID!, $before: CreateDraftJournalEntryInput!, $after: CreateDraftJournalEntryInput!) {
      before: createDraftJournalEntry(input: $before) { ${DRAFT_FIELDS} }
      stepDown: updateUser(input: { userId: $userId, officeRole: MEMBER }) {
        user { officeRole } userErrors { code field }
      }
      after: createDraftJournalEntry(input: $after) { ${DRAFT_FIELDS} }
    }`,
    {
      token: anna.token,
      variables: {
        userId: anna.userId,
        before: draftInput(administrationId, 'Voor de stap terug'),
        after: draftInput(administrationId, 'Na de stap terug'),
      },
    },
  );
  // The refused mutation's payload is non-null: the whole data is null, the error says why.
  expect(failures(r.errors)).toEqual([[['after'], 'FORBIDDEN']]);
  expect(r.data ?? null).toBeNull();
  // What the first two mutations did stays done; the third wrote nothing.
  const [user] = (await tenancyDb().query(`SELECT office_role FROM tenancy.users WHERE id = $1`, [
    anna.userId,
  ])) as { office_role: string }[];
  expect(user!.office_role).toBe('MEMBER');
  expect(await drafts(administrationId)).toEqual({
    descriptions: ['Voor de stap terug'],
    lines: 2,
  });
});

test("two tenancy mutations in one subgraph request: the second's payload, and the ledger's fields of it, read the permissions after the first", async () => {
  const administrationId = await booksOfOffice();
  const anna = await adminKeeping(administrationId, ['ADMINISTRATION_MANAGE']);
  const r = await system.query<{
    stepDown: { user: { officeRole: string } | null; userErrors: UserErrors };
    rename: {
      administration: {
        name: string;
        myPermissions: string[];
        draftJournalEntries: { totalCount: number } | null;
      } | null;
      userErrors: UserErrors;
    };
  }>(
    `mutation($userId: ID!, $administrationId: ID!) {
      stepDown: updateUser(input: { userId: $userId, officeRole: MEMBER }) {
        user { officeRole } userErrors { code field }
      }
      rename: updateAdministration(input: { administrationId: $administrationId, name: "Bakkerij Nieuw" }) {
        administration { name myPermissions draftJournalEntries(first: 5) { totalCount } }
        userErrors { code field }
      }
    }`,
    { token: anna.token, variables: { userId: anna.userId, administrationId } },
  );
  expect(r.data!.stepDown).toEqual({ user: { officeRole: 'MEMBER' }, userErrors: [] });
  // Her grant lets her rename it; she holds nothing else there any more: not the seven
  // permissions of an ADMIN the request's loader started with, and no LEDGER_READ for the
  // ledger's field of the same payload.
  expect(r.data!.rename).toEqual({
    administration: {
      name: 'Bakkerij Nieuw',
      myPermissions: ['ADMINISTRATION_MANAGE'],
      draftJournalEntries: null,
    },
    userErrors: [],
  });
  expect(failures(r.errors)).toEqual([
    [['rename', 'administration', 'draftJournalEntries'], 'FORBIDDEN'],
  ]);
});

test("an office ADMIN who unlinks a client's own administration cannot book in it further down the same document", async () => {
  const admin = await make.user({ officeId, officeRole: 'ADMIN' });
  const token = await make.token(admin.id);
  const email = `${randomUUID()}@example.test`;
  const signedUp = await system.query<{
    signUpBusiness: { administration: { id: string }; token: string };
  }>(
    `mutation($input: SignUpBusinessInput!) {
      signUpBusiness(input: $input) { administration { id } token userErrors { code } }
    }`,
    {
      variables: {
        input: {
          businessName: 'Fietsenmaker',
          name: 'Eigenaar',
          email,
          password: 'een lang wachtwoord',
        },
      },
    },
  );
  const administrationId = signedUp.data!.signUpBusiness.administration.id;
  await booksOpened(administrationId);
  const invitation = await system.query<{ createLinkInvitation: { code: string } }>(
    `mutation($email: String!) { createLinkInvitation(input: { email: $email }) { code } }`,
    { token, variables: { email } },
  );
  const accepted = await system.query<{ acceptLinkInvitation: { userErrors: UserErrors } }>(
    `mutation($input: AcceptLinkInvitationInput!) {
      acceptLinkInvitation(input: $input) { userErrors { code } }
    }`,
    {
      token: signedUp.data!.signUpBusiness.token,
      variables: { input: { code: invitation.data!.createLinkInvitation.code, administrationId } },
    },
  );
  expect(accepted.data!.acceptLinkInvitation.userErrors).toEqual([]);

  const r = await system.query(
    `mutation($administrationId: ID!, $draft: CreateDraftJournalEntryInput!) {
      before: createDraftJournalEntry(input: $draft) { ${DRAFT_FIELDS} }
      unlink: unlinkAdministration(input: { administrationId: $administrationId }) {
        administrationId userErrors { code field }
      }
      after: createDraftJournalEntry(input: $draft) { ${DRAFT_FIELDS} }
    }`,
    {
      token,
      variables: {
        administrationId,
        draft: draftInput(administrationId, 'Boeking van het kantoor'),
      },
    },
  );
  expect(failures(r.errors)).toEqual([[['after'], 'FORBIDDEN']]);
  expect(r.data ?? null).toBeNull();
  const [row] = (await tenancyDb().query(
    `SELECT office_id FROM tenancy.administrations WHERE id = $1`,
    [administrationId],
  )) as { office_id: string | null }[];
  expect(row!.office_id).toBeNull();
  // The draft booked while the office still had it, and nothing after the unlink.
  expect(await drafts(administrationId)).toEqual({
    descriptions: ['Boeking van het kantoor'],
    lines: 2,
  });
});
