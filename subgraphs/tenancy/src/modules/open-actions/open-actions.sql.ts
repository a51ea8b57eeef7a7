import {
  amsterdamDate,
  decodeCursor,
  prepared,
  statement,
  type UserViewer,
} from '@kantoor/platform';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import type { AdministrationEntity } from '../administration/administration.entity.js';
import { permissionsLateralSql } from '../administration/visibility.sql.js';
import type { AdministrationOrder } from './open-actions.service.js';

/** The day the time-dependent counts are finished for, by each module's own rule. */
export interface OpenActionsDay {
  /** Invoices are overdue after their due date in the Netherlands (as InvoicingStatus). */
  invoicing: string;
  /** VAT periods end by UTC date (as VatStatus). */
  vat: string;
}

export function openActionsDay(now = new Date()): OpenActionsDay {
  return { invoicing: amsterdamDate(now), vat: now.toISOString().slice(0, 10) };
}

/** SQL fragments over `o` (tenancy.open_actions), given $inv and $vat day parameters. */
export function countsSql(inv: string, vat: string) {
  return {
    ledger: `(coalesce(o.draft_entries, 0) + coalesce(o.unprocessed_bank_transactions, 0)
              + coalesce(o.bank_balance_differences, 0))`,
    overdue: `coalesce(tenancy.overdue_invoices_running(o.invoice_due_dates, o.invoice_due_running, CAST(${inv} AS date)), 0)`,
    invoicing: `(coalesce(o.draft_invoices, 0)
                 + coalesce(tenancy.overdue_invoices_running(o.invoice_due_dates, o.invoice_due_running, CAST(${inv} AS date)), 0))`,
    vat: `coalesce(tenancy.vat_returns_to_file(o.vat_filing_period, o.vat_first_day, o.vat_filed, CAST(${vat} AS date)), 0)`,
    vatDue: `tenancy.vat_next_due(o.vat_filing_period, o.vat_first_unfiled, CAST(${vat} AS date))`,
  };
}

/**
 * The viewer's read permissions per administration `v.id` as a lateral join yielding
 * `gp.permissions` (from the administration module's one definition of how a viewer comes to
 * an administration), plus the token scope as a parameter. `param(value)` adds a bind
 * parameter and returns its placeholder.
 */
export function viewerPermissionsSql(viewer: UserViewer, param: (value: unknown) => string) {
  const scope = param(viewer.scope ? [...viewer.scope] : null);
  const join = permissionsLateralSql(viewer, param);
  const may = (permission: string) =>
    `(coalesce('${permission}' = ANY(gp.permissions), false)
      AND (CAST(${scope} AS text[]) IS NULL OR '${permission}' = ANY(CAST(${scope} AS text[]))))`;
  return {
    join,
    ledger: may('LEDGER_READ'),
    invoicing: may('INVOICING_READ'),
    vat: may('VAT_READ'),
  };
}

export const upsertLedgerActions = statement(
  `INSERT INTO tenancy.open_actions AS o (administration_id, draft_entries,
         unprocessed_bank_transactions, bank_balance_differences, ledger_counted_at)
  SELECT u.*, CAST($5 AS timestamptz)
    FROM unnest($1::uuid[], $2::int[], $3::int[], $4::int[]) AS u
  ON CONFLICT (administration_id) DO UPDATE SET
    draft_entries = EXCLUDED.draft_entries,
    unprocessed_bank_transactions = EXCLUDED.unprocessed_bank_transactions,
    bank_balance_differences = EXCLUDED.bank_balance_differences,
    ledger_counted_at = EXCLUDED.ledger_counted_at
  WHERE o.ledger_counted_at IS NULL OR o.ledger_counted_at < EXCLUDED.ledger_counted_at`,
);

