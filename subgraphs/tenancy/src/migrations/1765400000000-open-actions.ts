import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dashboard's read model (issue 14, docs/decisions/0014-dashboard.md): per administration
 * the open actions each module last reported (event dashboard.open-actions-counted), with the
 * time each module counted them. Counts that change with time alone are stored as their
 * time-independent parts and finished at query time by the functions below, given the day:
 * OPEN invoices per due date (overdue = due before today) and the VAT filing period, first
 * day and filed periods (to file = ended periods not filed).
 */
export class OpenActions1765400000000 implements MigrationInterface {
  name = 'OpenActions1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE tenancy.open_actions (
      administration_id uuid PRIMARY KEY,
      draft_entries int NOT NULL DEFAULT 0,
      unprocessed_bank_transactions int NOT NULL DEFAULT 0,
      bank_balance_differences int NOT NULL DEFAULT 0,
      ledger_counted_at timestamptz,
      draft_invoices int NOT NULL DEFAULT 0,
      invoice_due_dates date[] NOT NULL DEFAULT '{}',
      invoice_due_counts int[] NOT NULL DEFAULT '{}',
      invoicing_counted_at timestamptz,
      vat_filing_period text,
      vat_first_day date,
      vat_filed date[] NOT NULL DEFAULT '{}',
      vat_first_unfiled date,
      vat_counted_at timestamptz
    )`);
    await q.query(`CREATE FUNCTION tenancy.overdue_invoices(dates date[], counts int[], today date)
      RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT coalesce(sum(u.c), 0)::int FROM unnest(dates, counts) AS u(d, c) WHERE u.d < today
      $$`);
    await q.query(`CREATE FUNCTION tenancy.vat_period_months(kind text)
      RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE kind WHEN 'MONTH' THEN 1 WHEN 'QUARTER' THEN 3 WHEN 'YEAR' THEN 12 END
      $$`);
    // Periods from the one holding the first day up to (not including) today's have ended;
    // those not filed are to file.
    await q.query(`CREATE FUNCTION tenancy.vat_returns_to_file(kind text, first_day date, filed date[], today date)
      RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE WHEN kind IS NULL OR first_day IS NULL THEN 0 ELSE
          greatest(0,
            ((extract(year FROM p.cur)::int * 12 + extract(month FROM p.cur)::int)
              - (extract(year FROM p.fst)::int * 12 + extract(month FROM p.fst)::int))
              / tenancy.vat_period_months(kind)
            - (SELECT count(*)::int FROM unnest(filed) AS f(s) WHERE f.s >= p.fst AND f.s < p.cur))
        END
        FROM (SELECT date_trunc(lower(kind), LEAST(first_day, today)::timestamp)::date AS fst,
                     date_trunc(lower(kind), today::timestamp)::date AS cur) AS p
      $$`);
    // The due date of the next return: the oldest period not filed, or today's period; due
    // the last day of the month after the period (a year: 31 March), as vat.md says.
    await q.query(`CREATE FUNCTION tenancy.vat_next_due(kind text, first_unfiled date, today date)
      RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE WHEN kind IS NULL OR first_unfiled IS NULL THEN NULL ELSE
          (LEAST(first_unfiled, date_trunc(lower(kind), today::timestamp)::date)
            + make_interval(months => tenancy.vat_period_months(kind)
                                      + CASE kind WHEN 'YEAR' THEN 3 ELSE 1 END)
            - interval '1 day')::date
        END
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION tenancy.vat_next_due(text, date, date)`);
    await q.query(`DROP FUNCTION tenancy.vat_returns_to_file(text, date, date[], date)`);
    await q.query(`DROP FUNCTION tenancy.vat_period_months(text)`);
    await q.query(`DROP FUNCTION tenancy.overdue_invoices(date[], int[], date)`);
    await q.query(`DROP TABLE tenancy.open_actions`);
  }
}
