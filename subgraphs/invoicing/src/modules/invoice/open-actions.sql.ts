import type { OpenActionsCounts, OpenActionsSource } from '@kantoor/platform';
import type { EntityManager } from 'typeorm';

/**
 * Invoicing's part of the dashboard (issue 14), by the rules of InvoicingStatus (invoices, not
 * credit notes): the drafts, and the OPEN invoices counted per due date, so tenancy counts the
 * overdue ones on the day it is asked (an invoice becomes overdue without any event).
 */
export const invoicingOpenActions: OpenActionsSource = {
  module: 'INVOICING',
  schema: 'invoicing',
  allAdministrationsSql: `SELECT DISTINCT administration_id FROM invoicing.invoices`,
  async count(manager: EntityManager, ids: string[]): Promise<OpenActionsCounts[]> {
    const rows: {
      administration_id: string;
      drafts: number;
      due_dates: string[] | null;
      due_counts: number[] | null;
    }[] = await manager.query(
      `/* open-actions report */ SELECT x.id::text AS administration_id,
              (SELECT count(*)::int FROM invoicing.invoices i
                WHERE i.administration_id = x.id AND i.type = 'INVOICE' AND i.status = 'DRAFT') AS drafts,
              d.due_dates, d.due_counts
         FROM unnest($1::uuid[]) AS x(id)
         LEFT JOIN LATERAL (
           SELECT array_agg(to_char(g.due_date, 'YYYY-MM-DD') ORDER BY g.due_date) AS due_dates,
                  array_agg(g.n ORDER BY g.due_date) AS due_counts
             FROM (SELECT i.due_date, count(*)::int AS n FROM invoicing.invoices i
                    WHERE i.administration_id = x.id AND i.type = 'INVOICE' AND i.status = 'OPEN'
                      AND i.due_date IS NOT NULL
                    GROUP BY i.due_date) g
         ) d ON true`,
      [ids],
    );
    return rows.map((r) => ({
      administrationId: r.administration_id,
      draftInvoices: r.drafts,
      openDueDates: r.due_dates ?? [],
      openDueCounts: r.due_counts ?? [],
    }));
  },
};
