import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Financieel: VAT codes, journals, office chart templates, fiscal years with their entry
 * counters, posted journal entries (append-only, enforced here), drafts, locked periods
 * and their audit log.
 *
 * Integrity kept by the database, not only by the service:
 * - every administration-owned row carries administration_id, and references between them
 *   are composite (administration_id, id) foreign keys, so a line can never point at another
 *   administration's account or entry;
 * - posted entries and their lines refuse UPDATE, DELETE and TRUNCATE (a correction is a
 *   reversal entry); the period-lock audit log likewise;
 * - the lines inserted by one statement balance per entry (sum debit = sum credit), and each
 *   line has exactly one positive side;
 * - numbers are unique per administration and fiscal year; a counter row in fiscal_years
 *   hands them out inside the posting transaction (no sequence: no gaps on rollback).
 */
export class Bookings1764200000000 implements MigrationInterface {
  name = 'Bookings1764200000000';

  async up(q: QueryRunner): Promise<void> {
    // --- books and accounts -------------------------------------------------------------
    await q.query(`ALTER TABLE ledger.books
      ADD COLUMN office_id uuid,
      ADD COLUMN chart_source text NOT NULL DEFAULT 'KANTOOR_DEFAULT'
        CHECK (chart_source IN ('KANTOOR_DEFAULT', 'OFFICE_TEMPLATE')),
      ADD COLUMN chart_template_id uuid`);
    await q.query(`ALTER TABLE ledger.accounts
      ADD COLUMN created_at timestamptz NOT NULL DEFAULT now(),
      ADD CONSTRAINT accounts_administration_id_id_key UNIQUE (administration_id, id)`);

    await q.query(`CREATE TABLE ledger.vat_codes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      administration_id uuid NOT NULL REFERENCES ledger.books(administration_id),
      code text NOT NULL CHECK (code ~ '^[A-Z0-9]{1,10}$'),
      description text NOT NULL CHECK (length(trim(description)) > 0),
      rate numeric(5,2) NOT NULL CHECK (rate >= 0 AND rate < 100),
      direction text NOT NULL CHECK (direction IN ('SALES', 'PURCHASES')),
      reverse_charge boolean NOT NULL DEFAULT false,
      vat_account_id uuid,
      input_vat_account_id uuid,
      turnover_box text,
      vat_box text,
      blocked boolean NOT NULL DEFAULT false,
      UNIQUE (administration_id, code),
      FOREIGN KEY (administration_id, vat_account_id)
        REFERENCES ledger.accounts (administration_id, id),
      FOREIGN KEY (administration_id, input_vat_account_id)
        REFERENCES ledger.accounts (administration_id, id),
      CHECK (rate = 0 OR vat_account_id IS NOT NULL),
      CHECK (NOT reverse_charge OR (input_vat_account_id IS NOT NULL AND vat_account_id IS NOT NULL))
    )`);

    await q.query(`CREATE TABLE ledger.journals (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      administration_id uuid NOT NULL REFERENCES ledger.books(administration_id),
      code text NOT NULL CHECK (code ~ '^[A-Z0-9]{1,10}$'),
      name text NOT NULL CHECK (length(trim(name)) > 0),
      type text NOT NULL CHECK (type IN ('GENERAL', 'SALES', 'PURCHASES', 'BANK', 'CASH')),
      account_id uuid,
      iban text,
      UNIQUE (administration_id, code),
      UNIQUE (administration_id, id),
      FOREIGN KEY (administration_id, account_id) REFERENCES ledger.accounts (administration_id, id)
    )`);

    // --- fiscal years: the entry counter per administration and year ---------------------
    await q.query(`CREATE TABLE ledger.fiscal_years (
      administration_id uuid NOT NULL REFERENCES ledger.books(administration_id),
      year integer NOT NULL CHECK (year BETWEEN 1900 AND 9999),
      start_date date NOT NULL,
      end_date date NOT NULL,
      last_number integer NOT NULL DEFAULT 0 CHECK (last_number >= 0),
      PRIMARY KEY (administration_id, year),
      CHECK (start_date <= end_date)
    )`);

    // --- posted journal entries (append-only) --------------------------------------------
    await q.query(`CREATE TABLE ledger.journal_entries (
      id uuid PRIMARY KEY,
      administration_id uuid NOT NULL REFERENCES ledger.books(administration_id),
      journal_id uuid NOT NULL,
      fiscal_year integer NOT NULL,
      sequence integer NOT NULL CHECK (sequence > 0),
      number text NOT NULL,
      entry_date date NOT NULL,
      description text NOT NULL CHECK (length(trim(description)) > 0),
      idempotency_key text,
      reverses_entry_id uuid,
      posted_at timestamptz NOT NULL DEFAULT now(),
      posted_by uuid,
      UNIQUE (administration_id, id),
      UNIQUE (administration_id, id, entry_date, sequence),
      UNIQUE (administration_id, fiscal_year, sequence),
      UNIQUE (administration_id, number),
      FOREIGN KEY (administration_id, fiscal_year) REFERENCES ledger.fiscal_years (administration_id, year),
      FOREIGN KEY (administration_id, journal_id) REFERENCES ledger.journals (administration_id, id),
      FOREIGN KEY (administration_id, reverses_entry_id)
        REFERENCES ledger.journal_entries (administration_id, id)
    )`);
    await q.query(`CREATE UNIQUE INDEX journal_entries_idempotency_key
      ON ledger.journal_entries (administration_id, idempotency_key) WHERE idempotency_key IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX journal_entries_reversal
      ON ledger.journal_entries (administration_id, reverses_entry_id) WHERE reverses_entry_id IS NOT NULL`);
    await q.query(`CREATE INDEX journal_entries_by_date
      ON ledger.journal_entries (administration_id, entry_date DESC, sequence DESC)`);

    // entry_date and entry_sequence are copied from the entry (the composite foreign key
    // keeps them equal) so reports filter and order lines without a join.
    await q.query(`CREATE TABLE ledger.journal_entry_lines (
      administration_id uuid NOT NULL,
      entry_id uuid NOT NULL,
      line_no integer NOT NULL CHECK (line_no > 0),
      kind text NOT NULL CHECK (kind IN ('ENTERED', 'VAT_DUE', 'VAT_INPUT')),
      account_id uuid NOT NULL,
      debit numeric(18,2) NOT NULL DEFAULT 0,
      credit numeric(18,2) NOT NULL DEFAULT 0,
      vat_code text,
      description text,
      entry_date date NOT NULL,
      entry_sequence integer NOT NULL,
      PRIMARY KEY (administration_id, entry_id, line_no),
      FOREIGN KEY (administration_id, entry_id, entry_date, entry_sequence)
        REFERENCES ledger.journal_entries (administration_id, id, entry_date, sequence),
      FOREIGN KEY (administration_id, account_id) REFERENCES ledger.accounts (administration_id, id),
      CHECK (debit >= 0 AND credit >= 0 AND ((debit > 0) <> (credit > 0)))
    )`);
    // Account ledger (movements in order) and trial balance (index-only, grouped by account).
    await q.query(`CREATE INDEX journal_entry_lines_by_account
      ON ledger.journal_entry_lines (administration_id, account_id, entry_date, entry_sequence, line_no)
      INCLUDE (debit, credit)`);

    await q.query(`CREATE FUNCTION ledger.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ledger.%: % refused; posted bookings are append-only (book a reversal)',
          TG_TABLE_NAME, TG_OP USING ERRCODE = 'integrity_constraint_violation';
      END $$`);
    for (const table of ['journal_entries', 'journal_entry_lines']) {
      await q.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ledger.${table}
        FOR EACH ROW EXECUTE FUNCTION ledger.refuse_change()`);
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ledger.${table}
        FOR EACH STATEMENT EXECUTE FUNCTION ledger.refuse_change()`);
    }
    // Every entry's lines arrive in one statement and balance there.
    await q.query(`CREATE FUNCTION ledger.check_lines_balance() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE unbalanced uuid;
      BEGIN
        SELECT entry_id INTO unbalanced FROM new_lines
         GROUP BY administration_id, entry_id HAVING sum(debit) <> sum(credit) LIMIT 1;
        IF unbalanced IS NOT NULL THEN
          RAISE EXCEPTION 'ledger.journal_entry_lines: entry % does not balance', unbalanced
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER journal_entry_lines_balance AFTER INSERT ON ledger.journal_entry_lines
      REFERENCING NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION ledger.check_lines_balance()`);

