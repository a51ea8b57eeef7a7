import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bank: bank accounts (a BANK journal with its IBAN), imported statements, their
 * transactions (deduplicated per bank account), and simple booking rules.
 *
 * - A bank account IS a journal of type BANK with an IBAN (electronic format, unique per
 *   administration) and a ledger account (journals.account_id); no second table.
 * - bank_transactions.dedupe_key is unique per bank account: "ref:<AcctSvcrRef>" when the bank
 *   gave its entry reference, else "hash:<sha256>#<n>" (see bank.calculation.ts). A re-import
 *   inserts with ON CONFLICT DO NOTHING, so parallel imports of one file store each
 *   transaction once.
 * - entry_id links a processed transaction to its journal entry, unique: a transaction is
 *   booked at most once, and an entry books at most one transaction.
 */
export class Bank1764500000000 implements MigrationInterface {
  name = 'Bank1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE UNIQUE INDEX journals_iban
      ON ledger.journals (administration_id, iban) WHERE iban IS NOT NULL`);
    await q.query(`ALTER TABLE ledger.journals
      ADD CONSTRAINT journals_iban_only_bank CHECK (iban IS NULL OR type = 'BANK')`);

    await q.query(`CREATE TABLE ledger.bank_imports (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      administration_id uuid NOT NULL REFERENCES ledger.books(administration_id),
      journal_id uuid NOT NULL,
      file_sha256 text NOT NULL,
      statement_ids text[] NOT NULL DEFAULT '{}',
      entries_in_file integer NOT NULL CHECK (entries_in_file >= 0),
      entries_new integer NOT NULL CHECK (entries_new >= 0),
      imported_at timestamptz NOT NULL DEFAULT now(),
      imported_by uuid,
      UNIQUE (administration_id, id),
      FOREIGN KEY (administration_id, journal_id) REFERENCES ledger.journals (administration_id, id)
    )`);
    await q.query(`CREATE INDEX bank_imports_by_journal
      ON ledger.bank_imports (administration_id, journal_id, imported_at DESC)`);

    await q.query(`CREATE TABLE ledger.bank_transactions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      administration_id uuid NOT NULL REFERENCES ledger.books(administration_id),
      journal_id uuid NOT NULL,
      import_id uuid NOT NULL,
      dedupe_key text NOT NULL,
      booking_date date NOT NULL,
      value_date date,
      amount numeric(18,2) NOT NULL CHECK (amount <> 0),
      counterparty_name text,
      counterparty_iban text,
      remittance text,
      end_to_end_id text,
      bank_reference text,
      imported_at timestamptz NOT NULL DEFAULT now(),
      entry_id uuid,
      processed_at timestamptz,
      processed_by uuid,
      UNIQUE (administration_id, id),
      CONSTRAINT bank_transactions_dedupe UNIQUE (administration_id, journal_id, dedupe_key),
      CONSTRAINT bank_transactions_entry UNIQUE (administration_id, entry_id),
      FOREIGN KEY (administration_id, journal_id) REFERENCES ledger.journals (administration_id, id),
      FOREIGN KEY (administration_id, import_id) REFERENCES ledger.bank_imports (administration_id, id),
      FOREIGN KEY (administration_id, entry_id) REFERENCES ledger.journal_entries (administration_id, id),
      CHECK ((entry_id IS NULL) = (processed_at IS NULL))
    )`);
    // The to-do list per bank account (oldest first) and the dashboard count.
    await q.query(`CREATE INDEX bank_transactions_unprocessed
      ON ledger.bank_transactions (administration_id, journal_id, booking_date, id)
      WHERE entry_id IS NULL`);
    await q.query(`CREATE INDEX bank_transactions_by_date
      ON ledger.bank_transactions (administration_id, journal_id, booking_date, id)`);

    await q.query(`CREATE TABLE ledger.bank_rules (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      administration_id uuid NOT NULL REFERENCES ledger.books(administration_id),
      position bigint GENERATED ALWAYS AS IDENTITY,
      counterparty_iban text,
      description_contains text,
      account_id uuid NOT NULL,
      vat_code text,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid,
      UNIQUE (administration_id, id),
      FOREIGN KEY (administration_id, account_id) REFERENCES ledger.accounts (administration_id, id),
      FOREIGN KEY (administration_id, vat_code) REFERENCES ledger.vat_codes (administration_id, code),
      CHECK (counterparty_iban IS NOT NULL OR description_contains IS NOT NULL)
    )`);
    await q.query(
      `CREATE INDEX bank_rules_in_order ON ledger.bank_rules (administration_id, position)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ledger.bank_rules`);
    await q.query(`DROP TABLE ledger.bank_transactions`);
    await q.query(`DROP TABLE ledger.bank_imports`);
    await q.query(`ALTER TABLE ledger.journals DROP CONSTRAINT journals_iban_only_bank`);
    await q.query(`DROP INDEX ledger.journals_iban`);
  }
}
