import { processedEventsTableSql } from '@kantoor/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Facturatie: the customers (debiteuren) an administration invoices. */
export class Initial1764000000000 implements MigrationInterface {
  name = 'Initial1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(processedEventsTableSql('invoicing'));
    await q.query(`CREATE TABLE invoicing.customers (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      administration_id uuid NOT NULL,
      name text NOT NULL CHECK (length(trim(name)) > 0),
      email text,
      vat_number text,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(
      `CREATE INDEX customers_administration_idx ON invoicing.customers (administration_id, lower(name), id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE invoicing.customers`);
    await q.query(`DROP TABLE invoicing.processed_events`);
  }
}
