import type { EntityManager } from 'typeorm';
import type { XafJournal } from './xaf.builder.js';

export interface LineRow {
  entry_id: string;
  journal_id: string;
  number: string;
  entry_date: string;
  description: string;
  line_no: number;
  kind: 'ENTERED' | 'VAT_DUE' | 'VAT_INPUT' | 'CLOSING';
  account_code: string;
  debit: string;
  credit: string;
  vat_code: string | null;
  vat_rate: string | null;
  line_description: string | null;
  reference: string | null;
}

export interface VatCodeRow {
  code: string;
  description: string;
  direction: 'SALES' | 'PURCHASES';
  reverse_charge: boolean;
  vat_account_code: string | null;
  input_vat_account_code: string | null;
}

export interface CustomerSupplierRow {
  id: string;
  number: string;
  name: string;
  vat_number: string | null;
  kvk_number: string | null;
  street: string | null;
  postal_code: string | null;
  city: string | null;
  country_code: string | null;
}

export interface BookedDocumentRow {
  entry_id: string;
  kind: string;
  document_number: string | null;
  customer_id: string | null;
}

export interface JournalRow {
  id: string;
  code: string;
  name: string;
  type: XafJournal['type'];
  account_code: string | null;
  iban: string | null;
}

/**
 * What the audit file reads, each statement naming the administration ($1); run in the
 * caller's REPEATABLE READ transaction, so they are one snapshot.
 */

/** What the ledger reads of tenancy's "administration.created" / "administration.updated". */
export interface AdministrationDetailsPayload {
  administrationId?: string;
  name?: string | null;
  vatNumber?: string | null;
  kvkNumber?: string | null;
}

/**
 * Keeps the ledger's copy of an administration's name, VAT number and KvK number (the XAF
 * header; issue 13, item 17), newest event wins (by occurredAt). A payload without a key
 * (events published before tenancy sent them) leaves that value as it was.
 */
export async function applyAdministrationDetails(
  m: EntityManager,
  payload: AdministrationDetailsPayload,
  occurredAt: Date,
): Promise<void> {
  const has = (key: keyof AdministrationDetailsPayload) =>
    Object.prototype.hasOwnProperty.call(payload, key);
  await m.query(
    `INSERT INTO ledger.administration_details AS d
       (administration_id, name, vat_number, kvk_number, event_at)
     VALUES ($1, $2, $4, $6, $8)
     ON CONFLICT (administration_id) DO UPDATE SET
       name = CASE WHEN $3 THEN EXCLUDED.name ELSE d.name END,
       vat_number = CASE WHEN $5 THEN EXCLUDED.vat_number ELSE d.vat_number END,
       kvk_number = CASE WHEN $7 THEN EXCLUDED.kvk_number ELSE d.kvk_number END,
       event_at = EXCLUDED.event_at
     WHERE d.event_at <= EXCLUDED.event_at`,
    [
      payload.administrationId,
      payload.name ?? null,
      has('name'),
      payload.vatNumber ?? null,
      has('vatNumber'),
      payload.kvkNumber ?? null,
      has('kvkNumber'),
      occurredAt,
    ],
  );
}

export async function booksRow(m: EntityManager, administrationId: string): Promise<unknown[]> {
  return m.query('SELECT 1 FROM ledger.books WHERE administration_id = $1', [administrationId]);
}

export async function companyDetails(
  m: EntityManager,
  administrationId: string,
): Promise<{ name: string | null; vat_number: string | null; kvk_number: string | null }[]> {
  return m.query(
    `SELECT name, vat_number, kvk_number FROM ledger.administration_details
          WHERE administration_id = $1`,
    [administrationId],
  );
}

export async function vatCodeRows(
  m: EntityManager,
  administrationId: string,
): Promise<VatCodeRow[]> {
  return m.query(
    `SELECT v.code, v.description, v.direction, v.reverse_charge,
            va.code AS vat_account_code, ia.code AS input_vat_account_code
       FROM ledger.vat_codes v
       LEFT JOIN ledger.accounts va ON va.administration_id = v.administration_id AND va.id = v.vat_account_id
       LEFT JOIN ledger.accounts ia ON ia.administration_id = v.administration_id AND ia.id = v.input_vat_account_id
      WHERE v.administration_id = $1
      ORDER BY v.code`,
    [administrationId],
  );
}

export async function customerSupplierRows(
  m: EntityManager,
  administrationId: string,
): Promise<CustomerSupplierRow[]> {
  return m.query(
    `SELECT id, number, name, vat_number, kvk_number, street, postal_code, city, country_code
       FROM ledger.customers_suppliers
      WHERE administration_id = $1
      ORDER BY number, id`,
    [administrationId],
  );
}

export async function bookedDocumentRows(
  m: EntityManager,
  administrationId: string,
): Promise<BookedDocumentRow[]> {
  return m.query(
    `SELECT b.entry_id, b.kind, coalesce(b.document_number, i.document_number) AS document_number,
            coalesce(b.customer_id, i.customer_id) AS customer_id
       FROM ledger.invoicing_bookings b
       LEFT JOIN ledger.invoicing_bookings i
         ON i.administration_id = b.administration_id AND i.document_id = b.invoice_id
      WHERE b.administration_id = $1 AND b.status = 'BOOKED' AND b.entry_id IS NOT NULL`,
    [administrationId],
  );
}

export async function journalRows(
  m: EntityManager,
  administrationId: string,
): Promise<JournalRow[]> {
  return m.query(
    `SELECT j.id, j.code, j.name, j.type, a.code AS account_code, j.iban
       FROM ledger.journals j
       LEFT JOIN ledger.accounts a ON a.administration_id = j.administration_id AND a.id = j.account_id
      WHERE j.administration_id = $1
      ORDER BY j.code`,
    [administrationId],
  );
}

export async function lineRows(
  m: EntityManager,
  administrationId: string,
  startDate: string,
  endDate: string,
): Promise<LineRow[]> {
  return m.query(
    `SELECT e.id AS entry_id, e.journal_id, e.number, e.entry_date::text AS entry_date, e.description,
            l.line_no, l.kind, a.code AS account_code, l.debit::text AS debit, l.credit::text AS credit,
            l.vat_code, v.rate::text AS vat_rate, l.description AS line_description, l.reference
       FROM ledger.journal_entries e
       JOIN ledger.journal_entry_lines l
         ON l.administration_id = e.administration_id AND l.entry_id = e.id
       JOIN ledger.accounts a ON a.administration_id = l.administration_id AND a.id = l.account_id
       LEFT JOIN ledger.vat_codes v ON v.administration_id = l.administration_id AND v.code = l.vat_code
      WHERE e.administration_id = $1
        AND e.entry_date BETWEEN CAST($2 AS date) AND CAST($3 AS date)
      ORDER BY e.entry_date, e.sequence, l.line_no`,
    [administrationId, startDate, endDate],
  );
}

export async function balancesBefore(
  m: EntityManager,
  administrationId: string,
  startDate: string,
): Promise<{ account_id: string; balance: string }[]> {
  return m.query(
    `SELECT l.account_id, (sum(l.debit) - sum(l.credit))::text AS balance
       FROM ledger.journal_entry_lines l
      WHERE l.administration_id = $1 AND l.entry_date < CAST($2 AS date)
      GROUP BY l.account_id`,
    [administrationId, startDate],
  );
}