    // --- drafts ("te boeken journaalposten"): editable, no number -------------------------
    await q.query(`CREATE TABLE ledger.draft_entries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      administration_id uuid NOT NULL REFERENCES ledger.books(administration_id),
      journal_id uuid NOT NULL,
      entry_date date NOT NULL,
      description text NOT NULL CHECK (length(trim(description)) > 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid,
      UNIQUE (administration_id, id),
      FOREIGN KEY (administration_id, journal_id) REFERENCES ledger.journals (administration_id, id)
    )`);
    await q.query(`CREATE INDEX draft_entries_by_date
      ON ledger.draft_entries (administration_id, entry_date DESC, id DESC)`);
    await q.query(`CREATE TABLE ledger.draft_entry_lines (
      administration_id uuid NOT NULL,
      draft_id uuid NOT NULL,
      line_no integer NOT NULL CHECK (line_no > 0),
      account_id uuid NOT NULL,
      debit numeric(18,2) NOT NULL DEFAULT 0,
      credit numeric(18,2) NOT NULL DEFAULT 0,
      vat_code text,
      description text,
      PRIMARY KEY (administration_id, draft_id, line_no),
      FOREIGN KEY (administration_id, draft_id)
        REFERENCES ledger.draft_entries (administration_id, id) ON DELETE CASCADE,
      FOREIGN KEY (administration_id, account_id) REFERENCES ledger.accounts (administration_id, id),
      CHECK (debit >= 0 AND credit >= 0 AND ((debit > 0) <> (credit > 0)))
    )`);
    await q.query(`CREATE INDEX draft_entry_lines_by_account
      ON ledger.draft_entry_lines (administration_id, account_id)`);

