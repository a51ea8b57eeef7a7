import { isUuid } from '@kantoor/platform';
import type { EntityManager } from 'typeorm';
import type { DocumentFinalized } from './invoicing-booking.service.js';

/**
 * The ledger's record of what it booked for invoicing's documents and payments, and its copy
 * of their customers. Every statement names the administration ($1).
 */

/** Whether the document was booked already (or found no ledger). */
export async function isBookedAlready(
  m: EntityManager,
  administrationId: string,
  documentId: string,
): Promise<boolean> {
  const rows: { status: string }[] = await m.query(
    `SELECT status FROM ledger.invoicing_bookings WHERE administration_id = $1 AND document_id = $2`,
    [administrationId, documentId],
  );
  return rows[0]?.status === 'BOOKED' || rows[0]?.status === 'NO_LEDGER';
}

/** Whether the administration's books are open. */
export async function hasBooks(m: EntityManager, administrationId: string): Promise<boolean> {
  const rows: unknown[] = await m.query(`SELECT 1 FROM ledger.books WHERE administration_id = $1`, [
    administrationId,
  ]);
  return rows.length > 0;
}

/** Records the booking of a document (a retry updates the row). */
export async function recordBooking(
  m: EntityManager,
  p: {
    administrationId: string;
    documentId: string;
    invoiceId: string;
    kind: string;
    number?: string | null;
    customerId?: string | null;
  },
  status: 'BOOKED' | 'NO_LEDGER',
  entryId: string | null,
): Promise<void> {
  await m.query(
    `INSERT INTO ledger.invoicing_bookings
       (administration_id, document_id, invoice_id, kind, status, entry_id, document_number, customer_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (administration_id, document_id) DO UPDATE
       SET status = EXCLUDED.status, entry_id = EXCLUDED.entry_id, error_code = NULL, error = NULL,
           document_number = EXCLUDED.document_number, customer_id = EXCLUDED.customer_id,
           attempts = invoicing_bookings.attempts + 1, updated_at = now()`,
    [
      p.administrationId,
      p.documentId,
      p.invoiceId,
      p.kind,
      status,
      entryId,
      p.number ?? null,
      p.customerId ?? null,
    ],
  );
}

/**
 * Keeps the ledger's copy of the document's customer (ledger.customers_suppliers, for the
 * XAF), newest event wins (by occurredAt). Returns the customer id, or null when the event
 * names no customer (older events).
 */
export async function keepCustomer(
  m: EntityManager,
  p: DocumentFinalized,
  occurredAt: Date,
): Promise<string | null> {
  if (!p.customerId || !isUuid(p.customerId) || !p.customerNumber) return null;
  const text = (v: string | null | undefined) => (typeof v === 'string' && v.trim()) || null;
  await m.query(
    `INSERT INTO ledger.customers_suppliers AS c
       (administration_id, id, number, name, vat_number, kvk_number, street, postal_code, city,
        country_code, event_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (administration_id, id) DO UPDATE SET
       number = EXCLUDED.number, name = EXCLUDED.name, vat_number = EXCLUDED.vat_number,
       kvk_number = coalesce(EXCLUDED.kvk_number, c.kvk_number),
       street = coalesce(EXCLUDED.street, c.street),
       postal_code = coalesce(EXCLUDED.postal_code, c.postal_code),
       city = coalesce(EXCLUDED.city, c.city),
       country_code = EXCLUDED.country_code, event_at = EXCLUDED.event_at
     WHERE c.event_at <= EXCLUDED.event_at`,
    [
      p.administrationId,
      p.customerId,
      p.customerNumber.slice(0, 100),
      (text(p.customerName) ?? p.customerNumber).slice(0, 500),
      text(p.customerVatNumber),
      text(p.customerKvkNumber),
      text(p.customerStreet),
      text(p.customerPostalCode),
      text(p.customerCity),
      text(p.customerCountryCode),
      occurredAt,
    ],
  );
  return p.customerId;
}

/** The bank and cash journals with their accounts' codes, bank first. */
export async function moneyJournals(
  m: EntityManager,
  administrationId: string,
): Promise<{ code: string; account_code: string }[]> {
  return m.query(
    `SELECT j.code, a.code AS account_code FROM ledger.journals j JOIN ledger.accounts a ON a.id = j.account_id
      WHERE j.administration_id = $1 AND j.type IN ('BANK', 'CASH')
      ORDER BY (j.type = 'BANK') DESC, j.code`,
    [administrationId],
  );
}

/** Records a failed attempt (a booked document stays booked). */
export async function recordBookingFailure(
  m: EntityManager,
  p: { administrationId: string; documentId: string; invoiceId: string; kind: string },
  code: string,
  message: string,
): Promise<void> {
  await m.query(
    `INSERT INTO ledger.invoicing_bookings (administration_id, document_id, invoice_id, kind, status, error_code, error)
     VALUES ($1, $2, $3, $4, 'FAILED', $5, $6)
     ON CONFLICT (administration_id, document_id) DO UPDATE
       SET status = 'FAILED', error_code = EXCLUDED.error_code, error = EXCLUDED.error,
           attempts = invoicing_bookings.attempts + 1, updated_at = now()
     WHERE invoicing_bookings.status = 'FAILED'`,
    [p.administrationId, p.documentId, p.invoiceId, p.kind, code, message],
  );
}

/** Bookings of many invoices (their own and their payments'), oldest change first. */
export async function listBookings(
  m: EntityManager,
  keys: readonly { administrationId: string; id: string }[],
): Promise<BookingRow[]> {
  return m.query(
    `SELECT administration_id::text AS "administrationId", document_id::text AS "documentId",
            invoice_id::text AS "invoiceId", kind, status, entry_id::text AS "entryId",
            error_code AS "errorCode", error, attempts, updated_at AS "updatedAt"
       FROM ledger.invoicing_bookings
      WHERE (administration_id, invoice_id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))
      ORDER BY updated_at`,
    [keys.map((k) => k.administrationId), keys.map((k) => k.id)],
  );
}

export interface BookingRow {
  administrationId: string;
  documentId: string;
  invoiceId: string;
  kind: string;
  status: 'BOOKED' | 'FAILED' | 'NO_LEDGER';
  entryId: string | null;
  errorCode: string | null;
  error: string | null;
  attempts: number;
  updatedAt: Date;
}
