import type { Decimal, EventBus } from '@kantoor/platform';
import type { EntityManager } from 'typeorm';

/** The event type published whenever an open item (openstaande post) is (partly) settled. */
export const OPEN_ITEM_SETTLED = 'ledger.open-item-settled';

/**
 * Payload of "ledger.open-item-settled", published in the transaction that records the
 * settlement (bank processing, settle-together, automatic offsetting):
 * - administrationId, reference (the open item's reference, e.g. an invoice number);
 * - amount: decimal string, signed from the receivable's point of view: positive reduces a
 *   receivable (a DEBIT item, e.g. a sales invoice paid), negative reduces a payable (a CREDIT
 *   item, e.g. a purchase invoice paid, or a credit note offset against its invoice);
 * - date: the settling entry's date; settlementId: the settlement row's id (unique, so a
 *   consumer can also deduplicate on it); openItemId: "<entry id>:<line no>".
 */
export interface OpenItemSettledPayload extends Record<string, unknown> {
  administrationId: string;
  reference: string;
  amount: string;
  date: string;
  settlementId: string;
  openItemId: string;
}

export async function publishOpenItemSettled(
  events: Pick<EventBus, 'publish'>,
  m: EntityManager,
  item: { id: string; reference: string; side: 'DEBIT' | 'CREDIT' },
  values: { administrationId: string; amount: Decimal; date: string; settlementId: string },
): Promise<void> {
  const signed = item.side === 'DEBIT' ? values.amount : values.amount.negated();
  await events.publish<OpenItemSettledPayload>(m, OPEN_ITEM_SETTLED, {
    administrationId: values.administrationId,
    reference: item.reference,
    amount: signed.toFixed(2),
    date: values.date,
    settlementId: values.settlementId,
    openItemId: item.id,
  });
}
