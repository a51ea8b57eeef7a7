import { eventually } from '@kantoor/platform/testing';
import { startTestSystem, type TestSystem } from '../../../../../../test/system';
import { Tenancy, type GraphQLErrorData } from '../../../__tests__/gateway.helpers';
import { USAGE_EVENTS } from '../usage.events';

/**
 * Through the gateway: tenancy's real mutations publish their events, billing consumes them
 * into the usage history, and the office ADMIN sees the month so far in billingPreview.
 * The subgraphs run on the system clock; what is asserted does not depend on the date.
 */

let system: TestSystem;
let tenancy: Tenancy;
let opsToken: string;

beforeAll(async () => {
  system = await startTestSystem();
  tenancy = new Tenancy(system);
  opsToken = await tenancy.opsToken();
});
afterAll(async () => {
  await system?.stop();
});

const PREVIEW = `{ me { office { id name billingPreview {
  period from to issuedAt
  lines { code description quantity weightedQuantity unitPrice amount }
  totalExclVat vat totalInclVat
} } } }`;

interface Line {
  code: string;
  quantity: number;
  unitPrice: string;
  amount: string;
  weightedQuantity: string;
}
interface PreviewData {
  me: {
    office: {
      id: string;
      name: string;
      billingPreview: {
        period: string;
        from: string;
        to: string;
        issuedAt: string | null;
        lines: Line[];
        totalExclVat: string;
        vat: string;
        totalInclVat: string;
      } | null;
    };
  };
}

/** The event types billing stored about the office and everything that belonged to it. */
function factTypes(officeId: string): Promise<string[]> {
  return system.subgraphs.billing.runtime.dataSource
    .query(
      `SELECT event_type FROM billing.usage_facts
        WHERE subject_id IN (SELECT subject_id FROM billing.usage_facts WHERE office_id = $1)
        ORDER BY event_type`,
      [officeId],
    )
    .then((rows: { event_type: string }[]) => rows.map((r) => r.event_type));
}

function sum(values: string[]): string {
  // Cents as integers: exact, no float.
  const cents = values.reduce((total, v) => total + BigInt(v.replace('.', '')), 0n);
  const sign = cents < 0n ? '-' : '';
  const abs = (cents < 0n ? -cents : cents).toString().padStart(3, '0');
  return `${sign}${abs.slice(0, -2)}.${abs.slice(-2)}`;
}

