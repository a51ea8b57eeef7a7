import {
  DomainError,
  DomainErrors,
  isUuid,
  MoneyDecimal,
  type Decimal,
  type Logger,
} from '@kantoor/platform';
import type { DataSource, EntityManager } from 'typeorm';
import type { LineInput } from '../entry/entry.calc.js';
import type { EntryService } from '../entry/entry.service.js';

/** invoicing.document-finalized, as invoicing publishes it (common.md). */
export interface DocumentFinalized {
  administrationId: string;
  documentId: string;
  documentType: 'INVOICE' | 'CREDIT_NOTE';
  number: string;
  issueDate: string;
  customerName: string;
  /**
   * The customer (debiteur), for the XAF's customersSuppliers (issue 13, item 11). In the
   * payload from the start: id, number, VAT number, country; added later (absent from older
   * events): kvkNumber, street, postalCode, city. Events without customerId/customerNumber
   * are booked as before, without a customer.
   */
  customerId?: string;
  customerNumber?: string;
  customerVatNumber?: string | null;
  customerCountryCode?: string | null;
  customerKvkNumber?: string | null;
  customerStreet?: string | null;
  customerPostalCode?: string | null;
  customerCity?: string | null;
  creditedInvoiceId: string | null;
  creditedInvoiceNumber?: string | null;
  vatTotals: { vatCode: string; ledgerVatCode?: string; rate: string; base: string; vat: string }[];
  totalInclVat: string;
}

/** invoicing.payment-registered. */
export interface PaymentRegistered {
  administrationId: string;
  paymentId: string;
  invoiceId: string;
  invoiceNumber: string;
  amount: string;
  date: string;
  accountCode?: string | null;
}

/** Debiteuren (RGS BVorDebHad) in the default chart. */
export const DEBTORS_ACCOUNT = '1300';

/**
 * Default revenue account per sales VAT code (default-chart.data.ts): 8000 high, 8010 low,
 * 8020 0% and reverse charge, 8030 export, 8040 intra-EU. An administration with its own
 * chart needs these codes (or the booking fails, visibly).
 */
export const REVENUE_ACCOUNTS: Readonly<Record<string, string>> = {
  V21: '8000',
  V9: '8010',
  V0: '8020',
  VVERL: '8020',
  VEX: '8030',
  VEU: '8040',
  VVRIJ: '8020',
};

const money = (v: string) => new MoneyDecimal(v);
const side = (amount: Decimal, debit: boolean) => (debit ? { debit: amount } : { credit: amount });

/**
 * Books invoicing's documents in the ledger, exactly once per document id:
 * - invoice: debit debtors with the total incl. VAT (reference = invoice number, an open item);
 *   credit revenue per VAT code with its base and the VAT computed by invoicing (so the
 *   ledger's VAT lines equal the invoice's), in the sales journal (VRK) on the issue date;
 * - credit note: the mirror (lines marked as corrections), reference = the credited invoice's
 *   number, so both open items offset;
 * - payment: debit the bank or cash account, credit debtors with the invoice number.
 */
export class InvoicingBookingService {
  constructor(
    private readonly db: DataSource,
    private readonly entries: EntryService,
    private readonly logger?: Logger,
  ) {}

  private async already(m: EntityManager, administrationId: string, documentId: string) {
    const rows: { status: string }[] = await m.query(
      `SELECT status FROM ledger.invoicing_bookings WHERE administration_id = $1 AND document_id = $2`,
      [administrationId, documentId],
    );
    return rows[0]?.status === 'BOOKED' || rows[0]?.status === 'NO_LEDGER';
  }

  private async hasBooks(m: EntityManager, administrationId: string) {
    const rows: unknown[] = await m.query(
      `SELECT 1 FROM ledger.books WHERE administration_id = $1`,
      [administrationId],
    );
    return rows.length > 0;
  }

