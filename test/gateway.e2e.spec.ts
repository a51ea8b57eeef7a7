import { GATEWAY_SECRET_HEADER, signAccessToken } from '@kantoor/platform';
import { eventually, postGraphQL, TEST_JWT_SECRET } from '@kantoor/platform/testing';
import { SignJWT } from 'jose';
import type { Factories } from './factories';
import { startTestSystemWithFactories, type TestSystem } from './system';

let system: TestSystem;
let make: Factories;

beforeAll(async () => ({ system, make } = await startTestSystemWithFactories()));
afterAll(() => system?.stop());

const DASHBOARD = `query Dashboard($first: Int) {
  administrations(first: $first) {
    totalCount
    edges { node { id name kind myPermissions accounts { code name type } customers { totalCount } vatReturns { status } } }
  }
}`;

interface DashboardData {
  administrations: {
    totalCount: number;
    edges: {
      node: {
        id: string;
        name: string;
        myPermissions: string[];
        accounts: { code: string }[] | null;
        customers: { totalCount: number } | null;
        vatReturns: unknown[] | null;
      };
    }[];
  };
}

describe('through the real gateway over HTTP', () => {
  test('serves { __typename } and composes all five subgraphs in one query', async () => {
    const office = await make.office();
    const admin = await make.user({ officeId: office.id, officeRole: 'ADMIN' });
    const a = await make.administration({ officeId: office.id, name: 'Bakkerij Jansen' });
    const token = await make.token(admin.id);

    expect((await system.query('{ __typename }')).data).toEqual({ __typename: 'Query' });

    // The ledger opens the books when tenancy's event arrives (at least once, idempotently).
    const data = await eventually(
      async () => {
        const r = await system.query<DashboardData>(DASHBOARD, { token });
        const node = r.data?.administrations.edges[0]?.node;
        // ... and the VAT module learns it the same way (its current period is a return).
        return node?.accounts && node.accounts.length > 0 && node.vatReturns?.length
          ? r
          : undefined;
      },
      { what: 'the ledger to open the books and VAT to know the administration' },
    );
    expect(data.errors).toBeUndefined();
    const node = data.data!.administrations.edges[0]!.node;
    expect(node).toMatchObject({
      id: a.id,
      name: 'Bakkerij Jansen',
      customers: { totalCount: 0 },
      vatReturns: [{ status: 'OPEN' }],
    });
    expect(node.myPermissions).toHaveLength(7);
    expect(node.accounts!.map((x) => x.code)).toContain('8000');
    const priceList = await system.query<{
      priceList: { items: { code: string; unitPrice: string }[] };
    }>('{ priceList { effectiveFrom items { code unitPrice } } }', { token });
    expect(priceList.errors).toBeUndefined();
    expect(priceList.data?.priceList.items).toContainEqual({
      code: 'DASHBOARD_USER',
      unitPrice: '11.25',
    });
  });

  test('a field the viewer may not see is FORBIDDEN alone; the rest arrives', async () => {
    const office = await make.office();
    const member = await make.user({ officeId: office.id, officeRole: 'MEMBER' });
    const a = await make.administration({ officeId: office.id, modules: ['LEDGER', 'INVOICING'] });
    await make.grant(member.id, a.id, ['INVOICING_READ']);
    const r = await system.query<DashboardData>(DASHBOARD, { token: await make.token(member.id) });
    const node = r.data!.administrations.edges[0]!.node;
    expect(node.id).toBe(a.id);
    expect(node.myPermissions).toEqual(['INVOICING_READ']);
    expect(node.customers).toEqual({ totalCount: 0 });
    expect(node.accounts).toBeNull();
    expect(node.vatReturns).toBeNull();
    const codes = r.errors!.map((e) => [e.path?.at(-1), e.extensions?.code]);
    expect(codes).toEqual(
      expect.arrayContaining([
        ['accounts', 'FORBIDDEN'],
        ['vatReturns', 'FORBIDDEN'],
      ]),
    );
  });

  test('a revoked grant takes effect on the next request', async () => {
    const office = await make.office();
    const member = await make.user({ officeId: office.id, officeRole: 'MEMBER' });
    const a = await make.administration({ officeId: office.id });
    await make.grant(member.id, a.id, ['LEDGER_READ']);
    const token = await make.token(member.id);
    const q = `query($id: ID!) { administration(id: $id) { id name } }`;
    expect((await system.query(q, { token, variables: { id: a.id } })).data).toEqual({
      administration: { id: a.id, name: a.name },
    });
    await make.grant(member.id, a.id, []);
    expect((await system.query(q, { token, variables: { id: a.id } })).data).toEqual({
      administration: null,
    });
  });

  test('another office sees nothing of this office', async () => {
    const office = await make.office();
    const a = await make.administration({ officeId: office.id });
    const other = await make.office();
    const otherAdmin = await make.user({ officeId: other.id, officeRole: 'ADMIN' });
    const token = await make.token(otherAdmin.id);
    const one = await system.query(`query($id: ID!) { administration(id: $id) { id } }`, {
      token,
      variables: { id: a.id },
    });
    expect(one.data).toEqual({ administration: null });
    const list = await system.query<DashboardData>(DASHBOARD, { token });
    expect(list.data!.administrations.totalCount).toBe(0);
  });

  test('tampered, expired, alg:none and wrong-key tokens are UNAUTHENTICATED', async () => {
    const office = await make.office();
    const admin = await make.user({ officeId: office.id, officeRole: 'ADMIN' });
    const good = await make.token(admin.id);
    const [h, p, s] = good.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>;
    const otherUser = Buffer.from(
      JSON.stringify({ ...payload, sub: '00000000-0000-4000-8000-000000000000' }),
    ).toString('base64url');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${p}.`;
    const wrongKey = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(admin.id)
      .setIssuer('kantoor')
      .setAudience('kantoor-api')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('another-secret-another-secret-another-secret'));
    const expired = await make.token(admin.id, { ttlSeconds: -60 });
    const noSession = await signAccessToken(
      { sub: admin.id, sid: '00000000-0000-4000-8000-000000000001' },
      TEST_JWT_SECRET,
    );
    for (const token of [`${h}.${otherUser}.${s}`, none, wrongKey, expired, 'garbage']) {
      const r = await system.query('{ me { id } }', { token });
      expect(r.status).toBe(401);
      expect(r.data ?? null).toBeNull();
      expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    // Well signed, but its session does not exist (or was logged out): the subgraph refuses it.
    const loggedOut = await system.query('{ me { id } }', { token: noSession });
    expect(loggedOut.data?.me ?? null).toBeNull();
    expect(loggedOut.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const ok = await system.query<{ me: { id: string } }>('{ me { id } }', { token: good });
    expect(ok.data?.me.id).toBe(admin.id);
  });

  test('an anonymous caller is UNAUTHENTICATED on guarded fields', async () => {
    const r = await system.query('{ me { id } }');
    expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const list = await system.query('{ administrations { totalCount } }');
    expect(list.data ?? null).toBeNull();
    expect(list.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('_service and _entities are not reachable through the gateway', async () => {
    for (const q of [
      '{ _service { sdl } }',
      '{ _entities(representations: [{ __typename: "Administration", id: "x" }]) { __typename } }',
    ]) {
      const r = await system.query(q);
      expect(r.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    }
  });

  test('malformed JSON, a syntax error and an oversized body are refused; the gateway keeps serving', async () => {
    const post = (body: string, headers: Record<string, string> = {}) =>
      fetch(system.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
    const malformed = await post('{"query": "{ __typename }"');
    expect(malformed.status).toBe(400);
    const syntax = await system.query('{ __typename ');
    expect(syntax.status).toBe(400);
    expect(syntax.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    const huge = await post(JSON.stringify({ query: `{ __typename ${' '.repeat(3_000_000)}}` }));
    expect(huge.status).toBe(413);
    // CSRF prevention: a simple (form-like) request without a preflight is refused.
    const csrf = await fetch(`${system.gateway.url}?query=${encodeURIComponent('{ __typename }')}`);
    expect(csrf.status).toBe(400);
    expect((await system.query('{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  test('the request id is returned and can be passed in', async () => {
    const response = await fetch(system.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-test-1234' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.headers.get('x-request-id')).toBe('req-test-1234');
  });

  test('the gateway and the subgraphs answer compact JSON without an ETag (no indentation to write and parse, no body to hash)', async () => {
    const office = await make.office();
    const admin = await make.user({ officeId: office.id, officeRole: 'ADMIN' });
    await make.administration({ officeId: office.id, name: 'Compact BV' });
    const token = await make.token(admin.id);
    const query = '{ administrations(first: 5) { totalCount edges { node { id name } } } }';
    const viaGateway = await fetch(system.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
    });
    const direct = await fetch(system.subgraphs.tenancy.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        [GATEWAY_SECRET_HEADER]: system.subgraphs.tenancy.gatewaySecret,
      },
      body: JSON.stringify({ query }),
    });
    for (const response of [viaGateway, direct]) {
      expect(response.headers.get('etag')).toBeNull();
      const text = await response.text();
      const body = JSON.parse(text) as { data: { administrations: { totalCount: number } } };
      expect(body.data.administrations.totalCount).toBe(1);
      expect(text).toBe(JSON.stringify(body));
    }
  });
});

describe('subgraphs reached directly', () => {
  test('without or with a wrong gateway secret they refuse', async () => {
    const ledger = system.subgraphs.ledger;
    const none = await postGraphQL(ledger.url, '{ _service { sdl } }');
    expect(none.status).toBe(403);
    expect(none.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const wrong = await postGraphQL(ledger.url, '{ _service { sdl } }', {
      headers: { [GATEWAY_SECRET_HEADER]: 'x'.repeat(48) },
    });
    expect(wrong.status).toBe(403);
    const right = await ledger.query<{ _service: { sdl: string } }>('{ _service { sdl } }');
    expect(right.data?._service.sdl).toContain('type Administration');
  });

  test('_entities on a shielded subgraph obeys the field rules per administration', async () => {
    const office = await make.office();
    const member = await make.user({ officeId: office.id, officeRole: 'MEMBER' });
    const allowed = await make.administration({ officeId: office.id });
    const denied = await make.administration({ officeId: office.id });
    await make.grant(member.id, allowed.id, ['LEDGER_READ']);
    const token = await make.token(member.id);
    const q = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Administration { id accounts { code } } } }`;
    const r = await eventually(
      async () => {
        const res = await system.subgraphs.ledger.query<{
          _entities: ({ id: string; accounts: { code: string }[] | null } | null)[];
        }>(q, {
          token,
          variables: {
            r: [
              { __typename: 'Administration', id: allowed.id },
              { __typename: 'Administration', id: denied.id },
            ],
          },
        });
        return (res.data?._entities[0]?.accounts?.length ?? 0) > 0 ? res : undefined;
      },
      { what: 'books opened' },
    );
    expect(r.data!._entities[0]!.id).toBe(allowed.id);
    expect(r.data!._entities[1]).toEqual({ id: denied.id, accounts: null });
    expect(r.errors).toHaveLength(1);
    expect(r.errors![0]!.path).toEqual(['_entities', 1, 'accounts']);
    expect(r.errors![0]!.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('a subgraph that is down', () => {
  test('gives partial data plus an error, not a crashed gateway', async () => {
    const office = await make.office();
    const admin = await make.user({ officeId: office.id, officeRole: 'ADMIN' });
    const a = await make.administration({ officeId: office.id, name: 'Partial BV' });
    const token = await make.token(admin.id);
    await system.subgraphs.vat.stop();
    const r = await system.query<DashboardData>(
      `{ administrations { edges { node { id name vatReturns { status } } } } }`,
      { token },
    );
    expect(r.status).toBe(200);
    expect(r.data!.administrations.edges[0]!.node).toEqual({
      id: a.id,
      name: 'Partial BV',
      vatReturns: null,
    });
    expect(r.errors?.some((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE')).toBe(true);
    expect((await system.query('{ __typename }')).data).toEqual({ __typename: 'Query' });
  });
});
