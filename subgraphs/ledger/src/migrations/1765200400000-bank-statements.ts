import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bank statements (issue 13, item 10): the opening (OPBD/PRCD) and closing (CLBD) balances a
 * CAMT.053 statement declares, and the sum of its booked entries, per bank account. Checked
 * when read (bank-statements.sql.ts) against the previous statement's closing balance and
 * against the ledger. A statement imported again (same statement id and dates) is kept once.
 * Additive only: a statement is what the bank said.
 */
export class BankStatements1765200400000 implements MigrationInterface {
  name = 'BankStatements1765200400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE ledger.bank_statements (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      administration_id uuid NOT NULL REFERENCES ledger.books(administration_id),
      journal_id uuid NOT NULL,
      import_id uuid NOT NULL,
      statement_id text,
      opening_date date,
      opening_balance numeric(18,2),
      closing_date date NOT NULL,
      closing_balance numeric(18,2) NOT NULL,
      entries_total numeric(18,2) NOT NULL,
      imported_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (administration_id, id),
      FOREIGN KEY (administration_id, journal_id) REFERENCES ledger.journals (administration_id, id),
      FOREIGN KEY (administration_id, import_id) REFERENCES ledger.bank_imports (administration_id, id),
      CHECK ((opening_date IS NULL) = (opening_balance IS NULL))
    )`);
    await q.query(`CREATE UNIQUE INDEX bank_statements_once
      ON ledger.bank_statements (administration_id, journal_id, coalesce(statement_id, ''),
        coalesce(opening_date, '0001-01-01'::date), closing_date)`);
    await q.query(`CREATE INDEX bank_statements_by_date
      ON ledger.bank_statements (administration_id, journal_id, closing_date DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ledger.bank_statements`);
  }
}
