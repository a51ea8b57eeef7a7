import { dropOpenActionsTriggersSql, openActionsTriggersSql } from '@kantoor/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What changes the ledger's open actions (drafts, bank transactions, postings, statements). */
const TABLES = ['draft_entries', 'bank_transactions', 'journal_entries', 'bank_statements'];

/**
 * The dashboard's open actions (issue 14): triggers mark an administration dirty when one of
 * these tables changes; the reporter recounts it and tells tenancy. Every administration
 * with books starts dirty, so tenancy's read model is filled after this deploy.
 */
export class OpenActions1765400000000 implements MigrationInterface {
  name = 'OpenActions1765400000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of openActionsTriggersSql('ledger', TABLES)) await q.query(sql);
    await q.query(
      `INSERT INTO ledger.open_actions_dirty (administration_id)
       SELECT administration_id FROM ledger.books`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of dropOpenActionsTriggersSql('ledger', TABLES)) await q.query(sql);
  }
}
