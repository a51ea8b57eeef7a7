import { processedEventsTableSql } from '@kantoor/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The ledger's books per administration and their chart of accounts (rekeningschema). */
export class Initial1764000000000 implements MigrationInterface {
  name = 'Initial1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(processedEventsTableSql('ledger'));
    // One row per administration whose books the ledger has opened.
    await q.query(`CREATE TABLE ledger.books (
      administration_id uuid PRIMARY KEY,
      opened_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE ledger.accounts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      administration_id uuid NOT NULL REFERENCES ledger.books(administration_id),
      code text NOT NULL CHECK (code ~ '^[0-9A-Za-z]{1,10}$'),
      name text NOT NULL CHECK (length(trim(name)) > 0),
      type text NOT NULL CHECK (type IN ('ASSET', 'LIABILITY', 'EQUITY', 'REVENUE', 'EXPENSE')),
      rgs_code text,
      blocked boolean NOT NULL DEFAULT false,
      UNIQUE (administration_id, code)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ledger.accounts`);
    await q.query(`DROP TABLE ledger.books`);
    await q.query(`DROP TABLE ledger.processed_events`);
  }
}
