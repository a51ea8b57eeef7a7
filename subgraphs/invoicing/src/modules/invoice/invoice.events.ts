import type { Decimal } from '@kantoor/platform';

/** Published in the transaction that finalizes an invoice or credit note (common.md). */
export const DOCUMENT_FINALIZED = 'invoicing.document-finalized';
/** Published in the transaction that registers a payment by hand. */
export const PAYMENT_REGISTERED = 'invoicing.payment-registered';

export interface DocumentFinalizedPayload extends Record<string, unknown> {
  administrationId: string;
  documentId: string;
  documentType: 'INVOICE' | 'CREDIT_NOTE';
  number: string;
  issueDate: string;
  dueDate: string;
  customerId: string;
  customerNumber: string;
  customerName: string;
  customerVatNumber: string | null;
  customerCountryCode: string;
  creditedInvoiceId: string | null;
  /** Added to the contract: the credited invoice's number, the reference of the credit note's booking. */
  creditedInvoiceNumber: string | null;
  currency: 'EUR';
  /** vatCode is invoicing's code; ledgerVatCode the ledger code to book it with (VVERL -> V0). */
  lines: {
    vatCode: string;
    ledgerVatCode: string;
    rate: string;
    net: string;
    vat: string;
    description: string;
  }[];
  vatTotals: { vatCode: string; ledgerVatCode: string; rate: string; base: string; vat: string }[];
  totalExclVat: string;
  totalVat: string;
  totalInclVat: string;
}

export interface PaymentRegisteredPayload extends Record<string, unknown> {
  administrationId: string;
  paymentId: string;
  invoiceId: string;
  invoiceNumber: string;
  amount: string;
  date: string;
  /** Added to the contract: the bank or cash account; null = the ledger's first bank account. */
  accountCode: string | null;
}

export const money = (d: Decimal) => d.toFixed(2);
