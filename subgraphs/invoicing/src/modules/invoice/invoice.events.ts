import {
  isCalendarDate,
  isUuid,
  type Decimal,
  type Subscription,
  type SubgraphRuntime,
} from '@kantoor/platform';
import type { EntityManager } from 'typeorm';
import { applySettlement } from './invoice-finalize.service.js';
import { deleteLedgerLockedPeriod, insertLockedPeriod } from './invoice.sql.js';

/** Published in the transaction that finalizes an invoice or credit note (common.md). */
export const DOCUMENT_FINALIZED = 'invoicing.document-finalized';
/** Published in the transaction that registers a payment by hand. */
export const PAYMENT_REGISTERED = 'invoicing.payment-registered';
/**
 * Published in the transaction in which an invoice becomes PAID (a payment by hand or a bank
 * settlement); tenancy's webhooks deliver it as invoice.paid (issue 16).
 */
export const INVOICE_PAID = 'invoicing.invoice-paid';

export interface InvoicePaidPayload extends Record<string, unknown> {
  administrationId: string;
  invoiceId: string;
  number: string;
  totalInclVat: string;
  /** The date of the payment that settled it. */
  paidAt: string;
}

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
  /** Added (issue 13, item 11; absent from older events): the rest of the customer for the ledger's XAF. */
  customerKvkNumber: string | null;
  customerStreet: string | null;
  customerPostalCode: string | null;
  customerCity: string | null;
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

/**
 * What invoicing learns from other modules:
 * - ledger.open-item-settled: a bank transaction the ledger matched to an invoice's open item
 *   (reference = invoice number) counts as a payment (paidAmount; PAID when nothing is left),
 *   once per settlementId.
 * - vat.period-filed: the ledger locks a filed VAT period; invoicing keeps a copy so that
 *   finalizing into it is refused with PERIOD_LOCKED in the finalizing transaction.
 * - ledger.period-locked / ledger.period-unlocked ({administrationId, from, to}): the same for
 *   locks set by hand in the ledger (lockPeriod/unlockPeriod publish them; see decisions 0011).
 */
export function invoicingSubscriptions(
  runtime: Pick<SubgraphRuntime, 'logger' | 'events'>,
): Subscription[] {
  const lock =
    (source: string) =>
    async (p: { administrationId?: unknown; from?: unknown; to?: unknown }, m: EntityManager) => {
      if (
        !isUuid(p.administrationId) ||
        !isCalendarDate(p.from) ||
        !isCalendarDate(p.to) ||
        p.from > p.to
      ) {
        runtime.logger.warn({ payload: p }, `${source}: bad payload, skipped`);
        return;
      }
      await insertLockedPeriod(m, p.administrationId, p.from, p.to, source);
    };
  return [
    {
      event: 'ledger.open-item-settled',
      queue: 'invoicing.open-item-settled',
      handle: async (event, m) => {
        const p = event.payload as {
          administrationId: string;
          reference: string;
          amount: string;
          date: string;
          settlementId: string;
        };
        await applySettlement(m, p, runtime.events);
      },
    },
    {
      event: 'vat.period-filed',
      queue: 'invoicing.vat-period-filed',
      handle: async (event, m) => {
        const p = event.payload as {
          administrationId?: unknown;
          periodStart?: unknown;
          periodEnd?: unknown;
        };
        await lock('VAT_FILING')(
          { administrationId: p.administrationId, from: p.periodStart, to: p.periodEnd },
          m,
        );
      },
    },
    {
      event: 'ledger.period-locked',
      queue: 'invoicing.ledger-period-locked',
      handle: async (event, m) => lock('LEDGER')(event.payload, m),
    },
    {
      event: 'ledger.period-unlocked',
      queue: 'invoicing.ledger-period-unlocked',
      handle: async (event, m) => {
        const p = event.payload as { administrationId?: unknown; from?: unknown; to?: unknown };
        if (!isUuid(p.administrationId) || !isCalendarDate(p.from) || !isCalendarDate(p.to)) return;
        await deleteLedgerLockedPeriod(m, p.administrationId, p.from, p.to);
      },
    },
  ];
}
