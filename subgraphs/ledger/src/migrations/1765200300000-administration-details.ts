import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ledger's copy of tenancy's administration details that its audit file (XAF) header
 * needs (issue 13, item 17): name, VAT number and KvK number, kept from the events
 * "administration.created" / "administration.updated". event_at is the occurredAt of the last
 * event applied: an older event delivered late cannot undo a newer one. No foreign key to
 * books: an administration without the ledger module has details but no books.
 */
export class AdministrationDetails1765200300000 implements MigrationInterface {
  name = 'AdministrationDetails1765200300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE ledger.administration_details (
      administration_id uuid PRIMARY KEY,
      name text,
      vat_number text,
      kvk_number text,
      event_at timestamptz NOT NULL
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ledger.administration_details`);
  }
}
