import { dropOpenActionsTriggersSql, openActionsTriggersSql } from '@kantoor/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dashboard's open actions (issue 14): a change of an invoice marks its administration
 * dirty; the reporter recounts it and tells tenancy. Every administration with invoices
 * starts dirty, so tenancy's read model is filled after this deploy.
 */
export class OpenActions1765400000000 implements MigrationInterface {
  name = 'OpenActions1765400000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of openActionsTriggersSql('invoicing', ['invoices'])) await q.query(sql);
    await q.query(
      `INSERT INTO invoicing.open_actions_dirty (administration_id)
       SELECT DISTINCT administration_id FROM invoicing.invoices`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of dropOpenActionsTriggersSql('invoicing', ['invoices'])) await q.query(sql);
  }
}
