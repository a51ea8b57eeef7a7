import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ledger's record of what it booked for invoicing: one row per invoicing document
 * (invoice, credit note, payment), keyed by the document id, so each is booked exactly once.
 * A failed attempt is kept here too (status FAILED, the error), so that it is visible on the
 * invoice (Invoice.ledgerBooking) while pg-boss retries it and ops see it in failedEvents.
 */
export class InvoicingBookings1765200000000 implements MigrationInterface {
  name = 'InvoicingBookings1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE ledger.invoicing_bookings (
      administration_id uuid NOT NULL,
      document_id uuid NOT NULL,
      invoice_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('INVOICE', 'CREDIT_NOTE', 'PAYMENT')),
      status text NOT NULL CHECK (status IN ('BOOKED', 'FAILED', 'NO_LEDGER')),
      entry_id uuid,
      error_code text,
      error text,
      attempts integer NOT NULL DEFAULT 1,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (administration_id, document_id)
    )`);
    await q.query(
      `CREATE INDEX invoicing_bookings_invoice ON ledger.invoicing_bookings (administration_id, invoice_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ledger.invoicing_bookings`);
  }
}
