import { amsterdamDate, type UserViewer } from '@kantoor/platform';
import { permissionsLateralSql } from '../administration/visibility.sql.js';

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
    overdue: `coalesce(tenancy.overdue_invoices(o.invoice_due_dates, o.invoice_due_counts, CAST(${inv} AS date)), 0)`,
    invoicing: `(coalesce(o.draft_invoices, 0)
                 + coalesce(tenancy.overdue_invoices(o.invoice_due_dates, o.invoice_due_counts, CAST(${inv} AS date)), 0))`,
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
