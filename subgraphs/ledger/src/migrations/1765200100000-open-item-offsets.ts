import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Offsetting open items (issue 13, item 3).
 *
 * - open_item_settlements.kind: PAYMENT (a bank transaction or payment booked against the
 *   item) or OFFSET (another open item with the same reference on the same account and the
 *   other side: a credit note against its invoice, a payment booked by hand with the invoice
 *   number). For an OFFSET the settling line is itself an open item and its open amount goes
 *   down by the same amount.
 * - One settling line may now settle several items (a credit note against two invoices with
 *   one reference; settle-together): unique per (settling line, item) instead of per settling
 *   line.
 * - A settlement counts while neither of its entries is reversed or a reversal: reversing the
 *   bank entry that paid an item reopens the item (ledger.settled_amount).
 * - The amount trigger also keeps the settling line's settlements within its own amount.
 */
export class OpenItemOffsets1765200100000 implements MigrationInterface {
  name = 'OpenItemOffsets1765200100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ledger.open_item_settlements
      ADD COLUMN kind text NOT NULL DEFAULT 'PAYMENT' CHECK (kind IN ('PAYMENT', 'OFFSET')),
      DROP CONSTRAINT open_item_settlements_settling_line,
      ADD CONSTRAINT open_item_settlements_settling_line
        UNIQUE (administration_id, settling_entry_id, settling_line_no, open_item_entry_id, open_item_line_no)`);
    await q.query(`CREATE INDEX open_item_settlements_by_settling_line
      ON ledger.open_item_settlements (administration_id, settling_entry_id, settling_line_no)
      INCLUDE (amount)`);
    // An entry counts while it is neither reversed nor a reversal; a settlement counts while
    // both its entries count (reversing a bank entry reopens the item it paid).
    await q.query(`CREATE FUNCTION ledger.entry_counts(adm uuid, entry uuid) RETURNS boolean
      STABLE LANGUAGE sql AS $$
        SELECT EXISTS (SELECT 1 FROM ledger.journal_entries e
                        WHERE e.administration_id = adm AND e.id = entry AND e.reverses_entry_id IS NULL)
           AND NOT EXISTS (SELECT 1 FROM ledger.journal_entries r
                            WHERE r.administration_id = adm AND r.reverses_entry_id = entry) $$`);
    // What is settled of a line: as the item, and as the settling line of an offset.
    await q.query(`CREATE FUNCTION ledger.settled_amount(adm uuid, entry uuid, line integer) RETURNS numeric
      STABLE LANGUAGE sql AS $$
        SELECT coalesce(sum(s.amount), 0) FROM ledger.open_item_settlements s
         WHERE s.administration_id = adm
           AND ((s.open_item_entry_id = entry AND s.open_item_line_no = line)
             OR (s.settling_entry_id = entry AND s.settling_line_no = line))
           AND ledger.entry_counts(adm, s.open_item_entry_id)
           AND ledger.entry_counts(adm, s.settling_entry_id) $$`);
    await q.query(`CREATE OR REPLACE FUNCTION ledger.check_settlement_amount() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE line_amount numeric; settling_amount numeric;
      BEGIN
        SELECT l.debit + l.credit INTO line_amount FROM ledger.journal_entry_lines l
         WHERE l.administration_id = NEW.administration_id AND l.entry_id = NEW.open_item_entry_id
           AND l.line_no = NEW.open_item_line_no;
        SELECT l.debit + l.credit INTO settling_amount FROM ledger.journal_entry_lines l
         WHERE l.administration_id = NEW.administration_id AND l.entry_id = NEW.settling_entry_id
           AND l.line_no = NEW.settling_line_no;
        IF line_amount IS NULL OR settling_amount IS NULL THEN
          RAISE EXCEPTION 'ledger.open_item_settlements: no such open item or settling line'
            USING ERRCODE = 'foreign_key_violation';
        END IF;
        IF ledger.settled_amount(NEW.administration_id, NEW.open_item_entry_id, NEW.open_item_line_no) > line_amount
           OR ledger.settled_amount(NEW.administration_id, NEW.settling_entry_id, NEW.settling_line_no) > settling_amount THEN
          RAISE EXCEPTION 'ledger.open_item_settlements: settlements exceed a line'
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ledger.open_item_settlements_by_settling_line`);
    await q.query(`DROP FUNCTION ledger.settled_amount(uuid, uuid, integer)`);
    await q.query(`DROP FUNCTION ledger.entry_counts(uuid, uuid)`);
    await q.query(`ALTER TABLE ledger.open_item_settlements
      DROP CONSTRAINT open_item_settlements_settling_line,
      DROP COLUMN kind`);
    await q.query(`ALTER TABLE ledger.open_item_settlements
      ADD CONSTRAINT open_item_settlements_settling_line
        UNIQUE (administration_id, settling_entry_id, settling_line_no)`);
  }
}
