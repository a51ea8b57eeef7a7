import type { Factories } from './factories';
import { startTestSystemWithFactories, type TestSystem } from './system';

/**
 * Issue 10's acceptance, through the real gateway: an office onboards 40 clients in a
 * row; the ledger opens every chart and billing counts every administration within
 * seconds, not one per second. The issue's 3 s and 5 s are measured by `npm run bench:events`
 * on an idle machine; this test's bound only tells one-per-second delivery from a loaded CI.
 */

let system: TestSystem;
let make: Factories;

beforeAll(async () => ({ system, make } = await startTestSystemWithFactories()));
afterAll(() => system?.stop());

const CREATE = `mutation($input: CreateAdministrationInput!) {
  createAdministration(input: $input) { administration { id } userErrors { code message } }
}`;
const ACCOUNTS = `query {
  administrations(first: 100) { totalCount edges { node { id accounts { code } } } }
}`;
const QUOTE = `query { priceQuote(kind: INTERNAL) { currentCount } }`;

/**
 * Runs `check` until it passes; returns how long after `since` the passing check started.
 * Fails once a check would start later than `boundMs` after `since`.
 */
async function readableWithin(
  since: number,
  boundMs: number,
  what: string,
  check: () => Promise<boolean>,
): Promise<number> {
  for (;;) {
    const started = Date.now();
    if (started - since > boundMs) throw new Error(`${what}: not within ${boundMs} ms`);
    if (await check()) return started - since;
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface AccountsData {
  administrations: {
    totalCount: number;
    edges: { node: { id: string; accounts: unknown[] | null } }[];
  };
}

/**
 * Delivery, not speed: every one of 40 events reaches the ledger and billing, none twice. How
 * fast is measured by `npm run bench:events` (docs/benchmarks.md), not here. The 20 s bound is
 * a regression guard against the old one-event-per-second polling (40 s for 40 events) that
 * still holds on a loaded CI machine.
 */
test('40 createAdministration calls in a row: every chart opens and billing counts all 40, long before one-per-second delivery would', async () => {
  const office = await make.office();
  const admin = await make.user({ officeId: office.id, officeRole: 'ADMIN' });
  const token = await make.token(admin.id);

  const ids: string[] = [];
  for (let i = 0; i < 40; i++) {
    const r = await system.query<{
      createAdministration: { administration: { id: string } | null; userErrors: unknown[] };
    }>(CREATE, {
      token,
      variables: { input: { name: `Klant ${String(i).padStart(2, '0')}`, kind: 'INTERNAL' } },
    });
    expect(r.errors).toBeUndefined();
    expect(r.data?.createAdministration.userErrors).toEqual([]);
    ids.push(r.data!.createAdministration.administration!.id);
  }
  const lastCall = Date.now();

  // A check counts when it *starts* within the bound: reading 40 charts through the
  // gateway takes a while on a loaded machine, and that is not event delivery.
  const chartsAt = await readableWithin(
    lastCall,
    20_000,
    "every new administration's accounts",
    async () => {
      const r = await system.query<AccountsData>(ACCOUNTS, { token });
      const open = new Set(
        (r.data?.administrations.edges ?? [])
          .filter((e) => (e.node.accounts ?? []).length > 0)
          .map((e) => e.node.id),
      );
      return ids.every((id) => open.has(id));
    },
  );
  expect(chartsAt).toBeLessThanOrEqual(20_000);

  const quoteAt = await readableWithin(lastCall, 20_000, 'priceQuote to count 40', async () => {
    const r = await system.query<{ priceQuote: { currentCount: number } | null }>(QUOTE, {
      token,
    });
    return r.data?.priceQuote?.currentCount === 40;
  });
  expect(quoteAt).toBeLessThanOrEqual(20_000);
});
