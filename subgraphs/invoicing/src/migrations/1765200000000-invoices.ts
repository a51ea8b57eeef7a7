import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Facturatie proper: customers get debtor numbers, addresses and payment terms; invoices
 * and credit notes with their lines; payments (by hand and from the ledger's bank matching);
 * the numbering series; the sender details per administration; and the locked periods
 * invoicing learns from events (see docs/decisions/0011-invoicing.md).
 *
 * Money is numeric(18,2), quantities numeric(18,4), rates numeric(5,2). Every table carries
 * administration_id and every unique key starts with it.
 */
export class Invoices1765200000000 implements MigrationInterface {
  name = 'Invoices1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE invoicing.customers
      ADD COLUMN number text,
      ADD COLUMN kvk_number text,
      ADD COLUMN street text,
      ADD COLUMN postal_code text,
      ADD COLUMN city text,
      ADD COLUMN country_code text NOT NULL DEFAULT 'NL',
      ADD COLUMN payment_term_days integer NOT NULL DEFAULT 30
        CHECK (payment_term_days BETWEEN 0 AND 365),
      ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    // Customers from before debtor numbers: 1001, 1002, ... by creation.
    await q.query(`UPDATE invoicing.customers c SET number = n.num FROM (
        SELECT id, (1000 + row_number() OVER (PARTITION BY administration_id ORDER BY created_at, id))::text AS num
          FROM invoicing.customers) n
      WHERE n.id = c.id`);
    await q.query(`ALTER TABLE invoicing.customers ALTER COLUMN number SET NOT NULL`);
    await q.query(`ALTER TABLE invoicing.customers
      ADD CONSTRAINT customers_number_unique UNIQUE (administration_id, number)`);
    await q.query(
      `CREATE UNIQUE INDEX customers_admin_id ON invoicing.customers (administration_id, id)`,
    );

    // Counters: debtor numbers (kind CUSTOMER, year 0) and invoice numbers per year.
    await q.query(`CREATE TABLE invoicing.number_series (
      administration_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('CUSTOMER', 'INVOICE')),
      year integer NOT NULL,
      last_number integer NOT NULL,
      PRIMARY KEY (administration_id, kind, year)
    )`);
    await q.query(`INSERT INTO invoicing.number_series (administration_id, kind, year, last_number)
      SELECT administration_id, 'CUSTOMER', 0, count(*) + 1000 FROM invoicing.customers GROUP BY administration_id`);

    await q.query(`CREATE TABLE invoicing.invoice_settings (
      administration_id uuid PRIMARY KEY,
      name text NOT NULL,
      street text NOT NULL,
      postal_code text NOT NULL,
      city text NOT NULL,
      country_code text NOT NULL,
      vat_number text NOT NULL,
      kvk_number text NOT NULL,
      iban text NOT NULL,
      email text,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);

    await q.query(`CREATE TABLE invoicing.invoices (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      administration_id uuid NOT NULL,
      type text NOT NULL CHECK (type IN ('INVOICE', 'CREDIT_NOTE')),
      status text NOT NULL CHECK (status IN ('DRAFT', 'OPEN', 'PAID', 'CREDITED')),
      customer_id uuid NOT NULL,
      number text,
      year integer,
      sequence integer,
      issue_date date,
      due_date date,
      reference text,
      credited_invoice_id uuid,
      total_excl_vat numeric(18,2) NOT NULL DEFAULT 0,
      total_vat numeric(18,2) NOT NULL DEFAULT 0,
      total_incl_vat numeric(18,2) NOT NULL DEFAULT 0,
      paid_amount numeric(18,2) NOT NULL DEFAULT 0,
      credited_amount numeric(18,2) NOT NULL DEFAULT 0,
      customer_snapshot jsonb,
      supplier_snapshot jsonb,
      sort_rank smallint NOT NULL DEFAULT 1,
      sort_no bigint NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      finalized_at timestamptz,
      created_by uuid,
      finalized_by uuid,
      CONSTRAINT invoices_number_unique UNIQUE (administration_id, number),
      CONSTRAINT invoices_sequence_unique UNIQUE (administration_id, year, sequence),
      CONSTRAINT invoices_customer_fk FOREIGN KEY (administration_id, customer_id)
        REFERENCES invoicing.customers (administration_id, id),
      CHECK ((status = 'DRAFT') = (number IS NULL))
    )`);
    await q.query(`CREATE INDEX invoices_list ON invoicing.invoices
      (administration_id, sort_rank DESC, sort_no DESC, id DESC)`);
    await q.query(`CREATE INDEX invoices_open ON invoicing.invoices (administration_id, due_date)
      WHERE status = 'OPEN'`);
    await q.query(`CREATE INDEX invoices_credited ON invoicing.invoices (administration_id, credited_invoice_id)
      WHERE credited_invoice_id IS NOT NULL`);

    await q.query(`CREATE TABLE invoicing.invoice_lines (
      administration_id uuid NOT NULL,
      invoice_id uuid NOT NULL REFERENCES invoicing.invoices (id) ON DELETE CASCADE,
      line_no integer NOT NULL,
      description text NOT NULL,
      quantity numeric(18,4) NOT NULL,
      unit_price numeric(18,2) NOT NULL,
      vat_code text NOT NULL,
      vat_rate numeric(5,2) NOT NULL,
      net_amount numeric(18,2) NOT NULL,
      PRIMARY KEY (invoice_id, line_no)
    )`);
    await q.query(
      `CREATE INDEX invoice_lines_admin ON invoicing.invoice_lines (administration_id, invoice_id)`,
    );

    await q.query(`CREATE TABLE invoicing.payments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      administration_id uuid NOT NULL,
      invoice_id uuid NOT NULL REFERENCES invoicing.invoices (id),
      source text NOT NULL CHECK (source IN ('MANUAL', 'BANK')),
      amount numeric(18,2) NOT NULL,
      payment_date date NOT NULL,
      account_code text,
      idempotency_key text,
      request_hash text,
      settlement_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid,
      CONSTRAINT payments_idempotency UNIQUE (administration_id, idempotency_key),
      CONSTRAINT payments_settlement UNIQUE (administration_id, settlement_id)
    )`);
    await q.query(
      `CREATE INDEX payments_invoice ON invoicing.payments (administration_id, invoice_id)`,
    );

    // Periods the ledger will refuse: learnt from vat.period-filed and the ledger's lock events.
    await q.query(`CREATE TABLE invoicing.locked_periods (
      administration_id uuid NOT NULL,
      start_date date NOT NULL,
      end_date date NOT NULL,
      source text NOT NULL,
      locked_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (administration_id, start_date, end_date),
      CHECK (start_date <= end_date)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'locked_periods',
      'payments',
      'invoice_lines',
      'invoices',
      'invoice_settings',
      'number_series',
    ])
      await q.query(`DROP TABLE invoicing.${t}`);
    await q.query(`DROP INDEX invoicing.customers_admin_id`);
    await q.query(`ALTER TABLE invoicing.customers DROP CONSTRAINT customers_number_unique,
      DROP COLUMN number, DROP COLUMN kvk_number, DROP COLUMN street, DROP COLUMN postal_code,
      DROP COLUMN city, DROP COLUMN country_code, DROP COLUMN payment_term_days, DROP COLUMN updated_at`);
  }
}
