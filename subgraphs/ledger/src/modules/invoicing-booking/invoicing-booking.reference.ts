import { LedgerInvoice } from './invoicing-booking.type.js';

/** `_entities`: the ledger's part of an invoice, known by id and administration. */
export function resolveLedgerInvoiceReference(reference: {
  id: string;
  administrationId: string;
}): LedgerInvoice {
  return Object.assign(new LedgerInvoice(), {
    id: reference.id,
    administrationId: reference.administrationId,
  });
}
