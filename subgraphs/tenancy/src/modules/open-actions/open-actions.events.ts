import {
  isUuid,
  OPEN_ACTIONS_COUNTED,
  OPEN_ACTIONS_MODULES,
  type OpenActionsCountedPayload,
  type SubgraphRuntime,
  type Subscription,
} from '@kantoor/platform';
import type { EntityManager } from 'typeorm';
import {
  upsertInvoicingActions,
  upsertLedgerActions,
  upsertVatActions,
} from './open-actions.sql.js';

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
    await upsertLedgerActions(manager, [
      rows.map((r) => r.administrationId),
      rows.map((r) => int(r.draftEntries)),
      rows.map((r) => int(r.unprocessedBankTransactions)),
      rows.map((r) => int(r.bankBalanceDifferences)),
      p.countedAt,
    ]);
  } else if (p.module === 'INVOICING') {
    // Arrays of arrays do not unnest per row; one statement with jsonb instead.
    await upsertInvoicingActions(manager, [
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
    ]);
  } else {
    await upsertVatActions(manager, [
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
    ]);
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