export const upsertInvoicingActions = statement(
  `INSERT INTO tenancy.open_actions AS o (administration_id, draft_invoices,
         invoice_due_dates, invoice_due_counts, invoice_due_running, invoicing_counted_at)
  SELECT r.id, r.drafts, s.dates, s.counts, s.running, CAST($2 AS timestamptz)
    FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, drafts int, dates jsonb, counts jsonb)
    -- Sorted by due date, with the running total of the counts (overdue_invoices_running).
    CROSS JOIN LATERAL (
      SELECT coalesce(array_agg(x.d ORDER BY x.d, x.i), '{}') AS dates,
             coalesce(array_agg(x.c ORDER BY x.d, x.i), '{}') AS counts,
             coalesce(array_agg(x.run ORDER BY x.d, x.i), '{}') AS running
        FROM (SELECT d.v::date AS d, d.i, c.v::int AS c,
                     (sum(c.v::int) OVER (ORDER BY d.v::date, d.i))::int AS run
                FROM jsonb_array_elements_text(r.dates) WITH ORDINALITY AS d(v, i)
                JOIN jsonb_array_elements_text(r.counts) WITH ORDINALITY AS c(v, i) ON c.i = d.i
               WHERE d.v IS NOT NULL AND c.v IS NOT NULL) AS x) AS s
  ON CONFLICT (administration_id) DO UPDATE SET
    draft_invoices = EXCLUDED.draft_invoices,
    invoice_due_dates = EXCLUDED.invoice_due_dates,
    invoice_due_counts = EXCLUDED.invoice_due_counts,
    invoice_due_running = EXCLUDED.invoice_due_running,
    invoicing_counted_at = EXCLUDED.invoicing_counted_at
  WHERE o.invoicing_counted_at IS NULL OR o.invoicing_counted_at < EXCLUDED.invoicing_counted_at`,
);

export const upsertVatActions = statement(
  `INSERT INTO tenancy.open_actions AS o (administration_id, vat_filing_period, vat_first_day,
         vat_filed, vat_first_unfiled, vat_counted_at)
  SELECT r.id, r.kind, r.first_day,
         -- Sorted, no nulls: vat_returns_to_file counts them with width_bucket.
         ARRAY(SELECT f::date FROM jsonb_array_elements_text(r.filed) AS f
                WHERE f IS NOT NULL ORDER BY 1),
         r.first_unfiled, CAST($2 AS timestamptz)
    FROM jsonb_to_recordset($1::jsonb)
      AS r(id uuid, kind text, first_day date, filed jsonb, first_unfiled date)
  ON CONFLICT (administration_id) DO UPDATE SET
    vat_filing_period = EXCLUDED.vat_filing_period,
    vat_first_day = EXCLUDED.vat_first_day,
    vat_filed = EXCLUDED.vat_filed,
    vat_first_unfiled = EXCLUDED.vat_first_unfiled,
    vat_counted_at = EXCLUDED.vat_counted_at
  WHERE o.vat_counted_at IS NULL OR o.vat_counted_at < EXCLUDED.vat_counted_at`,
);

/**
 * The counts of the read model's row `o`, finished for the day parameters `inv` and `vat`, as
 * one JSON object (null without a row; times as epoch milliseconds). One definition for the
 * loader's statement and for the list's page, which reads it as a column of its own statement.
 */
function openActionsJsonSql(inv: string, vat: string): string {
  const c = countsSql(inv, vat);
  const epoch = (column: string) => `floor(extract(epoch from ${column}) * 1000)`;
  return `json_build_object('draftEntries', o.draft_entries,
            'unprocessed', o.unprocessed_bank_transactions,
            'differences', o.bank_balance_differences, 'draftInvoices', o.draft_invoices,
            'overdue', ${c.overdue}, 'vat', ${c.vat},
            'ledgerCountedAt', ${epoch('o.ledger_counted_at')},
            'invoicingCountedAt', ${epoch('o.invoicing_counted_at')},
            'vatCountedAt', ${epoch('o.vat_counted_at')})`;
}

/** The read model's counts of administrations (valid ids), finished for `day`. */
// Prepared (platform db/prepared.ts): every dashboard page reads it for 100 administrations.
const OPEN_ACTIONS_OF = prepared(
  `SELECT o.administration_id::text AS id, ${openActionsJsonSql('$2', '$3')} AS counts
     FROM tenancy.open_actions o
    WHERE o.administration_id = ANY($1::uuid[])`,
);

/**
 * The open-action counts of administration `a.id` on `day` as a select expression, with
 * TypeORM named parameters: the list's page reads them in its own statement and hands them to
 * the request's loader (openActionsRowFromJson), instead of a second statement.
 */
export function openActionsSelectSql(day: OpenActionsDay): {
  sql: string;
  params: Record<string, unknown>;
} {
  return {
    sql: `(SELECT ${openActionsJsonSql(':pageOpenActionsInvoicing', ':pageOpenActionsVat')}
             FROM tenancy.open_actions o WHERE o.administration_id = a.id)`,
    params: { pageOpenActionsInvoicing: day.invoicing, pageOpenActionsVat: day.vat },
  };
}

export interface OpenActionsJson {
  draftEntries: number;
  unprocessed: number;
  differences: number;
  draftInvoices: number;
  overdue: number;
  vat: number;
  ledgerCountedAt: number | null;
  invoicingCountedAt: number | null;
  vatCountedAt: number | null;
}

