import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The first day of the period of `kind` holding `day` (kind: MONTH, QUARTER, YEAR). */
const start = (day: string) => `date_trunc(lower(kind), ${day}::timestamp)::date`;
/** Months since year 0 of a first day. */
const months = (day: string) =>
  `(extract(year FROM ${day})::int * 12 + extract(month FROM ${day})::int)`;

/**
 * The first definition of vat_returns_to_file (migration 1765400000000), as `name`: for the
 * down migration, and as the reference the inlined one is tested against.
 */
export function firstVatReturnsToFile(name: string, orReplace: '' | 'OR REPLACE' = ''): string {
  return `CREATE ${orReplace} FUNCTION ${name}(kind text, first_day date, filed date[], today date)
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
    $$`;
}

/**
 * tenancy.vat_returns_to_file as one expression PostgreSQL inlines into the calling
 * statement (issue 14). As a function with a FROM and a subquery it ran its own executor per
 * row: 20 us each, 2 ms of a dashboard page of 100 and most of `needsAttention`, which
 * finishes the count for every administration of the office. The filed periods it counts are
 * now kept sorted (the upsert sorts them; this migration sorts what is stored), so the number
 * filed in [first period, today's period) is the difference of two width_bucket positions.
 * Same answers as before (tested against the old definition).
 */
export class OpenActionsInline1765500000000 implements MigrationInterface {
  name = 'OpenActionsInline1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE tenancy.open_actions
      SET vat_filed = ARRAY(SELECT f FROM unnest(vat_filed) AS f WHERE f IS NOT NULL ORDER BY f)
      WHERE cardinality(vat_filed) > 0`);
    const first = start('LEAST(first_day, today)');
    const current = start('today');
    await q.query(`CREATE OR REPLACE FUNCTION tenancy.vat_returns_to_file(kind text, first_day date, filed date[], today date)
      RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE WHEN kind IS NULL OR first_day IS NULL THEN 0 ELSE
          greatest(0,
            (${months(current)} - ${months(first)}) / tenancy.vat_period_months(kind)
            - (coalesce(width_bucket(${current} - 1, filed), 0)
               - coalesce(width_bucket(${first} - 1, filed), 0)))
        END
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(firstVatReturnsToFile('tenancy.vat_returns_to_file', 'OR REPLACE'));
  }
}