    // --- locked periods and their audit log ------------------------------------------------
    await q.query(`CREATE TABLE ledger.locked_periods (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      administration_id uuid NOT NULL REFERENCES ledger.books(administration_id),
      start_date date NOT NULL,
      end_date date NOT NULL,
      source text NOT NULL CHECK (source IN ('USER', 'VAT_FILING')),
      reason text,
      locked_at timestamptz NOT NULL DEFAULT now(),
      locked_by uuid,
      UNIQUE (administration_id, start_date, end_date),
      CHECK (start_date <= end_date)
    )`);
    await q.query(`CREATE TABLE ledger.period_lock_audit (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      administration_id uuid NOT NULL REFERENCES ledger.books(administration_id),
      action text NOT NULL CHECK (action IN ('LOCK', 'UNLOCK')),
      start_date date NOT NULL,
      end_date date NOT NULL,
      source text NOT NULL CHECK (source IN ('USER', 'VAT_FILING')),
      reason text,
      actor_user_id uuid,
      event_id uuid,
      at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX period_lock_audit_by_administration
      ON ledger.period_lock_audit (administration_id, id DESC)`);
    await q.query(`CREATE TRIGGER period_lock_audit_append_only BEFORE UPDATE OR DELETE ON ledger.period_lock_audit
      FOR EACH ROW EXECUTE FUNCTION ledger.refuse_change()`);

