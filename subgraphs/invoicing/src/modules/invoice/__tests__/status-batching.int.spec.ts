/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL answers are read loosely in these tests */
/**
 * Administration.invoicingStatus for a page of 100 administrations costs invoicing one SQL
 * statement over the invoices (a per-request DataLoader), counted through the DataSource's
 * logger, which sees every statement.
 */
import {
  customer,
  draft,
  finalized,
  makeAdm,
  startKit,
  type Kit,
} from '../../../__tests__/invoicing-kit';
import { isOpenActionsReport } from '@kantoor/platform';
import type { QueryRunner } from 'typeorm';

let kit: Kit;
beforeAll(async () => {
  kit = await startKit();
});
afterAll(async () => {
  await kit?.stop();
});

test('a page of 100 administrations: invoicingStatus in one statement, counts right', async () => {
  const a = await makeAdm(kit);
  const tenancy = kit.system.subgraphs.tenancy.runtime.dataSource;
  await tenancy.query(
    `INSERT INTO tenancy.administrations (office_id, name, kind, modules)
     SELECT $1, 'Klant ' || lpad(g::text, 3, '0'), 'INTERNAL', '{LEDGER,INVOICING}' FROM generate_series(1, 99) g`,
    [a.officeId],
  );
  const c = await customer(kit, a, { paymentTermDays: 30 });
  await draft(kit, a, c.id);
  await draft(kit, a, c.id);
  await finalized(kit, a, c.id, { issueDate: '2026-01-05' }); // overdue, 121.00
  await finalized(kit, a, c.id, { issueDate: '2099-01-05' }); // not yet due, 121.00

  const statements: string[] = [];
  const spy = jest
    .spyOn(kit.db.logger, 'logQuery')
    .mockImplementation((q: string, _parameters: unknown, runner?: QueryRunner) => {
      // The dashboard's background reporter shares the data source; not this request's.
      if (!isOpenActionsReport(q, runner)) statements.push(q);
    });
  try {
    const r: any = await kit.gql(
      a.adminToken,
      `{ administrations(first: 100) { edges { node { id invoicingStatus { draftInvoices openInvoices overdueInvoices outstandingAmount } } } } }`,
    );
    expect(r.errors).toBeUndefined();
    const nodes = r.data.administrations.edges.map((e: any) => e.node);
    expect(nodes).toHaveLength(100);
    expect(statements.filter((q) => q.includes('invoicing.invoices')).length).toBe(1);
    expect(statements.length).toBeLessThanOrEqual(3);
    expect(nodes.find((n: any) => n.id === a.administrationId).invoicingStatus).toEqual({
      draftInvoices: 2,
      openInvoices: 2,
      overdueInvoices: 1,
      outstandingAmount: '242.00',
    });
    expect(nodes.filter((n: any) => n.invoicingStatus.draftInvoices === 0)).toHaveLength(99);
  } finally {
    spy.mockRestore();
  }
});
