import { isUuid } from '@kantoor/platform';
import type { DataSource } from 'typeorm';
import { ledgerStatusRows } from './status.sql.js';

export interface LedgerStatusData {
  draftEntries: number;
  lastBookingDate: string | null;
  unprocessedBankTransactions: number;
  bankBalanceDifferences: number;
}

/** The ledger's open actions per administration, for the dashboard. */
export class StatusService {
  constructor(private readonly db: DataSource) {}

  /**
   * Open actions of many administrations in ONE query (a dashboard page of 100 costs one
   * round trip): drafts waiting to be posted, the date of the last booking and the bank
   * transactions not yet processed, each an index lookup per administration. Administrations without books are absent.
   */
  async statusOf(administrationIds: readonly string[]): Promise<Map<string, LedgerStatusData>> {
    const ids = [...new Set(administrationIds.filter(isUuid).map((id) => id.toLowerCase()))];
    if (ids.length === 0) return new Map();
    const rows = await ledgerStatusRows(this.db.manager, ids);
    return new Map(
      rows.map((r) => [
        r.administration_id,
        {
          draftEntries: r.draft_entries,
          lastBookingDate: r.last_booking_date,
          unprocessedBankTransactions: r.unprocessed_bank_transactions,
          bankBalanceDifferences: r.bank_balance_differences,
        },
      ]),
    );
  }
}
