import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { startTestSystem, type TestSystem } from '../../../../../../test/system';
import { deliver, events as e } from '../../../__tests__/billing-test.helpers';
import { Tenancy } from '../../../__tests__/gateway.helpers';

/**
 * runBilling, billingStatements, priceList(s) and setPriceList through the gateway. The
 * subgraphs run on the system clock, so the usage billed here lies in months that have
 * ended (2026-02 .. 2026-04): those events are delivered to billing's consumers directly,
 * dated in those months, as tenancy would have published them then.
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

function billingDb(): DataSource {
  return system.subgraphs.billing.runtime.dataSource;
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await billingDb().query(sql, params);
  return Number(row.n);
}

/** An office (in tenancy) with an ADMIN, a MEMBER and a CLIENT, and their tokens. */
async function officeWithPeople() {
  const office = await tenancy.make.office();
  const people = {} as Record<'admin' | 'member' | 'client', { id: string; token: string }>;
  for (const [key, options] of [
    ['admin', { officeRole: 'ADMIN' as const }],
    ['member', { officeRole: 'MEMBER' as const }],
    ['client', { kind: 'CLIENT' as const }],
  ] as const) {
    const user = await tenancy.make.user({ officeId: office.id, ...options });
    people[key] = { id: user.id, token: await tenancy.make.token(user.id) };
  }
  return { officeId: office.id, ...people };
}

/** Billing's usage history of an office since 1 December 2025 (its trial over by January). */
async function pastUsage(officeId: string, adminId: string) {
  for (const ev of [
    e.officeCreated(officeId, '2025-12-01T10:00:00Z'),
    e.staffAdded(officeId, adminId, '2025-12-01T10:00:00Z', 'ADMIN'),
    e.administrationCreated(officeId, randomUUID(), '2025-12-02T10:00:00Z'),
    e.administrationCreated(officeId, randomUUID(), '2026-03-16T10:00:00Z'),
    e.administrationCreated(
      officeId,
      randomUUID(),
      '2025-12-02T10:00:00Z',
      'INTERNAL_WITH_CLIENT_LOGIN',
      ['INVOICING'],
    ),
  ]) {
    await deliver(billingDb(), ev);
  }
}

const RUN = `mutation($input: RunBillingInput!) {
  runBilling(input: $input) { statementsCreated userErrors { field code message } }
}`;
interface RunData {
  runBilling: {
    statementsCreated: number;
    userErrors: { field: string[]; code: string; message: string }[];
  };
}
const STATEMENTS = `{ me { office { billingStatements {
  period from to issuedAt
  lines { code description quantity weightedQuantity unitPrice amount }
  totalExclVat vat totalInclVat
} } } }`;