  private async record(
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
  ) {
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
  private async keepCustomer(
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

  async bookDocument(
    m: EntityManager,
    p: DocumentFinalized,
    occurredAt: Date = new Date(),
  ): Promise<void> {
    const customerId = await this.keepCustomer(m, p, occurredAt);
    const key = {
      administrationId: p.administrationId,
      documentId: p.documentId,
      invoiceId: p.documentId,
      kind: p.documentType,
      number: p.number,
      customerId,
    };
    if (await this.already(m, p.administrationId, p.documentId)) return;
    if (!(await this.hasBooks(m, p.administrationId)))
      return this.record(m, key, 'NO_LEDGER', null);
    const credit = p.documentType === 'CREDIT_NOTE';
    const reference = credit ? (p.creditedInvoiceNumber ?? p.number) : p.number;
    const lines: LineInput[] = [
      {
        accountCode: DEBTORS_ACCOUNT,
        ...side(money(p.totalInclVat), !credit),
        reference,
        description: p.customerName.slice(0, 500),
      },
    ];
    for (const v of p.vatTotals) {
      const base = money(v.base);
      if (base.isZero()) continue;
      const code = v.ledgerVatCode ?? v.vatCode;
      // Revenue is credited on an invoice, debited on a credit note; a negative base flips it.
      const debit = credit !== base.lt(0);
      lines.push({
        accountCode: REVENUE_ACCOUNTS[v.vatCode] ?? REVENUE_ACCOUNTS[code] ?? '8000',
        ...side(base.abs(), debit),
        vatCode: code,
        vatAmount: money(v.vat).abs(),
        correction: debit,
        description: `${credit ? 'Creditnota' : 'Factuur'} ${p.number}`,
      });
    }
    const entry = await this.entries.postIn(
      m,
      p.administrationId,
      {
        date: p.issueDate,
        description: `${credit ? 'Creditnota' : 'Factuur'} ${p.number} ${p.customerName}`.slice(
          0,
          500,
        ),
        journalCode: 'VRK',
        lines,
      },
      null,
      { idempotencyKey: `invoicing:${p.documentId}` },
    );
    await this.record(m, key, 'BOOKED', entry.id);
  }

  async bookPayment(m: EntityManager, p: PaymentRegistered): Promise<void> {
    const key = {
      administrationId: p.administrationId,
      documentId: p.paymentId,
      invoiceId: p.invoiceId,
      kind: 'PAYMENT',
      number: p.invoiceNumber,
    };
    if (await this.already(m, p.administrationId, p.paymentId)) return;
    if (!(await this.hasBooks(m, p.administrationId)))
      return this.record(m, key, 'NO_LEDGER', null);
    const journals: { code: string; account_code: string }[] = await m.query(
      `SELECT j.code, a.code AS account_code FROM ledger.journals j JOIN ledger.accounts a ON a.id = j.account_id
        WHERE j.administration_id = $1 AND j.type IN ('BANK', 'CASH')
        ORDER BY (j.type = 'BANK') DESC, j.code`,
      [p.administrationId],
    );
    const accountCode = p.accountCode ?? journals[0]?.account_code ?? '1100';
    const journalCode = journals.find((j) => j.account_code === accountCode)?.code ?? 'MEM';
    const amount = money(p.amount);
    const entry = await this.entries.postIn(
      m,
      p.administrationId,
      {
        date: p.date,
        description: `Betaling factuur ${p.invoiceNumber}`,
        journalCode,
        lines: [
          { accountCode, debit: amount, description: `Betaling ${p.invoiceNumber}` },
          {
            accountCode: DEBTORS_ACCOUNT,
            credit: amount,
            reference: p.invoiceNumber,
            description: `Betaling ${p.invoiceNumber}`,
          },
        ],
      },
      null,
      { idempotencyKey: `invoicing:${p.paymentId}` },
    );
    await this.record(m, key, 'BOOKED', entry.id);
  }

  /**
   * Keeps a failed attempt visible (own transaction: the handler's rolls back and pg-boss
   * retries it, then dead-letters it into ops' failedEvents).
   */
  async recordFailure(
    p: { administrationId: string; documentId: string; invoiceId: string; kind: string },
    error: unknown,
  ): Promise<void> {
    const code =
      error instanceof DomainError
        ? error.code
        : error instanceof DomainErrors
          ? (error.errors[0]?.code ?? 'ERROR')
          : 'ERROR';
    const message = error instanceof Error ? error.message : String(error);
    try {
      await this.db.query(
        `INSERT INTO ledger.invoicing_bookings (administration_id, document_id, invoice_id, kind, status, error_code, error)
         VALUES ($1, $2, $3, $4, 'FAILED', $5, $6)
         ON CONFLICT (administration_id, document_id) DO UPDATE
           SET status = 'FAILED', error_code = EXCLUDED.error_code, error = EXCLUDED.error,
               attempts = invoicing_bookings.attempts + 1, updated_at = now()
         WHERE invoicing_bookings.status = 'FAILED'`,
        [p.administrationId, p.documentId, p.invoiceId, p.kind, code, message.slice(0, 2000)],
      );
    } catch (e) {
      this.logger?.error({ err: e }, 'could not record a failed invoicing booking');
    }
  }

  /** Bookings of many invoices (the invoice's own and its payments'), for Invoice.journalEntry. */
  async bookingsOf(
    keys: readonly { administrationId: string; id: string }[],
  ): Promise<BookingRow[]> {
    if (keys.length === 0) return [];
    return this.db.query(
      `SELECT administration_id::text AS "administrationId", document_id::text AS "documentId",
              invoice_id::text AS "invoiceId", kind, status, entry_id::text AS "entryId",
              error_code AS "errorCode", error, attempts, updated_at AS "updatedAt"
         FROM ledger.invoicing_bookings
        WHERE (administration_id, invoice_id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))
        ORDER BY updated_at`,
      [keys.map((k) => k.administrationId), keys.map((k) => k.id)],
    );
  }
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
