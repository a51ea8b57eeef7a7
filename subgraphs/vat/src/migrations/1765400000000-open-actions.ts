import { dropOpenActionsTriggersSql, openActionsTriggersSql } from '@kantoor/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What changes the returns to file: a return's status, an administration's filing period or first booking. */
const TABLES = ['returns', 'administrations'];

/**
 * The dashboard's open actions (issue 14): triggers mark an administration dirty when its
 * returns or its VAT settings change; the reporter recounts it and tells tenancy. Every known
 * administration starts dirty, so tenancy's read model is filled after this deploy.
 */
export class OpenActions1765400000000 implements MigrationInterface {
  name = 'OpenActions1765400000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of openActionsTriggersSql('vat', TABLES)) await q.query(sql);
    await q.query(
      `INSERT INTO vat.open_actions_dirty (administration_id)
       SELECT administration_id FROM vat.administrations`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of dropOpenActionsTriggersSql('vat', TABLES)) await q.query(sql);
  }
}
