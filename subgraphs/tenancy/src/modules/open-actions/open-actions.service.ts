import {
  decodeCursor,
  pageSize,
  toPage,
  type Page,
  type SubgraphRuntime,
  type UserViewer,
} from '@kantoor/platform';
import type { SelectQueryBuilder } from 'typeorm';
import type { AdministrationEntity } from '../administration/administration.entity.js';
import { countsSql, viewerPermissionsSql, type OpenActionsDay } from './open-actions.sql.js';

/** One administration's counts as stored, finished for a day (all modules, before permissions). */
export interface OpenActionsRow {
  administrationId: string;
  draftEntries: number;
  unprocessedBankTransactions: number;
  bankBalanceDifferences: number;
  draftInvoices: number;
  overdueInvoices: number;
  vatReturnsToFile: number;
  ledgerCountedAt: Date | null;
  invoicingCountedAt: Date | null;
  vatCountedAt: Date | null;
}

export const ADMINISTRATION_ORDERS = ['NAME', 'OPEN_ACTIONS', 'VAT_DUE_DATE'] as const;
export type AdministrationOrder = (typeof ADMINISTRATION_ORDERS)[number];

/**
 * The dashboard's read model (tenancy.open_actions, fed by the modules' reports): the counts
 * of a page of administrations, and the viewer's list filtered to what needs attention or
 * ordered by open actions or VAT due date, with keyset pages on the computed keys.
 */
export class OpenActionsService {
  constructor(private readonly runtime: SubgraphRuntime) {}

  /** The counts of these administrations on `day`, one query (for the per-request loader). */
  async byIds(ids: readonly string[], day: OpenActionsDay): Promise<OpenActionsRow[]> {
    if (ids.length === 0) return [];
    const c = countsSql('$2', '$3');
    const rows: {
      id: string;
      draft_entries: number;
      unprocessed: number;
      differences: number;
      draft_invoices: number;
      overdue: number;
      vat: number;
      ledger_counted_at: Date | null;
      invoicing_counted_at: Date | null;
      vat_counted_at: Date | null;
    }[] = await this.runtime.dataSource.query(
      `SELECT o.administration_id::text AS id, o.draft_entries,
              o.unprocessed_bank_transactions AS unprocessed, o.bank_balance_differences AS differences,
              o.draft_invoices, ${c.overdue} AS overdue, ${c.vat} AS vat,
              o.ledger_counted_at, o.invoicing_counted_at, o.vat_counted_at
         FROM tenancy.open_actions o
        WHERE o.administration_id = ANY($1::uuid[])`,
      [[...ids], day.invoicing, day.vat],
    );
    return rows.map((r) => ({
      administrationId: r.id,
      draftEntries: r.draft_entries,
      unprocessedBankTransactions: r.unprocessed,
      bankBalanceDifferences: r.differences,
      draftInvoices: r.draft_invoices,
      overdueInvoices: r.overdue,
      vatReturnsToFile: r.vat,
      ledgerCountedAt: r.ledger_counted_at,
      invoicingCountedAt: r.invoicing_counted_at,
      vatCountedAt: r.vat_counted_at,
    }));
  }

  /**
   * One page of the administrations `visible` selects (the viewer's list with its filters),
   * with the viewer's open-action total and next VAT due date computed per administration;
   * `needsAttention` keeps those with a total > 0. Orders: NAME (lower(name), id), OPEN_ACTIONS
   * (total desc, then name), VAT_DUE_DATE (nearest due first, none last, then name).
   * Returns the ids of the page in order; the caller loads the entities.
   */
  async page(
    visible: SelectQueryBuilder<AdministrationEntity>,
    viewer: UserViewer,
    options: {
      needsAttention: boolean;
      order: AdministrationOrder;
      first: number | null | undefined;
      after: string | null | undefined;
      day: OpenActionsDay;
      load: (ids: string[]) => Promise<AdministrationEntity[]>;
    },
  ): Promise<Page<AdministrationEntity>> {
    const size = pageSize(options.first);
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
      await this.runtime.dataSource.query(
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
            LIMIT ${size + 1}
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
    if (size === 0)
      return toPage<AdministrationEntity>([], 0, () => [], totalCount, Boolean(options.after));
    const entities = await options.load(rows.slice(0, size + 1).map((r) => r.id));
    const byId = new Map(entities.map((e) => [e.id, e]));
    const ordered = rows.filter((r) => byId.has(r.id));
    const keys = new Map(ordered.map((r) => [r.id, r.key]));
    return toPage(
      ordered.map((r) => byId.get(r.id)!),
      size,
      (e) => keys.get(e.id)!,
      totalCount,
      Boolean(options.after),
    );
  }
}
