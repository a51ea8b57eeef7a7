import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Open items (openstaande posten).
 *
 * - journal_entry_lines.reference: an optional reference (e.g. an invoice number) stored on
 *   a line. A posted ENTERED line with a reference on a receivable account (RGS code starting
 *   with 'BVorDebHad', 1300 Debiteuren in the default chart) or a payable account (RGS code
 *   starting with 'BSchCreHac', 1600 Crediteuren) is an open item, unless its entry was
 *   reversed (see open-items.sql.ts). Adding a nullable column rewrites nothing and fires no
 *   row trigger, so the append-only lines stay untouched.
 * - open_item_settlements: what settled an open item: the line of the bank entry that booked
 *   against it, and the amount. Append-only like the lines. An item's open amount is its
 *   line amount minus its settlements; a settlement never exceeds it (the service locks the
 *   item's line row FOR UPDATE; the trigger below refuses an overdraw as a last resort).
 */
export class OpenItems1764600000000 implements MigrationInterface {
  name = 'OpenItems1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ledger.journal_entry_lines ADD COLUMN reference text
      CHECK (reference IS NULL OR (length(reference) BETWEEN 1 AND 500))`);
    // Drafts keep the reference too, so a posted draft's line becomes an open item.
    await q.query(`ALTER TABLE ledger.draft_entry_lines ADD COLUMN reference text
      CHECK (reference IS NULL OR (length(reference) BETWEEN 1 AND 500))`);
    await q.query(`CREATE INDEX journal_entry_lines_by_reference
      ON ledger.journal_entry_lines (administration_id, entry_date, entry_sequence, line_no)
      WHERE reference IS NOT NULL`);

    await q.query(`CREATE TABLE ledger.open_item_settlements (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      administration_id uuid NOT NULL REFERENCES ledger.books(administration_id),
      open_item_entry_id uuid NOT NULL,
      open_item_line_no integer NOT NULL,
      settling_entry_id uuid NOT NULL,
      settling_line_no integer NOT NULL,
      amount numeric(18,2) NOT NULL CHECK (amount > 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      -- To the entries, not the lines: a foreign key onto the lines would let TRUNCATE of the
      -- lines fail on the key before their append-only trigger; the trigger below checks that
      -- both lines exist.
      FOREIGN KEY (administration_id, open_item_entry_id)
        REFERENCES ledger.journal_entries (administration_id, id),
      FOREIGN KEY (administration_id, settling_entry_id)
        REFERENCES ledger.journal_entries (administration_id, id),
      CONSTRAINT open_item_settlements_settling_line
        UNIQUE (administration_id, settling_entry_id, settling_line_no)
    )`);
    await q.query(`CREATE INDEX open_item_settlements_by_item
      ON ledger.open_item_settlements (administration_id, open_item_entry_id, open_item_line_no)
      INCLUDE (amount)`);
    await q.query(`CREATE TRIGGER open_item_settlements_append_only
      BEFORE UPDATE OR DELETE ON ledger.open_item_settlements
      FOR EACH ROW EXECUTE FUNCTION ledger.refuse_change()`);
    await q.query(`CREATE TRIGGER open_item_settlements_no_truncate
      BEFORE TRUNCATE ON ledger.open_item_settlements
      FOR EACH STATEMENT EXECUTE FUNCTION ledger.refuse_change()`);
    await q.query(`CREATE FUNCTION ledger.check_settlement_amount() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE line_amount numeric; settled numeric;
      BEGIN
        SELECT l.debit + l.credit INTO line_amount FROM ledger.journal_entry_lines l
         WHERE l.administration_id = NEW.administration_id AND l.entry_id = NEW.open_item_entry_id
           AND l.line_no = NEW.open_item_line_no;
        IF line_amount IS NULL OR NOT EXISTS (SELECT 1 FROM ledger.journal_entry_lines l
            WHERE l.administration_id = NEW.administration_id AND l.entry_id = NEW.settling_entry_id
              AND l.line_no = NEW.settling_line_no) THEN
          RAISE EXCEPTION 'ledger.open_item_settlements: no such open item or settling line'
            USING ERRCODE = 'foreign_key_violation';
        END IF;
        SELECT sum(s.amount) INTO settled FROM ledger.open_item_settlements s
         WHERE s.administration_id = NEW.administration_id
           AND s.open_item_entry_id = NEW.open_item_entry_id
           AND s.open_item_line_no = NEW.open_item_line_no;
        IF settled > line_amount THEN
          RAISE EXCEPTION 'ledger.open_item_settlements: settlements % exceed the open item %',
            settled, line_amount USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER open_item_settlements_amount
      AFTER INSERT ON ledger.open_item_settlements
      FOR EACH ROW EXECUTE FUNCTION ledger.check_settlement_amount()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ledger.open_item_settlements`);
    await q.query(`DROP FUNCTION ledger.check_settlement_amount()`);
    await q.query(`DROP INDEX ledger.journal_entry_lines_by_reference`);
    await q.query(`ALTER TABLE ledger.draft_entry_lines DROP COLUMN reference`);
    await q.query(`ALTER TABLE ledger.journal_entry_lines DROP COLUMN reference`);
  }
}
