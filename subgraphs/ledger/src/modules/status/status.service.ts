import { isUuid } from '@kantoor/platform';
import type { DataSource } from 'typeorm';
import { UNBALANCED_BANK_ACCOUNTS_SQL } from '../bank/bank-statements.sql.js';

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
    const rows: {
      administration_id: string;
      draft_entries: number;
      last_booking_date: string | null;
      unprocessed_bank_transactions: number;
      bank_balance_differences: number;
    }[] = await this.db.query(
      `SELECT b.administration_id::text AS administration_id,
                (SELECT count(*)::int FROM ledger.draft_entries d
                  WHERE d.administration_id = b.administration_id) AS draft_entries,
                (SELECT max(e.entry_date) FROM ledger.journal_entries e
                  WHERE e.administration_id = b.administration_id) AS last_booking_date,
                (SELECT count(*)::int FROM ledger.bank_transactions t
                  WHERE t.administration_id = b.administration_id AND t.entry_id IS NULL)
                  AS unprocessed_bank_transactions,
                ${UNBALANCED_BANK_ACCOUNTS_SQL} AS bank_balance_differences
           FROM ledger.books b
          WHERE b.administration_id = ANY($1::uuid[])`,
      [ids],
    );
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