export async function openActionsRows(
  m: EntityManager,
  administrationIds: readonly string[],
  day: OpenActionsDay,
): Promise<{ id: string; counts: OpenActionsJson }[]> {
  return m.query(OPEN_ACTIONS_OF, [[...administrationIds], day.invoicing, day.vat]);
}

/**
 * The ids (with their cursor keys) of one page of the administrations `visible` selects, with
 * the viewer's open-action total and next VAT due date per administration (see
 * OpenActionsService.page), and how many there are in all.
 */
export async function openActionsPage(
  m: EntityManager,
  visible: SelectQueryBuilder<AdministrationEntity>,
  viewer: UserViewer,
  options: {
    needsAttention: boolean;
    order: AdministrationOrder;
    after: string | null | undefined;
    day: OpenActionsDay;
    size: number;
  },
): Promise<{
  rows: { id: string; key: (string | number)[]; total_count: number }[];
  totalCount: number;
}> {
  const [baseSql, baseParams] = visible
    .clone()
    .select('a.id', 'id')
    .addSelect('a.name', 'name')
    .getQueryAndParameters();
  const params: unknown[] = [...baseParams];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const c = countsSql(param(options.day.invoicing), param(options.day.vat));
  const may = viewerPermissionsSql(viewer, param);
  const total = `(CASE WHEN ${may.ledger} THEN ${c.ledger} ELSE 0 END
                + CASE WHEN ${may.invoicing} THEN ${c.invoicing} ELSE 0 END
                + CASE WHEN ${may.vat} THEN ${c.vat} ELSE 0 END)`;
  const vatDue = `coalesce(CASE WHEN ${may.vat} THEN ${c.vatDue} END, 'infinity'::date)`;
  const attention = options.needsAttention ? 's.total > 0' : 'true';
  let order: string;
  let key: string;
  let after = 'true';
  const cursorLength = options.order === 'NAME' ? 2 : 3;
  const cursor = options.after ? decodeCursor(options.after, cursorLength) : null;
  switch (options.order) {
    case 'NAME':
      order = 's.sort_name, s.id';
      key = `json_build_array(s.sort_name, s.id)`;
      if (cursor)
        after = `(s.sort_name, s.id) > (${param(String(cursor[0]))}, CAST(${param(String(cursor[1]))} AS uuid))`;
      break;
    case 'OPEN_ACTIONS':
      order = 's.total DESC, s.sort_name, s.id';
      key = `json_build_array(s.total, s.sort_name, s.id)`;
      if (cursor) {
        const t = param(Number(cursor[0]));
        after = `(s.total < CAST(${t} AS int) OR (s.total = CAST(${t} AS int)
                  AND (s.sort_name, s.id) > (${param(String(cursor[1]))}, CAST(${param(String(cursor[2]))} AS uuid))))`;
      }
      break;
    case 'VAT_DUE_DATE':
      order = 's.vat_due, s.sort_name, s.id';
      key = `json_build_array(s.vat_due::text, s.sort_name, s.id)`;
      if (cursor) {
        after = `(s.vat_due, s.sort_name, s.id) > (CAST(${param(String(cursor[0]))} AS date),
                  ${param(String(cursor[1]))}, CAST(${param(String(cursor[2]))} AS uuid))`;
      }
      break;
  }
  // The page and the filtered count in one statement: the count's row is there even when
  // the page after the cursor is empty (then with a null id).
  const result: { id: string | null; key: (string | number)[] | null; total_count: number }[] =
    await m.query(
      `WITH v AS (${baseSql}),
       s AS MATERIALIZED (
         SELECT v.id, lower(v.name) AS sort_name, ${total} AS total, ${vatDue} AS vat_due
           FROM v
           LEFT JOIN tenancy.open_actions o ON o.administration_id = v.id
           ${may.join}
       ),
       page AS (
         SELECT s.id, ${key} AS key, row_number() OVER (ORDER BY ${order}) AS n
           FROM s
          WHERE ${attention} AND ${after}
          ORDER BY ${order}
          LIMIT ${options.size + 1}
       )
       SELECT page.id::text AS id, page.key, c.total_count
         FROM (SELECT count(*)::int AS total_count FROM s WHERE ${attention}) c
         LEFT JOIN page ON true
        ORDER BY page.n`,
      params,
    );
  const totalCount = result[0]?.total_count ?? 0;
  const rows = result.filter(
    (r): r is { id: string; key: (string | number)[]; total_count: number } => r.id !== null,
  );
  return { rows, totalCount };
}
