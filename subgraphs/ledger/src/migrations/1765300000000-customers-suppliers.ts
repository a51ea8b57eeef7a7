import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ledger's copy of invoicing's customers (debiteuren) that its audit file (XAF) needs for
 * customersSuppliers and custSupID (issue 13, item 11), kept from the customer data in
 * "invoicing.document-finalized" (the ledger cannot read invoicing's tables). event_at is the
 * occurredAt of the last event applied: an older event delivered late cannot undo a newer one.
 *
 * ledger.invoicing_bookings learns the document's number and customer, so that the XAF can
 * name the customer and the invoice on the lines of the entry booked for it (custSupID,
 * invRef). Bookings made before this migration have neither (their lines stay without them).
 */
export class CustomersSuppliers1765300000000 implements MigrationInterface {
  name = 'CustomersSuppliers1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE ledger.customers_suppliers (
      administration_id uuid NOT NULL,
      id uuid NOT NULL,
      number text NOT NULL,
      name text NOT NULL,
      vat_number text,
      kvk_number text,
      street text,
      postal_code text,
      city text,
      country_code text,
      event_at timestamptz NOT NULL,
      PRIMARY KEY (administration_id, id)
    )`);
    await q.query(`ALTER TABLE ledger.invoicing_bookings
      ADD COLUMN document_number text,
      ADD COLUMN customer_id uuid`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ledger.invoicing_bookings
      DROP COLUMN document_number, DROP COLUMN customer_id`);
    await q.query(`DROP TABLE ledger.customers_suppliers`);
  }
}
