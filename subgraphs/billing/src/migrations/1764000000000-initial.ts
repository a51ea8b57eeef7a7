import { processedEventsTableSql } from '@kantoor/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Versioned price lists. The first version holds Kantoor's defaults
 * (../shared/domain/billing.md); ops add versions effective from a later month.
 */
export class Initial1764000000000 implements MigrationInterface {
  name = 'Initial1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(processedEventsTableSql('billing'));
    await q.query(`CREATE TABLE billing.price_lists (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      effective_from date NOT NULL UNIQUE CHECK (extract(day FROM effective_from) = 1),
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE billing.price_list_items (
      price_list_id uuid NOT NULL REFERENCES billing.price_lists(id),
      code text NOT NULL,
      description text NOT NULL,
      unit_price numeric(18,2) NOT NULL CHECK (unit_price >= 0),
      position int NOT NULL,
      PRIMARY KEY (price_list_id, code)
    )`);
    await q.query(`WITH list AS (
        INSERT INTO billing.price_lists (effective_from) VALUES ('2026-01-01') RETURNING id
      )
      INSERT INTO billing.price_list_items (price_list_id, code, description, unit_price, position)
      SELECT list.id, i.code, i.description, i.unit_price::numeric, i.position FROM list, (VALUES
        ('DASHBOARD', 'Dashboard', '0.00', 1),
        ('DASHBOARD_USER', 'Dashboard user (staff)', '11.25', 2),
        ('INTERNAL_1_25', 'Internal administration, 1-25', '6.00', 3),
        ('INTERNAL_26_100', 'Internal administration, 26-100', '4.50', 4),
        ('INTERNAL_101_UP', 'Internal administration, 101 and more', '3.00', 5),
        ('CLIENT_LOGIN_INVOICING', 'Administration with client login: Facturatie', '7.50', 6),
        ('CLIENT_LOGIN_LEDGER', 'Administration with client login: Financieel', '10.00', 7),
        ('CLIENT_LOGIN_LEDGER_INVOICING', 'Administration with client login: Financieel and Facturatie', '12.50', 8),
        ('EXTERNAL', 'Linked external administration', '0.00', 9)
      ) AS i(code, description, unit_price, position)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE billing.price_list_items`);
    await q.query(`DROP TABLE billing.price_lists`);
    await q.query(`DROP TABLE billing.processed_events`);
  }
}