describe('runBilling (OPS only)', () => {
  test('makes one statement per office for a month that has ended; a second run makes none', async () => {
    const a = await officeWithPeople();
    const b = await officeWithPeople();
    await pastUsage(a.officeId, a.admin.id);
    await pastUsage(b.officeId, b.admin.id);

    const first = await system.query<RunData>(RUN, {
      token: opsToken,
      variables: { input: { period: '2026-03' } },
    });
    expect(first.errors).toBeUndefined();
    expect(first.data!.runBilling).toEqual({ statementsCreated: 2, userErrors: [] });
    const again = await system.query<RunData>(RUN, {
      token: opsToken,
      variables: { input: { period: '2026-03' } },
    });
    expect(again.data!.runBilling).toEqual({ statementsCreated: 0, userErrors: [] });

    const r = await system.query<{
      me: { office: { billingStatements: Record<string, unknown>[] } };
    }>(STATEMENTS, { token: a.admin.token });
    expect(r.errors).toBeUndefined();
    const [march] = r.data!.me.office.billingStatements;
    expect(march).toMatchObject({
      period: '2026-03',
      from: '2026-03-01',
      to: '2026-03-31',
      // 1 + 16/31 internal: 6.00 x 47/31 = 9.0968 -> 9.10
      lines: [
        { code: 'DASHBOARD', quantity: 1, unitPrice: '0.00', amount: '0.00' },
        { code: 'DASHBOARD_USER', quantity: 1, unitPrice: '11.25', amount: '11.25' },
        {
          code: 'INTERNAL_1_25',
          quantity: 2,
          weightedQuantity: '1.5161',
          unitPrice: '6.00',
          amount: '9.10',
        },
        { code: 'CLIENT_LOGIN_INVOICING', quantity: 1, unitPrice: '7.50', amount: '7.50' },
      ],
      // 27.85 x 21% = 5.8485 -> 5.85
      totalExclVat: '27.85',
      vat: '5.85',
      totalInclVat: '33.70',
    });
    expect(typeof march!.issuedAt).toBe('string');
  });

  test('two runs racing make one statement per office', async () => {
    const c = await officeWithPeople();
    await pastUsage(c.officeId, c.admin.id);
    const pending = await count(
      `SELECT count(*) AS n FROM billing.offices o WHERE o.first_seen_on <= '2026-04-30'
         AND NOT EXISTS (SELECT 1 FROM billing.statements s WHERE s.office_id = o.id AND s.period = '2026-04')`,
    );
    expect(pending).toBeGreaterThanOrEqual(3);
    const runs = await Promise.all(
      [1, 2, 3].map(() =>
        system.query<RunData>(RUN, {
          token: opsToken,
          variables: { input: { period: '2026-04' } },
        }),
      ),
    );
    expect(runs.reduce((n, r) => n + r.data!.runBilling.statementsCreated, 0)).toBe(pending);
    expect(
      await count(
        `SELECT count(*) AS n FROM (SELECT office_id FROM billing.statements WHERE period = '2026-04'
           GROUP BY office_id HAVING count(*) > 1) twice`,
      ),
    ).toBe(0);
    const r = await system.query<{ me: { office: { billingStatements: { period: string }[] } } }>(
      STATEMENTS,
      { token: c.admin.token },
    );
    // Newest first.
    expect(r.data!.me.office.billingStatements.map((s) => s.period)).toEqual(['2026-04']);
  });

  test('malformed, unended or unpriced months are userErrors; nothing is written', async () => {
    const runs = () => count(`SELECT count(*) AS n FROM billing.billing_runs`);
    const before = await runs();
    for (const [period, code] of [
      ['2026-13', 'INVALID_PERIOD'],
      ['26-01', 'INVALID_PERIOD'],
      ['2099-01', 'PERIOD_NOT_ENDED'],
      ['2025-06', 'NO_PRICE_LIST'],
    ] as const) {
      const r = await system.query<RunData>(RUN, {
        token: opsToken,
        variables: { input: { period } },
      });
      expect(r.data!.runBilling).toEqual({
        statementsCreated: 0,
        userErrors: [{ field: ['input', 'period'], code, message: expect.any(String) }],
      });
    }
    expect(await runs()).toBe(before);
  });

  test('office ADMINs, members and clients get FORBIDDEN, anonymous UNAUTHENTICATED; nothing is billed', async () => {
    const d = await officeWithPeople();
    await pastUsage(d.officeId, d.admin.id);
    for (const token of [d.admin.token, d.member.token, d.client.token, null]) {
      const r = await system.query<RunData>(RUN, {
        token,
        variables: { input: { period: '2026-02' } },
      });
      expect(r.data ?? null).toBeNull();
      expect(r.errors?.[0]?.extensions?.code).toBe(token ? 'FORBIDDEN' : 'UNAUTHENTICATED');
    }
    expect(
      await count(`SELECT count(*) AS n FROM billing.statements WHERE period = '2026-02'`),
    ).toBe(0);
    expect(
      await count(`SELECT count(*) AS n FROM billing.billing_runs WHERE period = '2026-02'`),
    ).toBe(0);
  });
});

