import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventually } from '@kantoor/platform/testing';
import type { Factories } from './factories';
import { startTestSystemWithFactories, type TestSystem } from './system';

/**
 * Webhooks per office through the gateway (issue 16, docs/decisions/0018-webhooks.md), with a
 * local HTTP receiver: deliveries are signed (verified here with plain HMAC-SHA256, as a
 * receiver would), retried after a 500, the webhook is disabled after 3 failures in a row
 * (the test configuration), another office's webhook gets nothing, and only the office ADMIN
 * (with a login session) manages them.
 */
let system: TestSystem;
let make: Factories;
let receiver: Server;
let base: string;

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}
const received: Received[] = [];
/** Status answers per path, used up one by one; then 200. `/down...` always answers 500. */
const script = new Map<string, number[]>();

beforeAll(async () => {
  ({ system, make } = await startTestSystemWithFactories());
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const planned = script.get(path)?.shift();
      res.statusCode = path.startsWith('/down') ? 500 : (planned ?? 200);
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => receiver?.close(resolve));
  await system?.stop();
});

const CREATE = `mutation($input: CreateWebhookInput!) {
  createWebhook(input: $input) {
    webhook { id url eventTypes enabled consecutiveFailures }
    secret
    userErrors { field code }
  }
}`;
interface CreateData {
  createWebhook: {
    webhook: { id: string; enabled: boolean } | null;
    secret: string | null;
    userErrors: { field: string[]; code: string }[];
  } | null;
}
const HOOKS = `{ me { office { webhooks {
  id enabled disabledReason consecutiveFailures
  deliveries(first: 10) { totalCount edges { node { eventId eventType status attempts lastStatusCode } } }
} } } }`;
interface HookState {
  id: string;
  enabled: boolean;
  disabledReason: string | null;
  consecutiveFailures: number;
  deliveries: {
    totalCount: number;
    edges: {
      node: {
        eventId: string;
        eventType: string;
        status: string;
        attempts: number;
        lastStatusCode: number | null;
      };
    }[];
  };
}

async function office() {
  const o = await make.office();
  const admin = await make.user({ officeId: o.id, officeRole: 'ADMIN' });
  return { id: o.id, admin, token: await make.token(admin.id) };
}

async function createHook(token: string, path: string, eventTypes: string[]) {
  const r = await system.query<CreateData>(CREATE, {
    token,
    variables: { input: { url: `${base}${path}`, eventTypes, description: 'Boekhoudkoppeling' } },
  });
  expect(r.errors).toBeUndefined();
  expect(r.data!.createWebhook!.userErrors).toEqual([]);
  return { id: r.data!.createWebhook!.webhook!.id, secret: r.data!.createWebhook!.secret! };
}

async function hooks(token: string): Promise<HookState[]> {
  const r = await system.query<{ me: { office: { webhooks: HookState[] } } }>(HOOKS, { token });
  expect(r.errors).toBeUndefined();
  return r.data!.me.office.webhooks;
}

