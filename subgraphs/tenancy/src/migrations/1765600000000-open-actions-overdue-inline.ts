import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What is stored sorted by due date, with the running total of the counts, for rows written
 * before the upsert kept them so (the migration below and its test use this one statement).
 */
export const SORT_DUE_DATES = `UPDATE tenancy.open_actions o
    SET invoice_due_dates = s.dates, invoice_due_counts = s.counts, invoice_due_running = s.running
   FROM (SELECT o2.administration_id,
                array_agg(u.d ORDER BY u.d, u.i) AS dates,
                array_agg(u.c ORDER BY u.d, u.i) AS counts,
                array_agg(u.run ORDER BY u.d, u.i) AS running
           FROM tenancy.open_actions o2
           CROSS JOIN LATERAL (
             SELECT t.d, t.i, t.c, (sum(t.c) OVER (ORDER BY t.d, t.i))::int AS run
               FROM unnest(o2.invoice_due_dates, o2.invoice_due_counts) WITH ORDINALITY AS t(d, c, i)
              WHERE t.d IS NOT NULL AND t.c IS NOT NULL) AS u
          GROUP BY o2.administration_id) AS s
  WHERE s.administration_id = o.administration_id`;

/**
 * Overdue invoices counted by one expression PostgreSQL inlines into the calling statement
 * (issue 14), as vatReturnsToFile (1765500000000): tenancy.overdue_invoices summed the counts
 * due before the day with its own executor per row (5 us each; needsAttention counts every
 * administration of the office, twice: the count and the page). The due dates are kept
 * sorted with a running total of their counts, so the overdue count is the running total at
 * the position width_bucket finds for the day before. overdue_invoices stays for the down
 * migration and as the reference its test compares against.
 */
export class OpenActionsOverdueInline1765600000000 implements MigrationInterface {
  name = 'OpenActionsOverdueInline1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE tenancy.open_actions ADD COLUMN invoice_due_running int[] NOT NULL DEFAULT '{}'`,
    );
    await q.query(SORT_DUE_DATES);
    await q.query(`CREATE FUNCTION tenancy.overdue_invoices_running(dates date[], running int[], today date)
      RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT coalesce(running[width_bucket(today - 1, dates)], 0)
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION tenancy.overdue_invoices_running(date[], int[], date)`);
    await q.query(`ALTER TABLE tenancy.open_actions DROP COLUMN invoice_due_running`);
  }
}
