import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Closing a fiscal year (jaarafsluiting; issue 13, item 4):
 * - journal_entry_lines.kind CLOSING: the lines of a closing entry, which move the year's
 *   profit-and-loss balances into equity (the reports leave them out of the year's profit and
 *   loss, which would otherwise show zero).
 * - fiscal_years.closed_at / closed_by / closing_entry_id: when and by whom the year was
 *   closed and with which entry (null: nothing to move).
 * - Lock source YEAR_CLOSING: the closed year is locked; only reopening the year removes it.
 */
export class YearClosing1765200200000 implements MigrationInterface {
  name = 'YearClosing1765200200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ledger.journal_entry_lines DROP CONSTRAINT journal_entry_lines_kind_check,
      ADD CONSTRAINT journal_entry_lines_kind_check
        CHECK (kind IN ('ENTERED', 'VAT_DUE', 'VAT_INPUT', 'CLOSING'))`);
    await q.query(`ALTER TABLE ledger.fiscal_years
      ADD COLUMN closed_at timestamptz,
      ADD COLUMN closed_by uuid,
      ADD COLUMN closing_entry_id uuid`);
    for (const table of ['locked_periods', 'period_lock_audit']) {
      await q.query(`ALTER TABLE ledger.${table} DROP CONSTRAINT ${table}_source_check,
        ADD CONSTRAINT ${table}_source_check CHECK (source IN ('USER', 'VAT_FILING', 'YEAR_CLOSING'))`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['locked_periods', 'period_lock_audit']) {
      await q.query(`ALTER TABLE ledger.${table} DROP CONSTRAINT ${table}_source_check,
        ADD CONSTRAINT ${table}_source_check CHECK (source IN ('USER', 'VAT_FILING'))`);
    }
    await q.query(`ALTER TABLE ledger.fiscal_years DROP COLUMN closing_entry_id,
      DROP COLUMN closed_by, DROP COLUMN closed_at`);
    await q.query(`ALTER TABLE ledger.journal_entry_lines DROP CONSTRAINT journal_entry_lines_kind_check,
      ADD CONSTRAINT journal_entry_lines_kind_check CHECK (kind IN ('ENTERED', 'VAT_DUE', 'VAT_INPUT'))`);
  }
}
