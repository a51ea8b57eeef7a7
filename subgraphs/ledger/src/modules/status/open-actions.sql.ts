import type { OpenActionsCounts, OpenActionsSource } from '@kantoor/platform';
import type { EntityManager } from 'typeorm';
import { UNBALANCED_BANK_ACCOUNTS_SQL } from '../bank/bank-statements.sql.js';

/**
 * The ledger's part of the dashboard (issue 14): the same counts as LedgerStatus (drafts,
 * bank transactions not yet booked, bank accounts whose latest statement does not agree),
 * for a batch of administrations in one statement; zeros for one without books.
 */
export const ledgerOpenActions: OpenActionsSource = {
  module: 'LEDGER',
  schema: 'ledger',
  allAdministrationsSql: `SELECT administration_id FROM ledger.books`,
  async count(manager: EntityManager, ids: string[]): Promise<OpenActionsCounts[]> {
    const rows: {
      administration_id: string;
      draft_entries: number;
      unprocessed: number;
      differences: number;
    }[] = await manager.query(
      `/* open-actions report */ SELECT x.id::text AS administration_id,
              coalesce((SELECT count(*)::int FROM ledger.draft_entries d
                         WHERE d.administration_id = x.id), 0) AS draft_entries,
              coalesce((SELECT count(*)::int FROM ledger.bank_transactions t
                         WHERE t.administration_id = x.id AND t.entry_id IS NULL), 0) AS unprocessed,
              coalesce((SELECT ${UNBALANCED_BANK_ACCOUNTS_SQL}
                          FROM ledger.books b WHERE b.administration_id = x.id), 0) AS differences
         FROM unnest($1::uuid[]) AS x(id)`,
      [ids],
    );
    return rows.map((r) => ({
      administrationId: r.administration_id,
      draftEntries: r.draft_entries,
      unprocessedBankTransactions: r.unprocessed,
      bankBalanceDifferences: r.differences,
    }));
  },
};