const PRICE_LIST = `{ priceList { effectiveFrom items { code description unitPrice } } }`;
const PRICE_LISTS = `query($first: Int, $after: String) { priceLists(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id effectiveFrom items { code unitPrice } } } } }`;
const SET = `mutation($input: SetPriceListInput!) {
  setPriceList(input: $input) {
    priceList { effectiveFrom items { code unitPrice } }
    userErrors { field code message }
  }
}`;
interface SetData {
  setPriceList: {
    priceList: { effectiveFrom: string; items: { code: string; unitPrice: string }[] } | null;
    userErrors: { field: string[]; code: string; message: string }[];
  };
}

describe('price lists', () => {
  test('priceList: office ADMINs and ops; members and clients FORBIDDEN', async () => {
    const o = await officeWithPeople();
    for (const token of [o.admin.token, opsToken]) {
      const r = await system.query<{
        priceList: { effectiveFrom: string; items: { code: string; unitPrice: string }[] };
      }>(PRICE_LIST, { token });
      expect(r.errors).toBeUndefined();
      expect(r.data!.priceList.effectiveFrom).toBe('2026-01-01');
      expect(r.data!.priceList.items.map((i) => [i.code, i.unitPrice])).toEqual([
        ['DASHBOARD', '0.00'],
        ['DASHBOARD_USER', '11.25'],
        ['INTERNAL_1_25', '6.00'],
        ['INTERNAL_26_100', '4.50'],
        ['INTERNAL_101_UP', '3.00'],
        ['CLIENT_LOGIN_INVOICING', '7.50'],
        ['CLIENT_LOGIN_LEDGER', '10.00'],
        ['CLIENT_LOGIN_LEDGER_INVOICING', '12.50'],
        ['EXTERNAL', '0.00'],
      ]);
    }
    for (const token of [o.member.token, o.client.token]) {
      const r = await system.query(PRICE_LIST, { token });
      expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const anonymous = await system.query(PRICE_LIST);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const versions = await system.query(PRICE_LISTS, { token: o.admin.token });
    expect(versions.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  test('setPriceList (OPS) schedules prices from a future month; the list in force stays', async () => {
    const r = await system.query<SetData>(SET, {
      token: opsToken,
      variables: {
        input: {
          fromPeriod: '2099-01',
          items: [
            { code: 'DASHBOARD_USER', unitPrice: '12.00' },
            { code: 'EXTERNAL', unitPrice: '0' },
          ],
        },
      },
    });
    expect(r.errors).toBeUndefined();
    expect(r.data!.setPriceList.userErrors).toEqual([]);
    expect(r.data!.setPriceList.priceList!.effectiveFrom).toBe('2099-01-01');
    expect(r.data!.setPriceList.priceList!.items).toContainEqual({
      code: 'DASHBOARD_USER',
      unitPrice: '12.00',
    });
    expect(r.data!.setPriceList.priceList!.items).toContainEqual({
      code: 'INTERNAL_1_25',
      unitPrice: '6.00',
    });
    type Lists = {
      priceLists: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string };
        edges: { node: { effectiveFrom: string } }[];
      };
    };
    const lists = await system.query<Lists>(PRICE_LISTS, { token: opsToken });
    expect(lists.errors).toBeUndefined();
    expect(lists.data!.priceLists.edges.map((e) => e.node.effectiveFrom)).toEqual([
      '2099-01-01',
      '2026-01-01',
    ]);
    // Pages of one: the latest first, then the one after its cursor.
    const page1 = await system.query<Lists>(PRICE_LISTS, {
      token: opsToken,
      variables: { first: 1 },
    });
    expect(page1.data!.priceLists.totalCount).toBe(2);
    expect(page1.data!.priceLists.pageInfo.hasNextPage).toBe(true);
    const page2 = await system.query<Lists>(PRICE_LISTS, {
      token: opsToken,
      variables: { first: 1, after: page1.data!.priceLists.pageInfo.endCursor },
    });
    expect(page2.data!.priceLists.edges.map((e) => e.node.effectiveFrom)).toEqual(['2026-01-01']);
    expect(page2.data!.priceLists.pageInfo.hasNextPage).toBe(false);
    const now = await system.query<{ priceList: { effectiveFrom: string } }>(PRICE_LIST, {
      token: opsToken,
    });
    expect(now.data!.priceList.effectiveFrom).toBe('2026-01-01');
  });

  test('each bad input is a userError pointing at its field; nothing is written', async () => {
    const versions = () => count(`SELECT count(*) AS n FROM billing.price_lists`);
    const before = await versions();
    const cases: [Record<string, unknown>, string, string[]][] = [
      [
        { fromPeriod: '2099-13', items: [{ code: 'DASHBOARD', unitPrice: '1.00' }] },
        'INVALID_PERIOD',
        ['input', 'fromPeriod'],
      ],
      [
        { fromPeriod: '26-01', items: [{ code: 'DASHBOARD', unitPrice: '1.00' }] },
        'INVALID_PERIOD',
        ['input', 'fromPeriod'],
      ],
      [
        { fromPeriod: '2026-01', items: [{ code: 'DASHBOARD', unitPrice: '1.00' }] },
        'PERIOD_NOT_IN_FUTURE',
        ['input', 'fromPeriod'],
      ],
      [{ fromPeriod: '2098-01', items: [] }, 'ITEMS_REQUIRED', ['input', 'items']],
      [
        { fromPeriod: '2098-01', items: [{ code: 'COFFEE', unitPrice: '1.00' }] },
        'UNKNOWN_ITEM',
        ['input', 'items', '0', 'code'],
      ],
      [
        {
          fromPeriod: '2098-01',
          items: [
            { code: 'DASHBOARD', unitPrice: '1.00' },
            { code: 'DASHBOARD', unitPrice: '2.00' },
          ],
        },
        'DUPLICATE_ITEM',
        ['input', 'items', '1', 'code'],
      ],
      [
        { fromPeriod: '2098-01', items: [{ code: 'DASHBOARD', unitPrice: 'ten' }] },
        'INVALID_PRICE',
        ['input', 'items', '0', 'unitPrice'],
      ],
      [
        { fromPeriod: '2098-01', items: [{ code: 'DASHBOARD', unitPrice: '1.234' }] },
        'INVALID_PRICE',
        ['input', 'items', '0', 'unitPrice'],
      ],
      [
        { fromPeriod: '2098-01', items: [{ code: 'DASHBOARD_USER', unitPrice: '-1.00' }] },
        'NEGATIVE_PRICE',
        ['input', 'items', '0', 'unitPrice'],
      ],
    ];
    for (const [input, code, field] of cases) {
      const r = await system.query<SetData>(SET, { token: opsToken, variables: { input } });
      expect([input, r.data!.setPriceList]).toEqual([
        input,
        { priceList: null, userErrors: [{ code, field, message: expect.any(String) }] },
      ]);
    }
    // Money never travels as a float: the subgraph's Decimal scalar refuses a JSON number while
    // coercing the variables (BAD_USER_INPUT); through the gateway the request fails as well.
    const floatInput = {
      input: { fromPeriod: '2098-01', items: [{ code: 'DASHBOARD', unitPrice: 1.5 }] },
    };
    const direct = await system.subgraphs.billing.query(SET, {
      token: opsToken,
      variables: floatInput,
    });
    expect(direct.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const float = await system.query<SetData>(SET, { token: opsToken, variables: floatInput });
    expect(float.data?.setPriceList ?? null).toBeNull();
    expect(float.errors?.length).toBeGreaterThan(0);
    expect(await versions()).toBe(before);
  });

  test('office ADMINs, members and clients cannot set prices (FORBIDDEN); anonymous UNAUTHENTICATED', async () => {
    const o = await officeWithPeople();
    const versions = () => count(`SELECT count(*) AS n FROM billing.price_lists`);
    const before = await versions();
    for (const token of [o.admin.token, o.member.token, o.client.token, null]) {
      const r = await system.query(SET, {
        token,
        variables: {
          input: { fromPeriod: '2097-01', items: [{ code: 'DASHBOARD', unitPrice: '0.00' }] },
        },
      });
      expect(r.data ?? null).toBeNull();
      expect(r.errors?.[0]?.extensions?.code).toBe(token ? 'FORBIDDEN' : 'UNAUTHENTICATED');
    }
    expect(await versions()).toBe(before);
  });
});
