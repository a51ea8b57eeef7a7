import {
  isUuid,
  OPEN_ACTIONS_COUNTED,
  OPEN_ACTIONS_MODULES,
  type OpenActionsCountedPayload,
  type SubgraphRuntime,
  type Subscription,
} from '@kantoor/platform';
import type { EntityManager } from 'typeorm';

const IS_DATE = /^\d{4}-\d{2}-\d{2}$/;

function int(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0;
}

function dates(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((d): d is string => typeof d === 'string' && IS_DATE.test(d))
    : [];
}

/** Upserts one module's counts; a row counted earlier than what is stored changes nothing. */
async function apply(manager: EntityManager, p: OpenActionsCountedPayload): Promise<void> {
  const rows = p.rows.filter((r) => isUuid(r.administrationId));
  if (rows.length === 0) return;
  if (p.module === 'LEDGER') {
    await manager.query(
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
      [
        rows.map((r) => r.administrationId),
        rows.map((r) => int(r.draftEntries)),
        rows.map((r) => int(r.unprocessedBankTransactions)),
        rows.map((r) => int(r.bankBalanceDifferences)),
        p.countedAt,
      ],
    );
  } else if (p.module === 'INVOICING') {
    // Arrays of arrays do not unnest per row; one statement with jsonb instead.
    await manager.query(
      `INSERT INTO tenancy.open_actions AS o (administration_id, draft_invoices,
              invoice_due_dates, invoice_due_counts, invoicing_counted_at)
       SELECT r.id, r.drafts,
              ARRAY(SELECT jsonb_array_elements_text(r.dates)::date),
              ARRAY(SELECT jsonb_array_elements_text(r.counts)::int),
              CAST($2 AS timestamptz)
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, drafts int, dates jsonb, counts jsonb)
       ON CONFLICT (administration_id) DO UPDATE SET
         draft_invoices = EXCLUDED.draft_invoices,
         invoice_due_dates = EXCLUDED.invoice_due_dates,
         invoice_due_counts = EXCLUDED.invoice_due_counts,
         invoicing_counted_at = EXCLUDED.invoicing_counted_at
       WHERE o.invoicing_counted_at IS NULL OR o.invoicing_counted_at < EXCLUDED.invoicing_counted_at`,
      [
        JSON.stringify(
          rows.map((r) => {
            const due = dates(r.openDueDates);
            const counts = Array.isArray(r.openDueCounts) ? r.openDueCounts.map(int) : [];
            const n = Math.min(due.length, counts.length);
            return {
              id: r.administrationId,
              drafts: int(r.draftInvoices),
              dates: due.slice(0, n),
              counts: counts.slice(0, n),
            };
          }),
        ),
        p.countedAt,
      ],
    );
  } else {
    await manager.query(
      `INSERT INTO tenancy.open_actions AS o (administration_id, vat_filing_period, vat_first_day,
              vat_filed, vat_first_unfiled, vat_counted_at)
       SELECT r.id, r.kind, r.first_day,
              ARRAY(SELECT jsonb_array_elements_text(r.filed)::date),
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
      [
        JSON.stringify(
          rows.map((r) => {
            const kind = ['MONTH', 'QUARTER', 'YEAR'].includes(r.vatFilingPeriod as string)
              ? (r.vatFilingPeriod as string)
              : null;
            const firstDay = dates([r.vatFirstDay])[0] ?? null;
            const firstUnfiled = dates([r.vatFirstUnfiled])[0] ?? null;
            const known = kind !== null && firstDay !== null && firstUnfiled !== null;
            return {
              id: r.administrationId,
              kind: known ? kind : null,
              first_day: known ? firstDay : null,
              filed: known ? dates(r.vatFiled) : [],
              first_unfiled: known ? firstUnfiled : null,
            };
          }),
        ),
        p.countedAt,
      ],
    );
  }
}

/**
 * The modules' dashboard.open-actions-counted: kept in tenancy.open_actions, the dashboard's
 * read model (docs/decisions/0014-dashboard.md). A malformed event is logged and skipped.
 */
export function openActionsSubscriptions(runtime: Pick<SubgraphRuntime, 'logger'>): Subscription[] {
  return [
    {
      event: OPEN_ACTIONS_COUNTED,
      queue: 'tenancy.open-actions-counted',
      // Reports of one module are ordered by countedAt in the upsert; no key needed.
      orderingKey: () => null,
      handle: async (event, manager) => {
        const p = event.payload as unknown as OpenActionsCountedPayload;
        if (
          !OPEN_ACTIONS_MODULES.includes(p.module) ||
          typeof p.countedAt !== 'string' ||
          Number.isNaN(Date.parse(p.countedAt)) ||
          !Array.isArray(p.rows)
        ) {
          runtime.logger.warn(
            { eventId: event.id },
            `${OPEN_ACTIONS_COUNTED}: bad payload, skipped`,
          );
          return;
        }
        await apply(manager, p);
      },
    },
  ];
}