describe('usage from tenancy events', () => {
  test('every kind of tenancy change reaches the usage history, and the preview shows it', async () => {
    const office = await tenancy.signUp();
    const member = await tenancy.createUser(office.token, 'STAFF', 'MEMBER');
    await tenancy.createUser(office.token, 'CLIENT');
    const promoted = await tenancy.createUser(office.token, 'STAFF', 'MEMBER');
    const internal = await tenancy.createAdministration(office.token);
    const archived = await tenancy.createAdministration(office.token);
    const withLogin = await tenancy.createAdministration(
      office.token,
      'INTERNAL_WITH_CLIENT_LOGIN',
      ['INVOICING'],
    );

    await tenancy.ok(
      `mutation($input: UpdateAdministrationInput!) { updateAdministration(input: $input) { userErrors { code } } }`,
      office.token,
      { input: { administrationId: withLogin, clientModules: ['LEDGER', 'INVOICING'] } },
    );
    await tenancy.ok(
      `mutation($input: ArchiveAdministrationInput!) { archiveAdministration(input: $input) { userErrors { code } } }`,
      office.token,
      { input: { administrationId: archived, archived: true } },
    );
    await tenancy.ok(
      `mutation($input: ArchiveAdministrationInput!) { archiveAdministration(input: $input) { userErrors { code } } }`,
      office.token,
      { input: { administrationId: internal, archived: true } },
    );
    await tenancy.ok(
      `mutation($input: ArchiveAdministrationInput!) { archiveAdministration(input: $input) { userErrors { code } } }`,
      office.token,
      { input: { administrationId: internal, archived: false } },
    );
    await tenancy.ok(
      `mutation($input: UpdateUserInput!) { updateUser(input: $input) { userErrors { code } } }`,
      office.token,
      { input: { userId: promoted.id, officeRole: 'ADMIN' } },
    );
    await tenancy.ok(
      `mutation($input: DeactivateUserInput!) { deactivateUser(input: $input) { userErrors { code } } }`,
      office.token,
      { input: { userId: member.id } },
    );

    // A business with its own subscription links its administration to the office, then unlinks.
    const business = await tenancy.ok<{
      signUpBusiness: { administration: { id: string }; token: string };
    }>(
      `mutation($input: SignUpBusinessInput!) { signUpBusiness(input: $input) { administration { id } token userErrors { code } } }`,
      null,
      {
        input: {
          businessName: 'Bakkerij Brood BV',
          name: 'Bram Bakker',
          email: `${Date.now()}-bakker@example.test`,
          password: 'correct-horse-battery-staple',
        },
      },
    );
    const invitation = await tenancy.ok<{ createLinkInvitation: { code: string } }>(
      `mutation($input: CreateLinkInvitationInput!) { createLinkInvitation(input: $input) { code userErrors { code } } }`,
      office.token,
      { input: { email: 'bram@example.test' } },
    );
    const external = business.signUpBusiness.administration.id;
    await tenancy.ok(
      `mutation($input: AcceptLinkInvitationInput!) { acceptLinkInvitation(input: $input) { userErrors { code } } }`,
      business.signUpBusiness.token,
      { input: { code: invitation.createLinkInvitation.code, administrationId: external } },
    );
    await tenancy.ok(
      `mutation($input: UnlinkAdministrationInput!) { unlinkAdministration(input: $input) { userErrors { code } } }`,
      office.token,
      { input: { administrationId: external } },
    );

    // Ops suspend and reinstate the office.
    for (const suspended of [true, false]) {
      await tenancy.ok(
        `mutation($input: SuspendOfficeInput!) { suspendOffice(input: $input) { userErrors { code } } }`,
        opsToken,
        { input: { officeId: office.officeId, suspended } },
      );
    }

    // Every event of the office, once: 4 users added (the ADMIN at sign-up), 4 administrations
    // created (the business's own among them), 2 archived, one of each other type.
    const expected = [
      ...USAGE_EVENTS,
      ...Array<string>(3).fill('user.added'),
      ...Array<string>(3).fill('administration.created'),
      'administration.archived',
    ].sort();
    await eventually(
      async () =>
        JSON.stringify(await factTypes(office.officeId)) === JSON.stringify(expected)
          ? true
          : undefined,
      { what: 'every usage event of the office' },
    );

    const r = await system.query<PreviewData>(PREVIEW, { token: office.token });
    expect(r.errors).toBeUndefined();
    const preview = r.data!.me.office.billingPreview!;
    expect(preview.period).toMatch(/^\d{4}-\d{2}$/);
    expect(preview.from).toBe(`${preview.period}-01`);
    expect(preview.to.startsWith(preview.period)).toBe(true);
    expect(preview.issuedAt).toBeNull();
    // Everything happened today, so everything counts today (removals stop the day after):
    // 3 staff (the deactivated member included), 2 internal administrations (one archived),
    // the client-login administration as it ended the day, the linked one, and the trial.
    expect(preview.lines.map((l) => [l.code, l.quantity, l.unitPrice])).toEqual([
      ['DASHBOARD', 1, '0.00'],
      ['DASHBOARD_USER', 3, '11.25'],
      ['INTERNAL_1_25', 2, '6.00'],
      ['CLIENT_LOGIN_LEDGER_INVOICING', 1, '12.50'],
      ['EXTERNAL', 1, '0.00'],
      ['TRIAL_DISCOUNT', 1, preview.lines.at(-1)!.amount],
    ]);
    // A new office is in its 30-day trial: the discount gives back every line.
    const charged = preview.lines.slice(0, -1).map((l) => l.amount);
    expect(preview.lines.at(-1)!.amount).toBe(`-${sum(charged)}`);
    expect([preview.totalExclVat, preview.vat, preview.totalInclVat]).toEqual([
      '0.00',
      '0.00',
      '0.00',
    ]);
  });

  test('the quote for one more administration follows the usage the events built', async () => {
    const office = await tenancy.signUp();
    await tenancy.createAdministration(office.token);
    await tenancy.createAdministration(office.token, 'INTERNAL_WITH_CLIENT_LOGIN', ['INVOICING']);
    const QUOTE = `query($kind: AdministrationKind!, $clientModules: [Module!]) {
      priceQuote(kind: $kind, clientModules: $clientModules) {
        kind clientModules code description monthlyPrice vat monthlyPriceInclVat currentCount trialEndsAt priceListEffectiveFrom
      }
    }`;
    const quote = await eventually(
      async () => {
        const r = await system.query<{ priceQuote: Record<string, unknown> }>(QUOTE, {
          token: office.token,
          variables: { kind: 'INTERNAL' },
        });
        const q = r.data?.priceQuote;
        // Each event type has its own queue: wait for the office (its trial) and the administration.
        return q?.currentCount === 1 && q.trialEndsAt !== null ? q : undefined;
      },
      { what: 'the office and its administration in the usage history' },
    );
    expect(quote).toMatchObject({
      kind: 'INTERNAL',
      clientModules: [],
      code: 'INTERNAL_1_25',
      monthlyPrice: '6.00',
      vat: '1.26',
      monthlyPriceInclVat: '7.26',
      currentCount: 1,
    });
    // In the trial: the quote says until when nothing is charged.
    expect(typeof quote.trialEndsAt).toBe('string');

    const withLogin = await eventually(
      async () => {
        const r = await system.query<{ priceQuote: Record<string, unknown> }>(QUOTE, {
          token: office.token,
          variables: { kind: 'INTERNAL_WITH_CLIENT_LOGIN', clientModules: ['LEDGER'] },
        });
        return r.data?.priceQuote?.currentCount === 1 ? r.data.priceQuote : undefined;
      },
      { what: 'the administration with client login in the usage history' },
    );
    expect(withLogin).toMatchObject({ code: 'CLIENT_LOGIN_LEDGER', monthlyPrice: '10.00' });

    const bad = await system.query(QUOTE, {
      token: office.token,
      variables: { kind: 'INTERNAL', clientModules: ['INVOICING'] },
    });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('who may see an office bill', () => {
  function forbiddenPaths(errors: GraphQLErrorData[] | undefined) {
    return (errors ?? []).map((e) => [e.path?.join('.'), e.extensions?.code]);
  }

  test('the office ADMIN sees the preview and the statements', async () => {
    const office = await tenancy.signUp();
    const r = await system.query<{
      me: { office: { billingPreview: unknown; billingStatements: unknown[] } };
    }>(`{ me { office { billingPreview { period } billingStatements { period } } } }`, {
      token: office.token,
    });
    expect(r.errors).toBeUndefined();
    expect(r.data!.me.office.billingPreview).not.toBeNull();
    expect(r.data!.me.office.billingStatements).toEqual([]);
  });

  test('a MEMBER or CLIENT of the office gets FORBIDDEN on the billing fields only', async () => {
    const office = await tenancy.signUp();
    const member = await tenancy.createUser(office.token, 'STAFF', 'MEMBER');
    const client = await tenancy.createUser(office.token, 'CLIENT');
    for (const user of [member, client]) {
      const r = await system.query<{
        me: { office: { id: string; billingPreview: unknown; billingStatements: unknown } };
      }>(`{ me { office { id billingPreview { period } billingStatements { period } } } }`, {
        token: user.token,
      });
      expect(r.data!.me.office).toEqual({
        id: office.officeId,
        billingPreview: null,
        billingStatements: null,
      });
      expect(forbiddenPaths(r.errors).sort()).toEqual([
        ['me.office.billingPreview', 'FORBIDDEN'],
        ['me.office.billingStatements', 'FORBIDDEN'],
      ]);
    }
  });

  test("another office's ADMIN, ops and anonymous callers cannot read an office's bill", async () => {
    const office = await tenancy.signUp();
    const other = await tenancy.signUp();
    const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Office { id billingPreview { period } billingStatements { period } } } }`;
    const variables = { r: [{ __typename: 'Office', id: office.officeId }] };
    // Reached directly at the subgraph, as the gateway would for a query plan.
    const asOther = await system.subgraphs.billing.query(ENTITIES, {
      token: other.token,
      variables,
    });
    expect(asOther.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    const anonymous = await system.subgraphs.billing.query(ENTITIES, { variables });
    expect(anonymous.errors?.map((e) => e.extensions?.code)).toEqual([
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
    ]);
    // Ops manage billing runs, not an office's bill.
    const asOps = await system.query<{
      offices: { edges: { node: { id: string; billingPreview: unknown } }[] };
    }>(
      `query($id: String) { offices(search: $id) { edges { node { id billingPreview { period } } } } }`,
      {
        token: opsToken,
        variables: { id: null },
      },
    );
    expect(asOps.data!.offices.edges.length).toBeGreaterThan(0);
    expect(asOps.data!.offices.edges.every((e) => e.node.billingPreview === null)).toBe(true);
    expect(new Set(asOps.errors?.map((e) => e.extensions?.code))).toEqual(new Set(['FORBIDDEN']));
  });

  test('priceQuote: office ADMIN only', async () => {
    const office = await tenancy.signUp();
    const member = await tenancy.createUser(office.token, 'STAFF', 'MEMBER');
    const client = await tenancy.createUser(office.token, 'CLIENT');
    const QUOTE = `{ priceQuote(kind: INTERNAL) { code } }`;
    for (const token of [member.token, client.token, opsToken]) {
      const r = await system.query<{ priceQuote: unknown }>(QUOTE, { token });
      expect(r.data?.priceQuote ?? null).toBeNull();
      expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const anonymous = await system.query(QUOTE);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
