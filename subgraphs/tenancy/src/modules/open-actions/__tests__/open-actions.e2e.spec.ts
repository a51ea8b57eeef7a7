/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL answers are read loosely in these tests */
/**
 * The dashboard's open actions (issue 14) through the real gateway: counts from every module,
 * cut to what the viewer may read, fed by the modules' reports; counts that change with time
 * alone; the list filtered to what needs attention and ordered by open actions or VAT due date,
 * with keyset pages; and the read model rebuilt after drift.
 */
import { eventually } from '@kantoor/platform/testing';
import {
  customer,
  draft,
  finalized,
  makeAdm,
  startKit,
  userWith,
  type Adm,
  type Kit,
} from '../../../../../invoicing/src/__tests__/invoicing-kit';
import { rebuildOpenActions } from '../../../../../../scripts/dashboard-rebuild';
import { OpenActionsService } from '../open-actions.service';
import { openActionsDay } from '../open-actions.sql';

/** Dates relative to today, so the expectations hold whatever day the suite runs. */
const TODAY = openActionsDay().vat;
function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
/** The first day of the quarter `offset` quarters from today's. */
function quarterStart(offset: number): string {
  const index =
    Number(TODAY.slice(0, 4)) * 4 + Math.floor((Number(TODAY.slice(5, 7)) - 1) / 3) + offset;
  return `${Math.floor(index / 4)}-${String((index % 4) * 3 + 1).padStart(2, '0')}-01`;
}

jest.setTimeout(120_000);

const OPEN_ACTIONS = `draftEntries unprocessedBankTransactions bankBalanceDifferences draftInvoices overdueInvoices vatReturnsToFile total updatedAt`;
const ONE = `query($id: ID!) { administration(id: $id) { id openActions { ${OPEN_ACTIONS} }
  ledgerStatus { draftEntries unprocessedBankTransactions bankBalanceDifferences }
  invoicingStatus { draftInvoices overdueInvoices } vatStatus { openReturns } } }`;
const LIST = `query($first: Int, $after: String, $filter: AdministrationFilter, $orderBy: AdministrationOrder) {
  administrations(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id name openActions { total vatReturnsToFile } } } } }`;
const DRAFT_ENTRY = `mutation($input: CreateDraftJournalEntryInput!) { createDraftJournalEntry(input: $input) { draft { id } userErrors { code } } }`;
const DELETE_DRAFT = `mutation($input: DeleteDraftJournalEntryInput!) { deleteDraftJournalEntry(input: $input) { draftId userErrors { code } } }`;
const POST_ENTRY = `mutation($input: PostJournalEntryInput!) { postJournalEntry(input: $input) { entry { id } userErrors { code } } }`;

let kit: Kit;
let a: Adm;

const ONLY = `query($id: ID!) { administration(id: $id) { id openActions { ${OPEN_ACTIONS} } } }`;

async function openActions(token: string, id: string, query = ONE): Promise<any> {
  const r = await kit.gql(token, query, { id });
  expect(r.errors).toBeUndefined();
  return r.data!.administration;
}

async function draftEntry(adm: Adm, amount = '10.00'): Promise<string> {
  const r = await kit.gql(adm.adminToken, DRAFT_ENTRY, {
    input: {
      administrationId: adm.administrationId,
      date: TODAY,
      description: 'Kassa',
      lines: [
        { accountCode: '4000', debit: amount },
        { accountCode: '1100', credit: amount },
      ],
    },
  });
  expect(r.errors).toBeUndefined();
  expect(r.data!.createDraftJournalEntry.userErrors).toEqual([]);
  return r.data!.createDraftJournalEntry.draft.id;
}

/** Waits until the administration's open actions (as the ADMIN sees them) satisfy `ok`. */
async function until(adm: Adm, ok: (o: any) => boolean, what: string): Promise<any> {
  return eventually(
    async () => {
      const o = (await openActions(adm.adminToken, adm.administrationId)).openActions;
      return ok(o) ? o : undefined;
    },
    { timeoutMs: 20_000, intervalMs: 100, what },
  );
}

