import { prepared } from '@kantoor/platform';
import type { EntityManager } from 'typeorm';
import { UNBALANCED_BANK_ACCOUNTS_SQL } from '../bank/bank-statements.sql.js';

export interface LedgerStatusRow {
  administration_id: string;
  draft_entries: number;
  last_booking_date: string | null;
  unprocessed_bank_transactions: number;
  bank_balance_differences: number;
}

/** The open actions of many administrations (valid, distinct ids) in one query. */
export async function ledgerStatusRows(
  m: EntityManager,
  administrationIds: readonly string[],
): Promise<LedgerStatusRow[]> {
  return m.query(LEDGER_STATUS, [administrationIds]);
}

// Prepared (platform db/prepared.ts): every dashboard page runs it for 100 administrations.
const LEDGER_STATUS = prepared(
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
);
