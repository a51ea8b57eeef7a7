import type { EntityManager } from 'typeorm';
import type { VatReturnStatus } from '../vat-return/vat-return.sql.js';

export interface OverviewFilterValues {
  statuses: VatReturnStatus[] | null;
  dueBefore: string | null;
  overdue: boolean | null;
  search: string | null;
}

export interface OverviewRow {
  administration_id: string;
  sort_name: string;
  period_start: string;
  due_date: string;
  status: VatReturnStatus;
}

/**
 * One row per (administration the user may VAT_READ, period from its first day to today's),
 * with the return's status (OPEN where no row exists). $1 user id, $2 today, $3 search
 * pattern, $4 statuses, $5 dueBefore, $6 overdue. Periods come from generate_series on the
 * administration's filing period; the due date is the last day of the month after the period
 * (a year: 31 March).
 */
export const OVERVIEW_ROWS = `
  WITH adm AS (
    SELECT a.administration_id, lower(a.name) AS sort_name, a.vat_filing_period AS kind,
           LEAST(a.started_on, coalesce(a.first_booking_on, a.started_on), $2::date) AS first_day
      FROM vat.administrations a
      JOIN tenancy.effective_permissions p
        ON p.administration_id = a.administration_id AND p.user_id = $1::uuid
       AND p.permission = 'VAT_READ'
     WHERE NOT a.archived AND ($3::text IS NULL OR a.name ILIKE $3)
  ),
  periods AS (
    SELECT adm.administration_id, adm.sort_name, s.start::date AS period_start,
           (s.start + CASE adm.kind WHEN 'MONTH' THEN interval '2 months'
                                    WHEN 'QUARTER' THEN interval '4 months'
                                    ELSE interval '15 months' END - interval '1 day')::date AS due_date
      FROM adm
      CROSS JOIN LATERAL generate_series(
        date_trunc(lower(adm.kind), adm.first_day::timestamp),
        date_trunc(lower(adm.kind), $2::timestamp),
        CASE adm.kind WHEN 'MONTH' THEN interval '1 month'
                      WHEN 'QUARTER' THEN interval '3 months' ELSE interval '1 year' END) AS s(start)
  ),
  rows AS (
    SELECT p.administration_id, p.sort_name, p.period_start, p.due_date,
           coalesce(r.status, 'OPEN') AS status
      FROM periods p
      LEFT JOIN vat.returns r
        ON r.administration_id = p.administration_id AND r.period_start = p.period_start
  )
  SELECT * FROM rows
   WHERE ($4::text[] IS NULL OR status = ANY($4::text[]))
     AND ($5::date IS NULL OR due_date <= $5::date)
     AND ($6::boolean IS NULL OR $6::boolean =
          (status NOT IN ('SUBMITTED', 'ACCEPTED') AND due_date < $2::date))`;

function likePattern(search: string | null): string | null {
  const text = search?.trim();
  if (!text) return null;
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function overviewParameters(userId: string, today: string, f: OverviewFilterValues) {
  return [userId, today, likePattern(f.search), f.statuses, f.dueBefore, f.overdue];
}

/**
 * The page and the counts in one statement: the rows of the filter are generated once
 * (a materialized CTE), counted per status, and the first `limit` after the keyset cursor
 * (dueDate, lower(name), administration id) are returned.
 */
export const OVERVIEW_PAGE_AND_COUNTS = `
  WITH o AS MATERIALIZED (${OVERVIEW_ROWS})
  SELECT
    (SELECT coalesce(json_agg(json_build_object('status', c.status, 'count', c.n)), '[]')
       FROM (SELECT status, count(*)::int AS n FROM o GROUP BY status) c) AS counts,
    (SELECT coalesce(json_agg(p ORDER BY p.due_date, p.sort_name, p.administration_id), '[]')
       FROM (SELECT administration_id, sort_name, to_char(period_start, 'YYYY-MM-DD') AS period_start,
                    to_char(due_date, 'YYYY-MM-DD') AS due_date, status
               FROM o
              WHERE $7::date IS NULL
                 OR (due_date, sort_name, administration_id) > ($7::date, $8::text, $9::uuid)
              ORDER BY o.due_date, o.sort_name, o.administration_id
              LIMIT $10) p) AS page`;

export function pageParameters(
  params: unknown[],
  after: [string, string, string] | null,
  limit: number,
): unknown[] {
  return [...params, after?.[0] ?? null, after?.[1] ?? null, after?.[2] ?? null, limit];
}

export async function overviewPageAndCounts(
  db: Pick<EntityManager, 'query'>,
  params: unknown[],
  after: [string, string, string] | null,
  limit: number,
): Promise<{ page: OverviewRow[]; counts: { status: VatReturnStatus; count: number }[] }> {
  const [row] = (await db.query(
    OVERVIEW_PAGE_AND_COUNTS,
    pageParameters(params, after, limit),
  )) as {
    page: OverviewRow[];
    counts: { status: VatReturnStatus; count: number }[];
  }[];
  return { page: row!.page, counts: row!.counts };
}
