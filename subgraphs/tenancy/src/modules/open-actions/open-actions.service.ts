import {
  pageSize,
  toPage,
  type Page,
  type SubgraphRuntime,
  type UserViewer,
} from '@kantoor/platform';
import type { SelectQueryBuilder } from 'typeorm';
import type { AdministrationEntity } from '../administration/administration.entity.js';
import {
  openActionsPage,
  openActionsRows,
  type OpenActionsDay,
  type OpenActionsJson,
} from './open-actions.sql.js';

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

/** A row of the read model as read by openActionsRows or the list's page; null: none yet. */
export function openActionsRowFromJson(
  administrationId: string,
  json: OpenActionsJson | null,
): OpenActionsRow | null {
  if (!json) return null;
  const date = (ms: number | null) => (ms === null ? null : new Date(ms));
  return {
    administrationId,
    draftEntries: json.draftEntries,
    unprocessedBankTransactions: json.unprocessed,
    bankBalanceDifferences: json.differences,
    draftInvoices: json.draftInvoices,
    overdueInvoices: json.overdue,
    vatReturnsToFile: json.vat,
    ledgerCountedAt: date(json.ledgerCountedAt),
    invoicingCountedAt: date(json.invoicingCountedAt),
    vatCountedAt: date(json.vatCountedAt),
  };
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
    const rows = await openActionsRows(this.runtime.dataSource.manager, ids, day);
    return rows.map((r) => openActionsRowFromJson(r.id, r.counts)!);
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
    const { rows, totalCount } = await openActionsPage(
      this.runtime.dataSource.manager,
      visible,
      viewer,
      { ...options, size },
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