function verify(secret: string, header: string, body: string): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2)));
  const expected = createHmac('sha256', secret).update(`${parts.t}.${body}`).digest();
  const given = Buffer.from(String(parts.v1), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

test('a signed delivery of administration.created reaches the office hook, not another office', async () => {
  const a = await office();
  const b = await office();
  const hookA = await createHook(a.token, '/ok/a', ['ADMINISTRATION_CREATED']);
  await createHook(b.token, '/ok/b', ['ADMINISTRATION_CREATED', 'ADMINISTRATION_ARCHIVED']);
  const administration = await make.administration({ officeId: a.id, name: 'Bakkerij Jansen' });
  const got = await eventually(async () => received.find((r) => r.path === '/ok/a'), {
    what: 'a delivery to office A',
  });
  const body = JSON.parse(got.body);
  expect(body).toEqual({
    id: expect.any(String),
    type: 'administration.created',
    createdAt: expect.any(String),
    officeId: a.id,
    data: { administrationId: administration.id, name: 'Bakkerij Jansen', kind: 'INTERNAL' },
  });
  const signature = String(got.headers['kantoor-signature']);
  expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
  expect(verify(hookA.secret, signature, got.body)).toBe(true);
  expect(verify(hookA.secret, signature, got.body.replace('Jansen', 'Janssen'))).toBe(false);
  expect(got.headers['kantoor-event-type']).toBe('administration.created');
  expect(got.headers['kantoor-event-id']).toBe(body.id);

  const [state] = await eventually(async () => {
    const list = await hooks(a.token);
    return list[0]?.deliveries.edges[0]?.node.status === 'SUCCEEDED' ? list : undefined;
  });
  expect(state!.deliveries.totalCount).toBe(1);
  expect(state!.deliveries.edges[0]!.node).toEqual({
    eventId: body.id,
    eventType: 'ADMINISTRATION_CREATED',
    status: 'SUCCEEDED',
    attempts: 1,
    lastStatusCode: 200,
  });
  // Office B's hook saw nothing of office A.
  expect(received.filter((r) => r.path === '/ok/b')).toEqual([]);
  expect((await hooks(b.token))[0]!.deliveries.totalCount).toBe(0);
});

test('a 500 is retried with back-off and then delivered', async () => {
  const a = await office();
  script.set('/flaky', [500]);
  await createHook(a.token, '/flaky', ['ADMINISTRATION_ARCHIVED']);
  const administration = await make.administration({ officeId: a.id });
  const archived = await system.query(
    `mutation($id: ID!) { archiveAdministration(input: { administrationId: $id }) { userErrors { code } } }`,
    { token: a.token, variables: { id: administration.id } },
  );
  expect(archived.errors).toBeUndefined();
  const [state] = await eventually(
    async () => {
      const list = await hooks(a.token);
      // The webhook and its deliveries are read by two statements: one read can fall between
      // them and the commit that marks the delivery and resets the count. Wait for both.
      const settled =
        list[0]?.deliveries.edges[0]?.node.status === 'SUCCEEDED' &&
        list[0]?.consecutiveFailures === 0;
      return settled ? list : undefined;
    },
    { timeoutMs: 40_000, what: 'the retried delivery and the reset failure count' },
  );
  expect(state!.deliveries.edges[0]!.node).toMatchObject({
    eventType: 'ADMINISTRATION_ARCHIVED',
    attempts: 2,
    lastStatusCode: 200,
  });
  expect(state!.consecutiveFailures).toBe(0);
  const attempts = received.filter((r) => r.path === '/flaky');
  expect(attempts.map((r) => r.headers['kantoor-delivery-attempt'])).toEqual(['1', '2']);
  // The same event both times.
  expect(new Set(attempts.map((r) => r.headers['kantoor-event-id'])).size).toBe(1);
});

test('after 3 failed attempts in a row the webhook is disabled and gets no further events', async () => {
  const a = await office();
  await createHook(a.token, '/down', ['ADMINISTRATION_CREATED']);
  await make.administration({ officeId: a.id });
  const [state] = await eventually(
    async () => {
      const list = await hooks(a.token);
      return list[0] && !list[0].enabled ? list : undefined;
    },
    { timeoutMs: 60_000, what: 'the webhook to be disabled' },
  );
  expect(state!.consecutiveFailures).toBe(3);
  expect(state!.disabledReason).toMatch(/3 failed deliveries in a row/);
  expect(received.filter((r) => r.path === '/down')).toHaveLength(3);
  // A new event is not delivered to a disabled webhook.
  await make.administration({ officeId: a.id });
  await make.administration({ officeId: a.id });
  const rows = await system.subgraphs.tenancy.runtime.dataSource.query(
    `SELECT count(*)::int AS n FROM tenancy.webhook_deliveries WHERE webhook_id = $1`,
    [state!.id],
  );
  // Fan-out happens asynchronously; after it, still one delivery (the failed one).
  await eventually(async () => {
    const [{ n }] = await system.subgraphs.tenancy.runtime.dataSource.query(
      `SELECT count(*)::int AS n FROM tenancy.processed_events
        WHERE queue = 'tenancy.webhooks.administration.created'`,
    );
    return n >= 4 ? true : undefined;
  });
  expect(rows[0].n).toBe(1);
  const again = await system.subgraphs.tenancy.runtime.dataSource.query(
    `SELECT count(*)::int AS n FROM tenancy.webhook_deliveries WHERE webhook_id = $1`,
    [state!.id],
  );
  expect(again[0].n).toBe(1);
  // The ADMIN enables it again: the failure count starts over.
  const enabled = await system.query<{
    updateWebhook: { webhook: { enabled: boolean; consecutiveFailures: number } };
  }>(
    `mutation($id: ID!) { updateWebhook(input: { id: $id, enabled: true }) { webhook { enabled consecutiveFailures } userErrors { code } } }`,
    { token: a.token, variables: { id: state!.id } },
  );
  expect(enabled.data!.updateWebhook.webhook).toEqual({ enabled: true, consecutiveFailures: 0 });
});

describe('only the office ADMIN manages webhooks', () => {
  test('MEMBER, CLIENT, an API token of the ADMIN and anonymous are refused; nothing is written', async () => {
    const a = await office();
    const member = await make.user({ officeId: a.id, officeRole: 'MEMBER' });
    const client = await make.user({ officeId: a.id, kind: 'CLIENT' });
    const created = await system.query<{ createApiToken: { token: string } }>(
      `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }`,
      {
        token: a.token,
        variables: {
          input: {
            name: 'Tool',
            expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
            permissions: ['ADMINISTRATION_MANAGE'],
          },
        },
      },
    );
    const apiToken = created.data!.createApiToken.token;
    const bearers: [string, string | null, string][] = [
      ['member', await make.token(member.id), 'FORBIDDEN'],
      ['client', await make.token(client.id), 'FORBIDDEN'],
      ['api token', apiToken, 'FORBIDDEN'],
      ['anonymous', null, 'UNAUTHENTICATED'],
    ];
    for (const [who, token, code] of bearers) {
      const r = await system.query<CreateData>(CREATE, {
        token,
        variables: { input: { url: `${base}/x`, eventTypes: ['INVOICE_PAID'] } },
      });
      expect([who, r.data?.createWebhook ?? null]).toEqual([who, null]);
      expect([who, r.errors?.map((e) => e.extensions?.code)]).toEqual([who, [code]]);
      if (token && who !== 'client') {
        const list = await system.query(`{ me { office { id webhooks { id } } } }`, { token });
        expect([who, list.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])]).toEqual([
          who,
          [['me.office.webhooks', 'FORBIDDEN']],
        ]);
      }
    }
    const rows = await system.subgraphs.tenancy.runtime.dataSource.query(
      `SELECT count(*)::int AS n FROM tenancy.webhooks WHERE office_id = $1`,
      [a.id],
    );
    expect(rows[0].n).toBe(0);
  });

  test("another office's ADMIN cannot see, change or delete a webhook: WEBHOOK_NOT_FOUND", async () => {
    const a = await office();
    const b = await office();
    const hook = await createHook(a.token, '/ok/private', ['INVOICE_FINALIZED']);
    for (const mutation of [
      `mutation($id: ID!) { updateWebhook(input: { id: $id, enabled: false }) { webhook { id } userErrors { code } } }`,
      `mutation($id: ID!) { deleteWebhook(input: { id: $id }) { deletedWebhookId userErrors { code } } }`,
    ]) {
      const r = await system.query<Record<string, { userErrors: { code: string }[] }>>(mutation, {
        token: b.token,
        variables: { id: hook.id },
      });
      expect(Object.values(r.data!)[0]!.userErrors.map((e) => e.code)).toEqual([
        'WEBHOOK_NOT_FOUND',
      ]);
    }
    expect((await hooks(a.token)).map((h) => [h.id, h.enabled])).toEqual([[hook.id, true]]);
    expect(await hooks(b.token)).toEqual([]);
  });

  test('INVALID_URL and NO_EVENT_TYPES', async () => {
    const a = await office();
    for (const [input, code, field] of [
      [{ url: 'ftp://example.nl/hook', eventTypes: ['INVOICE_PAID'] }, 'INVALID_URL', 'url'],
      [{ url: 'https://user:pw@example.nl/', eventTypes: ['INVOICE_PAID'] }, 'INVALID_URL', 'url'],
      [{ url: 'https://example.nl/hook', eventTypes: [] }, 'NO_EVENT_TYPES', 'eventTypes'],
    ] as const) {
      const r = await system.query<CreateData>(CREATE, { token: a.token, variables: { input } });
      expect(r.data!.createWebhook).toEqual({
        webhook: null,
        secret: null,
        userErrors: [{ code, field: ['input', field] }],
      });
    }
  });
});

