import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys bound to their operation and input (issue 13, items 9 and 15): an entry
 * posted with a key records which operation used it (post, reverse, postDraft) and the
 * SHA-256 of the operation's normalized input. A repeat with the same key is answered with the
 * first result only when both match; otherwise IDEMPOTENCY_KEY_REUSED. Adding nullable
 * columns fires no row trigger, so the append-only entries stay untouched. Entries from before
 * (and keys that ledger-internal callers pass without an input) carry nulls: their input cannot
 * be shown to be the same, so a request with such a key is refused too.
 */
export class Idempotency1765100000000 implements MigrationInterface {
  name = 'Idempotency1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ledger.journal_entries
      ADD COLUMN idempotency_operation text
        CHECK (idempotency_operation IN ('POST', 'REVERSE', 'POST_DRAFT')),
      ADD COLUMN idempotency_hash text,
      ADD CONSTRAINT journal_entries_idempotency_bound
        CHECK ((idempotency_operation IS NULL) = (idempotency_hash IS NULL)
           AND (idempotency_operation IS NULL OR idempotency_key IS NOT NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ledger.journal_entries
      DROP CONSTRAINT journal_entries_idempotency_bound,
      DROP COLUMN idempotency_hash, DROP COLUMN idempotency_operation`);
  }
}