    // --- office chart templates ("eigen rekeningschema's") ---------------------------------
    await q.query(`CREATE TABLE ledger.chart_templates (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      office_id uuid NOT NULL,
      name text NOT NULL CHECK (length(trim(name)) > 0),
      is_default boolean NOT NULL DEFAULT false,
      source_administration_id uuid,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(
      `CREATE UNIQUE INDEX chart_templates_name ON ledger.chart_templates (office_id, lower(name))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX chart_templates_default ON ledger.chart_templates (office_id) WHERE is_default`,
    );
    await q.query(`CREATE TABLE ledger.chart_template_accounts (
      template_id uuid NOT NULL REFERENCES ledger.chart_templates(id) ON DELETE CASCADE,
      code text NOT NULL CHECK (code ~ '^[0-9A-Za-z]{1,10}$'),
      name text NOT NULL CHECK (length(trim(name)) > 0),
      type text NOT NULL CHECK (type IN ('ASSET', 'LIABILITY', 'EQUITY', 'REVENUE', 'EXPENSE')),
      rgs_code text,
      PRIMARY KEY (template_id, code)
    )`);
    await q.query(`CREATE TABLE ledger.chart_template_vat_codes (
      template_id uuid NOT NULL REFERENCES ledger.chart_templates(id) ON DELETE CASCADE,
      code text NOT NULL CHECK (code ~ '^[A-Z0-9]{1,10}$'),
      description text NOT NULL CHECK (length(trim(description)) > 0),
      rate numeric(5,2) NOT NULL CHECK (rate >= 0 AND rate < 100),
      direction text NOT NULL CHECK (direction IN ('SALES', 'PURCHASES')),
      reverse_charge boolean NOT NULL DEFAULT false,
      vat_account_code text,
      input_vat_account_code text,
      turnover_box text,
      vat_box text,
      PRIMARY KEY (template_id, code),
      FOREIGN KEY (template_id, vat_account_code)
        REFERENCES ledger.chart_template_accounts (template_id, code) ON UPDATE CASCADE,
      FOREIGN KEY (template_id, input_vat_account_code)
        REFERENCES ledger.chart_template_accounts (template_id, code) ON UPDATE CASCADE,
      CHECK (rate = 0 OR vat_account_code IS NOT NULL),
      CHECK (NOT reverse_charge OR (input_vat_account_code IS NOT NULL AND vat_account_code IS NOT NULL))
    )`);
    await q.query(`CREATE TABLE ledger.chart_template_journals (
      template_id uuid NOT NULL REFERENCES ledger.chart_templates(id) ON DELETE CASCADE,
      code text NOT NULL CHECK (code ~ '^[A-Z0-9]{1,10}$'),
      name text NOT NULL CHECK (length(trim(name)) > 0),
      type text NOT NULL CHECK (type IN ('GENERAL', 'SALES', 'PURCHASES', 'BANK', 'CASH')),
      account_code text,
      PRIMARY KEY (template_id, code),
      FOREIGN KEY (template_id, account_code)
        REFERENCES ledger.chart_template_accounts (template_id, code) ON UPDATE CASCADE
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'chart_template_journals',
      'chart_template_vat_codes',
      'chart_template_accounts',
      'chart_templates',
      'period_lock_audit',
      'locked_periods',
      'draft_entry_lines',
      'draft_entries',
      'journal_entry_lines',
      'journal_entries',
      'fiscal_years',
      'journals',
      'vat_codes',
    ]) {
      await q.query(`DROP TABLE ledger.${table}`);
    }
    await q.query(`DROP FUNCTION ledger.check_lines_balance()`);
    await q.query(`DROP FUNCTION ledger.refuse_change()`);
    await q.query(`ALTER TABLE ledger.accounts DROP CONSTRAINT accounts_administration_id_id_key,
      DROP COLUMN created_at`);
    await q.query(`ALTER TABLE ledger.books DROP COLUMN office_id, DROP COLUMN chart_source,
      DROP COLUMN chart_template_id`);
  }
}