test('every event type fans out with its documented data (module events published directly)', async () => {
  const a = await office();
  await createHook(a.token, '/ok/all', [
    'JOURNAL_ENTRY_POSTED',
    'INVOICE_FINALIZED',
    'INVOICE_PAID',
    'VAT_RETURN_STATUS_CHANGED',
  ]);
  const administration = await make.administration({ officeId: a.id });
  const tenancy = system.subgraphs.tenancy.runtime;
  const administrationId = administration.id;
  await tenancy.dataSource.transaction(async (m) => {
    await tenancy.events.publish(m, 'ledger.entry-posted', {
      administrationId,
      entryId: 'e1',
      entryNumber: 'MEM-1',
      date: '2026-11-30',
      reversesEntryId: null,
      vatLines: [{ internal: true }],
    });
    await tenancy.events.publish(m, 'invoicing.document-finalized', {
      administrationId,
      documentId: 'i1',
      documentType: 'INVOICE',
      number: '2026-0001',
      issueDate: '2026-11-30',
      dueDate: '2026-12-30',
      customerId: 'c1',
      customerName: 'not sent',
      totalExclVat: '100.00',
      totalVat: '21.00',
      totalInclVat: '121.00',
      currency: 'EUR',
    });
    await tenancy.events.publish(m, 'invoicing.invoice-paid', {
      administrationId,
      invoiceId: 'i1',
      number: '2026-0001',
      totalInclVat: '121.00',
      paidAt: '2026-12-01',
    });
    await tenancy.events.publish(m, 'vat.return-status-changed', {
      administrationId,
      period: '2026-Q3',
      status: 'PREPARED',
      previousStatus: 'OPEN',
      suppletie: null,
    });
  });
  const bodies = await eventually(
    async () => {
      const got = received.filter((r) => r.path === '/ok/all');
      return got.length >= 4 ? got.map((r) => JSON.parse(r.body)) : undefined;
    },
    { what: 'four deliveries' },
  );
  const byType = Object.fromEntries(bodies.map((b) => [b.type, b.data]));
  expect(byType).toEqual({
    'journal_entry.posted': {
      administrationId,
      entryId: 'e1',
      entryNumber: 'MEM-1',
      date: '2026-11-30',
      reversesEntryId: null,
    },
    'invoice.finalized': {
      administrationId,
      documentType: 'INVOICE',
      number: '2026-0001',
      issueDate: '2026-11-30',
      dueDate: '2026-12-30',
      invoiceId: 'i1',
      customerId: 'c1',
      totalExclVat: '100.00',
      totalVat: '21.00',
      totalInclVat: '121.00',
      currency: 'EUR',
    },
    'invoice.paid': {
      administrationId,
      invoiceId: 'i1',
      number: '2026-0001',
      totalInclVat: '121.00',
      paidAt: '2026-12-01',
    },
    'vat_return.status_changed': {
      administrationId,
      period: '2026-Q3',
      status: 'PREPARED',
      previousStatus: 'OPEN',
      suppletie: null,
    },
  });
});
