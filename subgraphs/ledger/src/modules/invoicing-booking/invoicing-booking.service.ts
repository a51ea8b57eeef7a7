import {
  DomainError,
  DomainErrors,
  MoneyDecimal,
  type Decimal,
  type Logger,
} from '@kantoor/platform';
import type { DataSource, EntityManager } from 'typeorm';
import type { LineInput } from '../entry/entry.calc.js';
import type { EntryService } from '../entry/entry.service.js';
import {
  hasBooks,
  isBookedAlready,
  keepCustomer,
  listBookings,
  moneyJournals,
  recordBooking,
  recordBookingFailure,
  type BookingRow,
} from './invoicing-booking.sql.js';

export type { BookingRow } from './invoicing-booking.sql.js';

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

  async bookDocument(
    m: EntityManager,
    p: DocumentFinalized,
    occurredAt: Date = new Date(),
  ): Promise<void> {
    const customerId = await keepCustomer(m, p, occurredAt);
    const key = {
      administrationId: p.administrationId,
      documentId: p.documentId,
      invoiceId: p.documentId,
      kind: p.documentType,
      number: p.number,
      customerId,
    };
    if (await isBookedAlready(m, p.administrationId, p.documentId)) return;
    if (!(await hasBooks(m, p.administrationId))) return recordBooking(m, key, 'NO_LEDGER', null);
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
    await recordBooking(m, key, 'BOOKED', entry.id);
  }

  async bookPayment(m: EntityManager, p: PaymentRegistered): Promise<void> {
    const key = {
      administrationId: p.administrationId,
      documentId: p.paymentId,
      invoiceId: p.invoiceId,
      kind: 'PAYMENT',
      number: p.invoiceNumber,
    };
    if (await isBookedAlready(m, p.administrationId, p.paymentId)) return;
    if (!(await hasBooks(m, p.administrationId))) return recordBooking(m, key, 'NO_LEDGER', null);
    const journals = await moneyJournals(m, p.administrationId);
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
    await recordBooking(m, key, 'BOOKED', entry.id);
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
      await recordBookingFailure(this.db.manager, p, code, message.slice(0, 2000));
    } catch (e) {
      this.logger?.error({ err: e }, 'could not record a failed invoicing booking');
    }
  }

  /** Bookings of many invoices (the invoice's own and its payments'), for Invoice.journalEntry. */
  async bookingsOf(
    keys: readonly { administrationId: string; id: string }[],
  ): Promise<BookingRow[]> {
    if (keys.length === 0) return [];
    return listBookings(this.db.manager, keys);
  }
}
