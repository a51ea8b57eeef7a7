import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * VAT returns from the ledger's events (docs/decisions/0012-vat.md):
 * - administrations: tenancy's administrations as the VAT module needs them (name, filing
 *   period, VAT number, office), from administration.* events;
 * - lines: one row per VAT-coded journal line, from ledger.entry-posted (signed amounts);
 * - returns: a return that left OPEN (prepared and on), with its frozen boxes and filing;
 * - return_events: the workflow history; filings: what the filing adapter got and answered;
 * - icp_lines: intra-EU supplies (VEU) per customer, from invoicing.document-finalized;
 * - suppleties: correction returns of a filed period (difference above EUR 1,000).
 */
export class VatReturns1765200000000 implements MigrationInterface {
  name = 'VatReturns1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE vat.returns`);
    await q.query(`CREATE TABLE vat.administrations (
      administration_id uuid PRIMARY KEY,
      office_id uuid,
      name text NOT NULL DEFAULT '',
      vat_filing_period text NOT NULL DEFAULT 'QUARTER'
        CHECK (vat_filing_period IN ('MONTH', 'QUARTER', 'YEAR')),
      vat_number text,
      started_on date NOT NULL,
      first_booking_on date,
      archived boolean NOT NULL DEFAULT false
    )`);
    await q.query(
      `CREATE INDEX administrations_name ON vat.administrations (lower(name), administration_id)`,
    );
    await q.query(`CREATE TABLE vat.lines (
      administration_id uuid NOT NULL,
      entry_id uuid NOT NULL,
      line_no int NOT NULL,
      entry_date date NOT NULL,
      vat_code text NOT NULL,
      turnover_box text,
      vat_box text,
      turnover numeric(18,2) NOT NULL,
      vat_due numeric(18,2) NOT NULL,
      input_vat numeric(18,2) NOT NULL,
      received_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      PRIMARY KEY (administration_id, entry_id, line_no)
    )`);
    await q.query(
      `CREATE INDEX lines_by_date ON vat.lines (administration_id, entry_date, received_at)`,
    );
    await q.query(`CREATE TABLE vat.returns (
      administration_id uuid NOT NULL,
      period text NOT NULL,
      period_start date NOT NULL,
      period_end date NOT NULL,
      due_date date NOT NULL,
      status text NOT NULL CHECK (status IN
        ('PREPARED', 'AWAITING_APPROVAL', 'APPROVED', 'SUBMITTED', 'ACCEPTED', 'REJECTED')),
      sums jsonb NOT NULL,
      prepared_at timestamptz NOT NULL,
      submitted_at timestamptz,
      xbrl text,
      PRIMARY KEY (administration_id, period_start),
      UNIQUE (administration_id, period)
    )`);
    await q.query(`CREATE INDEX returns_due ON vat.returns (due_date, administration_id)`);
    await q.query(`CREATE TABLE vat.return_events (
      id bigserial PRIMARY KEY,
      administration_id uuid NOT NULL,
      period text NOT NULL,
      status text NOT NULL,
      at timestamptz NOT NULL DEFAULT clock_timestamp(),
      by_user_id uuid,
      note text,
      suppletie int
    )`);
    await q.query(
      `CREATE INDEX return_events_of ON vat.return_events (administration_id, period, id)`,
    );
    await q.query(`CREATE TABLE vat.filings (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      administration_id uuid NOT NULL,
      period text NOT NULL,
      adapter text NOT NULL,
      xbrl text NOT NULL,
      submitted_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      answered_at timestamptz,
      result text CHECK (result IN ('ACCEPTED', 'REJECTED')),
      reference text,
      message text,
      suppletie int
    )`);
    await q.query(`CREATE TABLE vat.suppleties (
      administration_id uuid NOT NULL,
      period text NOT NULL,
      number int NOT NULL,
      status text NOT NULL CHECK (status IN ('PREPARED', 'SUBMITTED', 'ACCEPTED', 'REJECTED')),
      sums jsonb NOT NULL,
      prepared_at timestamptz NOT NULL,
      submitted_at timestamptz,
      xbrl text,
      PRIMARY KEY (administration_id, period, number)
    )`);
    await q.query(`CREATE INDEX filings_of ON vat.filings (administration_id, period)`);
    await q.query(`CREATE TABLE vat.icp_lines (
      administration_id uuid NOT NULL,
      document_id uuid NOT NULL,
      line_no int NOT NULL,
      issue_date date NOT NULL,
      customer_vat_number text,
      customer_country_code text,
      customer_name text,
      amount numeric(18,2) NOT NULL,
      PRIMARY KEY (administration_id, document_id, line_no)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'icp_lines',
      'filings',
      'return_events',
      'returns',
      'lines',
      'administrations',
    ])
      await q.query(`DROP TABLE vat.${t}`);
    await q.query(`CREATE TABLE vat.returns (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      administration_id uuid NOT NULL,
      period_start date NOT NULL,
      period_end date NOT NULL,
      due_date date NOT NULL,
      status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'FILED')),
      filed_at timestamptz,
      CHECK (period_end >= period_start),
      UNIQUE (administration_id, period_start)
    )`);
  }
}
