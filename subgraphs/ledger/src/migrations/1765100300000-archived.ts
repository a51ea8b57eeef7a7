import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Archived administrations (issue 13, item 14): the ledger keeps tenancy's archived state on
 * the books row, from the events "administration.archived" / "administration.unarchived".
 * archived_at is when tenancy archived it (null: active); archive_event_at is the occurredAt
 * of the last such event applied, so an older event delivered late (a retry) cannot undo a
 * newer one. Every write takes the books row (lockBooks) and is refused while archived_at is
 * set (ADMINISTRATION_ARCHIVED); reads stay.
 */
export class Archived1765100300000 implements MigrationInterface {
  name = 'Archived1765100300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ledger.books
      ADD COLUMN archived_at timestamptz,
      ADD COLUMN archive_event_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ledger.books DROP COLUMN archive_event_at, DROP COLUMN archived_at`);
  }
}
