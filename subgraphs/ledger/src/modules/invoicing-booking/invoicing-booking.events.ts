import { isUuid, type Subscription, type SubgraphRuntime } from '@kantoor/platform';
import { EntryService } from '../entry/entry.service.js';
import {
  InvoicingBookingService,
  type DocumentFinalized,
  type PaymentRegistered,
} from './invoicing-booking.service.js';

/**
 * The EntryService gets the event bus, so the bookings publish "ledger.entry-posted" like any
 * other posting (the VAT return follows them).
 *
 * The ledger's consumers of invoicing's events: each finalized invoice or credit note and
 * each payment registered by hand is booked once (keyed by the document id in
 * ledger.invoicing_bookings, and by the entry's idempotency key "invoicing:<id>"). A booking
 * the ledger refuses (locked period, missing account, ...) is recorded as FAILED and thrown,
 * so pg-boss retries it with backoff and dead-letters it where ops' failedEvents show it.
 */
export function invoicingBookingSubscriptions(
  runtime: Pick<SubgraphRuntime, 'dataSource' | 'logger' | 'events'>,
): Subscription[] {
  const service = new InvoicingBookingService(
    runtime.dataSource,
    new EntryService(runtime.dataSource, undefined, runtime.events),
    runtime.logger,
  );
  return [
    {
      event: 'invoicing.document-finalized',
      queue: 'ledger.book-invoicing-document',
      handle: async (event, m) => {
        const p = event.payload as unknown as DocumentFinalized;
        if (!isUuid(p.administrationId) || !isUuid(p.documentId)) {
          runtime.logger.warn(
            { eventId: event.id },
            'invoicing.document-finalized: bad payload, skipped',
          );
          return;
        }
        try {
          await service.bookDocument(m, p, new Date(event.occurredAt));
        } catch (error) {
          await service.recordFailure(
            {
              administrationId: p.administrationId,
              documentId: p.documentId,
              invoiceId: p.documentId,
              kind: p.documentType,
            },
            error,
          );
          throw error;
        }
      },
    },
    {
      event: 'invoicing.payment-registered',
      queue: 'ledger.book-invoicing-payment',
      handle: async (event, m) => {
        const p = event.payload as unknown as PaymentRegistered;
        if (!isUuid(p.administrationId) || !isUuid(p.paymentId) || !isUuid(p.invoiceId)) {
          runtime.logger.warn(
            { eventId: event.id },
            'invoicing.payment-registered: bad payload, skipped',
          );
          return;
        }
        try {
          await service.bookPayment(m, p);
        } catch (error) {
          await service.recordFailure(
            {
              administrationId: p.administrationId,
              documentId: p.paymentId,
              invoiceId: p.invoiceId,
              kind: 'PAYMENT',
            },
            error,
          );
          throw error;
        }
      },
    },
  ];
}
