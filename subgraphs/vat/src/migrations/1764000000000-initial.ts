import { processedEventsTableSql } from '@kantoor/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** BTW-aangiften: one VAT return per administration and filing period. */
export class Initial1764000000000 implements MigrationInterface {
  name = 'Initial1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(processedEventsTableSql('vat'));
    await q.query(`CREATE TABLE vat.returns (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      administration_id uuid NOT NULL,
      period_start date NOT NULL,
      period_end date NOT NULL,
      due_date date NOT NULL,
      status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'FILED')),
      filed_at timestamptz,
      CHECK (period_end >= period_start),
      UNIQUE (administration_id, period_start)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE vat.returns`);
    await q.query(`DROP TABLE vat.processed_events`);
  }
}
