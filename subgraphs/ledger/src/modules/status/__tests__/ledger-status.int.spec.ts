import {
  makeBooks,
  makeOffice,
  post,
  simpleLines,
  startLedgerKit,
  userWith,
  type LedgerKit,
} from '../../../__tests__/ledger-kit';
import { isOpenActionsReport } from '@kantoor/platform';

let kit: LedgerKit;

beforeAll(async () => {
  kit = await startLedgerKit();
});
afterAll(async () => {
  await kit?.stop();
});

const PAGE = `query($first: Int) { administrations(first: $first) {
  totalCount
  edges { node { id name ledgerStatus { draftEntries lastBookingDate unprocessedBankTransactions } } }
} }`;
interface PageData {
  administrations: {
    totalCount: number;
    edges: {
      node: {
        id: string;
        name: string;
        ledgerStatus: {
          draftEntries: number;
          lastBookingDate: string | null;
          unprocessedBankTransactions: number;
        } | null;
      };
    }[];
  };
}

describe('Administration.ledgerStatus: open actions for the dashboard (LEDGER_READ)', () => {
  test('a page of 100 administrations costs the ledger ONE status query', async () => {
    const o = await makeOffice(kit);
    const tenancy = kit.system.subgraphs.tenancy.runtime.dataSource;
    // 99 administrations with open books, written in bulk (the books alone are what the status needs) ...
    const rows: { id: string }[] = await tenancy.query(
      `INSERT INTO tenancy.administrations (office_id, name, kind, modules)
       SELECT $1, 'Klant ' || lpad(g::text, 3, '0'), 'INTERNAL', '{LEDGER}' FROM generate_series(1, 99) g
       RETURNING id`,
      [o.officeId],
    );
    await kit.ledgerDb.query(
      `INSERT INTO ledger.books (administration_id, office_id) SELECT unnest($1::uuid[]), $2`,
      [rows.map((r) => r.id), o.officeId],
    );
    // ... and one opened the normal way, with a draft and two postings.
    const b = await makeBooks(kit, o);
    await post(kit, b.adminToken, {
      administrationId: b.administrationId,
      date: '2026-02-01',
      lines: simpleLines('1.00'),
    });
    await post(kit, b.adminToken, {
      administrationId: b.administrationId,
      date: '2026-03-09',
      lines: simpleLines('2.00'),
    });
    await kit.gql(
      b.adminToken,
      `mutation($input: CreateDraftJournalEntryInput!) { createDraftJournalEntry(input: $input) { userErrors { code } } }`,
      {
        input: {
          administrationId: b.administrationId,
          date: '2026-04-01',
          description: 'Concept',
          lines: simpleLines('3.00'),
        },
      },
    );

    const query = jest.spyOn(kit.ledgerDb, 'query');
    try {
      const r = await kit.gql<PageData>(o.adminToken, PAGE, { first: 100 });
      expect(r.errors).toBeUndefined();
      expect(r.data!.administrations.totalCount).toBe(100);
      const nodes = r.data!.administrations.edges.map((e) => e.node);
      expect(nodes).toHaveLength(100);
      // The dashboard's background reporter (open-actions report) shares the data source.
      const statusQueries = query.mock.calls.filter(
        ([sql, , runner]) =>
          String(sql).includes('ledger.draft_entries') && !isOpenActionsReport(sql, runner),
      );
      expect(statusQueries).toHaveLength(1);
      expect(nodes.find((n) => n.id === b.administrationId)!.ledgerStatus).toEqual({
        draftEntries: 1,
        lastBookingDate: '2026-03-09',
        unprocessedBankTransactions: 0,
      });
      const idle = nodes.filter((n) => n.id !== b.administrationId).map((n) => n.ledgerStatus);
      expect(
        idle.every(
          (s) =>
            s?.draftEntries === 0 &&
            s.lastBookingDate === null &&
            s.unprocessedBankTransactions === 0,
        ),
      ).toBe(true);
    } finally {
      query.mockRestore();
    }
  });

  test('null while the books are not open; FORBIDDEN without LEDGER_READ while the rest arrives', async () => {
    const o = await makeOffice(kit);
    const noLedger = await kit.make.administration({
      officeId: o.officeId,
      modules: ['INVOICING'],
      kind: 'EXTERNAL',
      name: 'A zonder boeken',
    });
    const r = await kit.gql<PageData>(o.adminToken, PAGE, { first: 10 });
    expect(r.errors).toBeUndefined();
    expect(
      r.data!.administrations.edges.find((e) => e.node.id === noLedger.id)!.node.ledgerStatus,
    ).toBeNull();

    const b = await makeBooks(kit);
    const invoicingOnly = await userWith(kit, b, ['INVOICING_READ']);
    const denied = await kit.gql<PageData>(invoicingOnly, PAGE, { first: 10 });
    expect(denied.data!.administrations.edges.map((e) => [e.node.id, e.node.ledgerStatus])).toEqual(
      [[b.administrationId, null]],
    );
    expect(denied.errors?.map((e) => [e.path?.at(-1), e.extensions?.code])).toEqual([
      ['ledgerStatus', 'FORBIDDEN'],
    ]);
    const reader = await userWith(kit, b, ['LEDGER_READ']);
    const allowed = await kit.gql<PageData>(reader, PAGE, { first: 10 });
    expect(allowed.data!.administrations.edges[0]!.node.ledgerStatus).toEqual({
      draftEntries: 0,
      lastBookingDate: null,
      unprocessedBankTransactions: 0,
    });
  });
});
