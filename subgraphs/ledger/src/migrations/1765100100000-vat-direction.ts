import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * VAT code direction (issue 13, item 1): a line whose VAT code is booked on the other side than
 * the code's direction (a sales code on a debit, a purchase code on a credit) is refused unless
 * the user marks it as a correction (a credit note, a purchase return). The mark is kept on the
 * posted line and on draft lines, so the audit trail and the VAT return see it. A constant
 * default adds the column without rewriting the append-only lines or firing their triggers.
 */
export class VatDirection1765100100000 implements MigrationInterface {
  name = 'VatDirection1765100100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE ledger.journal_entry_lines ADD COLUMN correction boolean NOT NULL DEFAULT false`,
    );
    await q.query(
      `ALTER TABLE ledger.draft_entry_lines ADD COLUMN correction boolean NOT NULL DEFAULT false`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ledger.draft_entry_lines DROP COLUMN correction`);
    await q.query(`ALTER TABLE ledger.journal_entry_lines DROP COLUMN correction`);
  }
}
