import { Client } from 'pg';

/** Demo logins; printed by `npm start`. Development data only. */
export const DEMO_PASSWORD = 'kantoor-demo-2026';
const DEMO = {
  office: 'Demo Accountants',
  admin: { name: 'Anna de Vries', email: 'admin@demo.kantoor.test' },
  member: { name: 'Mark Jansen', email: 'member@demo.kantoor.test' },
  client: { name: 'Fleur Smit', email: 'client@demo.kantoor.test' },
  owner: { name: 'Bram Bakker', email: 'owner@demo.kantoor.test' },
};

async function call<T>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
) {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  const payload = body.data
    ? (Object.values(body.data)[0] as T & { userErrors?: unknown[] })
    : null;
  if (body.errors || !payload || (payload.userErrors?.length ?? 0) > 0) {
    throw new Error(`seeding failed: ${JSON.stringify(body).slice(0, 400)}`);
  }
  return payload;
}

/**
 * On an empty database: a demo office (an ADMIN, a MEMBER, a CLIENT login), an internal
 * administration, one with client login, and a business's own administration linked to
 * the office, all made through the public API (so every module hears the events).
 * Returns the lines to print, or null when the database already has offices.
 */
export async function seedDemo(gatewayUrl: string, databaseUrl: string): Promise<string | null> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query('SELECT count(*)::int AS n FROM tenancy.offices');
    if (rows[0].n > 0) return null;
  } finally {
    await db.end();
  }
  const password = DEMO_PASSWORD;
  const signUp = await call<{ token: string }>(
    gatewayUrl,
    `mutation($input: SignUpInput!) { signUp(input: $input) { token userErrors { code } } }`,
    { input: { officeName: DEMO.office, ...DEMO.admin, password } },
  );
  const admin = signUp.token;
  const createUser = (person: { name: string; email: string }, kind: string, officeRole?: string) =>
    call<{ user: { id: string } }>(
      gatewayUrl,
      `mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } userErrors { code } } }`,
      { input: { ...person, kind, officeRole, password } },
      admin,
    );
  const member = await createUser(DEMO.member, 'STAFF', 'MEMBER');
  const client = await createUser(DEMO.client, 'CLIENT');
  const createAdministration = (input: Record<string, unknown>) =>
    call<{ administration: { id: string } }>(
      gatewayUrl,
      `mutation($input: CreateAdministrationInput!) { createAdministration(input: $input) { administration { id } userErrors { code } } }`,
      { input },
      admin,
    );
  const bakery = await createAdministration({
    name: 'Bakkerij De Vries',
    kind: 'INTERNAL',
    modules: ['LEDGER', 'INVOICING'],
    vatNumber: 'NL123456782B01',
    kvkNumber: '12345678',
  });
  const bikes = await createAdministration({
    name: 'Fietsenmaker Jansen',
    kind: 'INTERNAL_WITH_CLIENT_LOGIN',
    modules: ['LEDGER', 'INVOICING'],
    clientModules: ['INVOICING'],
    vatFilingPeriod: 'MONTH',
  });
  const setAccess = (userId: string, administrationId: string, permissions: string[]) =>
    call(
      gatewayUrl,
      `mutation($input: SetAccessInput!) { setAccess(input: $input) { permissions userErrors { code } } }`,
      { input: { userId, administrationId, permissions } },
      admin,
    );
  await setAccess(member.user.id, bakery.administration.id, [
    'LEDGER_READ',
    'LEDGER_WRITE',
    'VAT_READ',
  ]);
  await setAccess(member.user.id, bikes.administration.id, ['LEDGER_READ', 'INVOICING_READ']);
  await setAccess(client.user.id, bikes.administration.id, ['INVOICING_READ', 'INVOICING_WRITE']);

  const business = await call<{ token: string; administration: { id: string } }>(
    gatewayUrl,
    `mutation($input: SignUpBusinessInput!) { signUpBusiness(input: $input) { token administration { id } userErrors { code } } }`,
    { input: { businessName: 'Studio Bakker', ...DEMO.owner, password } },
  );
  const invitation = await call<{ code: string }>(
    gatewayUrl,
    `mutation($input: CreateLinkInvitationInput!) { createLinkInvitation(input: $input) { code userErrors { code } } }`,
    { input: { email: DEMO.owner.email } },
    admin,
  );
  await call(
    gatewayUrl,
    `mutation($input: AcceptLinkInvitationInput!) { acceptLinkInvitation(input: $input) { administration { id } userErrors { code } } }`,
    { input: { code: invitation.code, administrationId: business.administration.id } },
    business.token,
  );
  return [
    `Demo office "${DEMO.office}" seeded; every demo password is ${password}`,
    `  office ADMIN   ${DEMO.admin.email}`,
    `  MEMBER         ${DEMO.member.email}   (Bakkerij De Vries, Fietsenmaker Jansen)`,
    `  CLIENT         ${DEMO.client.email}   (Fietsenmaker Jansen: invoicing only)`,
    `  business owner ${DEMO.owner.email}    (Studio Bakker, linked to the office)`,
    `Log in: curl -s ${gatewayUrl} -H 'content-type: application/json' -d '{"query":"mutation { login(input: { email: \\"${DEMO.admin.email}\\", password: \\"${password}\\" }) { token } }"}'`,
  ].join('\n');
}