beforeAll(async () => {
  kit = await startKit();
  a = await makeAdm(kit, { clientModules: ['INVOICING'] });
  const c = await customer(kit, a);
  // Two drafts, an invoice long overdue, one due in 9 days and an invoice draft.
  await draftEntry(a);
  await draftEntry(a, '20.00');
  await finalized(kit, a, c.id, { issueDate: addDays(TODAY, -60) });
  await finalized(kit, a, c.id, { issueDate: addDays(TODAY, -5) });
  await draft(kit, a, c.id);
  // A booking two quarters ago makes that VAT's first period: it and the last quarter have
  // ended, two returns to file.
  const posted = await kit.gql(a.adminToken, POST_ENTRY, {
    input: {
      administrationId: a.administrationId,
      date: addDays(quarterStart(-2), 9),
      description: 'Omzet',
      lines: [
        { accountCode: '1300', debit: '121.00' },
        { accountCode: '8000', credit: '100.00', vatCode: 'V21' },
      ],
    },
  });
  expect(posted.errors).toBeUndefined();
  expect(posted.data!.postJournalEntry.userErrors).toEqual([]);
});

afterAll(() => kit?.stop());

describe('openActions', () => {
  it('counts every module as its own status does, and total is their sum', async () => {
    const o = await until(
      a,
      (x) =>
        x.draftEntries === 2 &&
        x.draftInvoices === 1 &&
        x.overdueInvoices === 1 &&
        x.vatReturnsToFile === 2,
      'all modules reported',
    );
    const adm = await openActions(a.adminToken, a.administrationId);
    expect(o).toMatchObject({
      draftEntries: adm.ledgerStatus.draftEntries,
      unprocessedBankTransactions: adm.ledgerStatus.unprocessedBankTransactions,
      bankBalanceDifferences: adm.ledgerStatus.bankBalanceDifferences,
      draftInvoices: adm.invoicingStatus.draftInvoices,
      overdueInvoices: adm.invoicingStatus.overdueInvoices,
      vatReturnsToFile: adm.vatStatus.openReturns,
    });
    expect(o.total).toBe(2 + 0 + 0 + 1 + 1 + 2);
    expect(Date.parse(o.updatedAt)).toBeLessThanOrEqual(Date.now() + 1000);
    expect(Date.now() - Date.parse(o.updatedAt)).toBeLessThan(10 * 60_000);
  });

  it('counts only the modules the viewer may read; the total is of those', async () => {
    await until(a, (x) => x.total === 6, 'all reported');
    const client = await userWith(kit, a, ['INVOICING_READ'], 'CLIENT');
    const c = (await openActions(client, a.administrationId, ONLY)).openActions;
    expect(c).toMatchObject({
      draftEntries: 0,
      unprocessedBankTransactions: 0,
      bankBalanceDifferences: 0,
      draftInvoices: 1,
      overdueInvoices: 1,
      vatReturnsToFile: 0,
      total: 2,
    });
    const ledgerOnly = await userWith(kit, a, ['LEDGER_READ']);
    const m = (await openActions(ledgerOnly, a.administrationId, ONLY)).openActions;
    expect(m).toMatchObject({
      draftEntries: 2,
      draftInvoices: 0,
      overdueInvoices: 0,
      vatReturnsToFile: 0,
      total: 2,
    });
    // A user of another office gets nothing at all.
    const other = await makeAdm(kit, { settings: false });
    const r = await kit.gql(other.adminToken, ONE, { id: a.administrationId });
    expect(r.data?.administration ?? null).toBeNull();
  });

  it('shows a change in the ledger, in invoicing and a deletion within moments', async () => {
    const before = await until(a, (x) => x.total === 6, 'settled');
    const id = await draftEntry(a);
    const after = await until(a, (x) => x.draftEntries === 3, 'the new draft');
    expect(after.total).toBe(before.total + 1);
    expect(Date.parse(after.updatedAt)).toBeGreaterThanOrEqual(Date.parse(before.updatedAt));
    const del = await kit.gql(a.adminToken, DELETE_DRAFT, {
      input: { administrationId: a.administrationId, draftId: id },
    });
    expect(del.data!.deleteDraftJournalEntry.userErrors).toEqual([]);
    await until(a, (x) => x.draftEntries === 2, 'the draft deleted');
  });

  it('counts what changes with time alone on the day asked, without any event, also after a restart', async () => {
    await until(a, (x) => x.total === 6, 'settled');
    // A fresh service on the same database: what a restarted tenancy would read.
    const fresh = new OpenActionsService(kit.system.subgraphs.tenancy.runtime);
    const day = (d: string) => ({ invoicing: d, vat: d });
    const [now] = await fresh.byIds([a.administrationId], day(TODAY));
    expect(now).toMatchObject({ overdueInvoices: 1, vatReturnsToFile: 2 });
    // The day after the second invoice's due date: both overdue.
    const [later] = await fresh.byIds([a.administrationId], day(addDays(TODAY, 41)));
    expect(later!.overdueInvoices).toBe(2);
    // The first day of next quarter: this quarter has ended too.
    const [nextQuarter] = await fresh.byIds([a.administrationId], day(quarterStart(1)));
    expect(nextQuarter!.vatReturnsToFile).toBe(3);
    // Before any invoice fell due, and on the first day of the first VAT period.
    const [earlier] = await fresh.byIds([a.administrationId], day(quarterStart(-2)));
    expect(earlier).toMatchObject({ overdueInvoices: 0, vatReturnsToFile: 0 });
    const [lastQuarter] = await fresh.byIds([a.administrationId], {
      invoicing: TODAY,
      vat: quarterStart(-1),
    });
    expect(lastQuarter!.vatReturnsToFile).toBe(1);
  });

  it('is rebuilt from the modules by the ops command after drift', async () => {
    const good = await until(a, (x) => x.total === 6, 'settled');
    const db = kit.system.subgraphs.tenancy.runtime.dataSource;
    await db.query(
      `UPDATE tenancy.open_actions SET draft_entries = 40, draft_invoices = 7, vat_filed = '{}',
              ledger_counted_at = now() + interval '1 day' WHERE administration_id = $1`,
      [a.administrationId],
    );
    await db.query(`DELETE FROM tenancy.open_actions WHERE administration_id <> $1`, [
      a.administrationId,
    ]);
    expect((await openActions(a.adminToken, a.administrationId)).openActions.total).not.toBe(6);
    const queued = await rebuildOpenActions(db, kit.system.subgraphs.tenancy.runtime.events);
    expect(queued).toBeGreaterThanOrEqual(3);
    const rebuilt = await until(a, (x) => x.total === 6, 'rebuilt');
    expect({ ...rebuilt, updatedAt: null }).toEqual({ ...good, updatedAt: null });
  });
});

describe('administrations: needsAttention and orders', () => {
  let office: { admin: string; member: string; ids: Record<string, string> };

  beforeAll(async () => {
    const o = await kit.make.office();
    const admin = await kit.make.user({ officeId: o.id, officeRole: 'ADMIN' });
    const member = await kit.make.user({ officeId: o.id });
    const ids: Record<string, string> = {};
    // Names out of order on purpose; counts set in the read model directly (the modules
    // report these administrations as having nothing).
    const plan: [string, number, number, string | null][] = [
      ['Echo', 0, 0, null],
      ['alfa', 3, 0, quarterStart(-1)],
      ['Delta', 0, 2, quarterStart(-2)],
      ['charlie', 0, 0, quarterStart(0)],
      ['Bravo', 1, 1, quarterStart(-3)],
      ['foxtrot', 5, 0, null],
    ];
    for (const [name] of plan) {
      const adm = await kit.make.administration({
        officeId: o.id,
        name,
        modules: ['LEDGER', 'INVOICING'],
      });
      ids[name] = adm.id;
    }
    const db = kit.system.subgraphs.tenancy.runtime.dataSource;
    // Wait for the modules' own first reports (books, VAT) so they cannot overwrite ours.
    await eventually(
      async () => {
        const [{ n }] = await db.query(
          `SELECT count(*)::int AS n FROM tenancy.open_actions WHERE administration_id = ANY($1::uuid[])
              AND vat_counted_at IS NOT NULL`,
          [Object.values(ids)],
        );
        return n === plan.length ? true : undefined;
      },
      { what: 'VAT reports' },
    );
    for (const [name, drafts, invoices, firstUnfiled] of plan) {
      await db.query(
        `UPDATE tenancy.open_actions SET draft_entries = $2, draft_invoices = $3,
                vat_filing_period = CASE WHEN $4::date IS NULL THEN NULL ELSE 'QUARTER' END,
                vat_first_day = $4::date, vat_first_unfiled = $4::date, vat_filed = '{}'
          WHERE administration_id = $1`,
        [ids[name], drafts, invoices, firstUnfiled],
      );
    }
    await kit.make.grant(member.id, ids.alfa!, ['LEDGER_READ']);
    await kit.make.grant(member.id, ids.Delta!, ['LEDGER_READ']);
    await kit.make.grant(member.id, ids.Bravo!, ['INVOICING_READ', 'VAT_READ']);
    await kit.make.grant(member.id, ids.Echo!, ['LEDGER_READ']);
    office = {
      admin: await kit.make.token(admin.id),
      member: await kit.make.token(member.id),
      ids,
    };
  });

  async function all(token: string, variables: Record<string, unknown>, first = 2) {
    const names: string[] = [];
    const totals: number[] = [];
    let after: string | null = null;
    let totalCount = -1;
    for (let i = 0; i < 20; i++) {
      const r: any = await kit.gql(token, LIST, { ...variables, first, after });
      expect(r.errors).toBeUndefined();
      const c = r.data.administrations;
      if (totalCount === -1) totalCount = c.totalCount;
      else expect(c.totalCount).toBe(totalCount);
      for (const e of c.edges) {
        names.push(e.node.name);
        totals.push(e.node.openActions.total);
      }
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor;
    }
    return { names, totals, totalCount };
  }

  it('filters to total > 0 in name order with keyset pages and totalCount (ADMIN)', async () => {
    const unfiltered = await all(office.admin, {});
    expect(unfiltered.names).toEqual(['alfa', 'Bravo', 'charlie', 'Delta', 'Echo', 'foxtrot']);
    // VAT to file today: alfa last quarter (1), Delta two (2), charlie none (its first quarter is
    // today's), Bravo three (3).
    expect(unfiltered.totals).toEqual([3 + 1, 1 + 1 + 3, 0, 2 + 2, 0, 5]);
    const attention = await all(office.admin, { filter: { needsAttention: true } });
    expect(attention.names).toEqual(['alfa', 'Bravo', 'Delta', 'foxtrot']);
    expect(attention.totalCount).toBe(4);
    // After the last one: an empty page that still counts all four.
    const whole: any = await kit.gql(office.admin, LIST, {
      filter: { needsAttention: true },
      first: 10,
    });
    const beyond: any = await kit.gql(office.admin, LIST, {
      filter: { needsAttention: true },
      first: 10,
      after: whole.data.administrations.pageInfo.endCursor,
    });
    expect(beyond.errors).toBeUndefined();
    expect(beyond.data.administrations.edges).toEqual([]);
    expect(beyond.data.administrations.totalCount).toBe(4);
    expect(beyond.data.administrations.pageInfo.hasNextPage).toBe(false);
    const notAttention = await all(office.admin, { filter: { needsAttention: false } }, 4);
    expect(notAttention.names).toEqual(unfiltered.names);
  });

  it('orders by open actions and by the nearest VAT due date, with pages', async () => {
    const byTotal = await all(office.admin, { orderBy: 'OPEN_ACTIONS' });
    expect(byTotal.names).toEqual(['Bravo', 'foxtrot', 'alfa', 'Delta', 'charlie', 'Echo']);
    expect(byTotal.totalCount).toBe(6);
    const byTotalAttention = await all(
      office.admin,
      { orderBy: 'OPEN_ACTIONS', filter: { needsAttention: true } },
      3,
    );
    expect(byTotalAttention.names).toEqual(['Bravo', 'foxtrot', 'alfa', 'Delta']);
    // Due of the oldest return not filed: Bravo's three quarters ago, then Delta's, alfa's,
    // charlie's (today's quarter); none last.
    const byDue = await all(office.admin, { orderBy: 'VAT_DUE_DATE' });
    expect(byDue.names).toEqual(['Bravo', 'Delta', 'alfa', 'charlie', 'Echo', 'foxtrot']);
  });

  it("gives a MEMBER their grants' counts only, and filters by those", async () => {
    const member = await all(office.member, {});
    expect(member.names).toEqual(['alfa', 'Bravo', 'Delta', 'Echo']);
    // alfa: ledger 3; Bravo: invoicing 1 + VAT 3; Delta: ledger 0; Echo: 0.
    expect(member.totals).toEqual([3, 4, 0, 0]);
    const attention = await all(office.member, { filter: { needsAttention: true } }, 1);
    expect(attention.names).toEqual(['alfa', 'Bravo']);
    expect(attention.totalCount).toBe(2);
    const byDue = await all(office.member, { orderBy: 'VAT_DUE_DATE' });
    // Only Bravo's VAT is readable; the others have no due date for this member.
    expect(byDue.names).toEqual(['Bravo', 'alfa', 'Delta', 'Echo']);
  });

  it('refuses a cursor of another order and an anonymous caller', async () => {
    const first = await kit.gql(office.admin, LIST, { first: 1 });
    const cursor = (first.data as any).administrations.pageInfo.endCursor;
    const r = await kit.gql(office.admin, LIST, {
      first: 1,
      after: cursor,
      orderBy: 'OPEN_ACTIONS',
    });
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // An explicit null filter and order are the defaults.
    const nulls = await kit.gql(office.admin, LIST, { first: 2, filter: null, orderBy: null });
    expect(nulls.errors).toBeUndefined();
    expect((nulls.data as any).administrations.totalCount).toBe(6);
    const anon = await kit.gql(null, LIST, { filter: { needsAttention: true } });
    expect(anon.data?.administrations ?? null).toBeNull();
    expect(anon.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
