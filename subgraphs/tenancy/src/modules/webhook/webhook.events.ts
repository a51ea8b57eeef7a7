import type { DomainEvent, Subscription, SubgraphRuntime } from '@kantoor/platform';
import type { EntityManager } from 'typeorm';
import { deliverWebhook } from './webhook-delivery.service.js';
import { insertDeliveries, officeOfAdministration } from './webhook.sql.js';

/** What a webhook can subscribe to: the wire name of each event type. */
export const WEBHOOK_EVENT_TYPES = {
  ADMINISTRATION_CREATED: 'administration.created',
  ADMINISTRATION_ARCHIVED: 'administration.archived',
  JOURNAL_ENTRY_POSTED: 'journal_entry.posted',
  INVOICE_FINALIZED: 'invoice.finalized',
  INVOICE_PAID: 'invoice.paid',
  VAT_RETURN_STATUS_CHANGED: 'vat_return.status_changed',
} as const;
export type WebhookEventType = keyof typeof WEBHOOK_EVENT_TYPES;

/** Published by tenancy in the fan-out transaction; one per webhook and event. */
export const WEBHOOK_DELIVERY_REQUESTED = 'tenancy.webhook-delivery-requested';

type Payload = Record<string, unknown>;
const pick = (p: Payload, keys: string[]): Payload =>
  Object.fromEntries(keys.map((k) => [k, p[k] ?? null]));

/**
 * The modules' events (pg-boss, published in the transaction of the change) a webhook
 * event is made from, and the part of their payload a receiver gets: a small, documented
 * subset, so that an internal payload can change without changing the webhooks' contract.
 */
const SOURCES: {
  event: string;
  type: WebhookEventType;
  data: (p: Payload) => Payload;
}[] = [
  {
    event: 'administration.created',
    type: 'ADMINISTRATION_CREATED',
    data: (p) => pick(p, ['administrationId', 'name', 'kind']),
  },
  {
    event: 'administration.archived',
    type: 'ADMINISTRATION_ARCHIVED',
    data: (p) => pick(p, ['administrationId']),
  },
  {
    event: 'ledger.entry-posted',
    type: 'JOURNAL_ENTRY_POSTED',
    data: (p) => pick(p, ['administrationId', 'entryId', 'entryNumber', 'date', 'reversesEntryId']),
  },
  {
    event: 'invoicing.document-finalized',
    type: 'INVOICE_FINALIZED',
    data: (p) => ({
      ...pick(p, ['administrationId', 'documentType', 'number', 'issueDate', 'dueDate']),
      invoiceId: p.documentId ?? null,
      ...pick(p, ['customerId', 'totalExclVat', 'totalVat', 'totalInclVat', 'currency']),
    }),
  },
  {
    event: 'invoicing.invoice-paid',
    type: 'INVOICE_PAID',
    data: (p) => pick(p, ['administrationId', 'invoiceId', 'number', 'totalInclVat', 'paidAt']),
  },
  {
    event: 'vat.return-status-changed',
    type: 'VAT_RETURN_STATUS_CHANGED',
    // suppletie: the correction return's number, null for the return itself.
    data: (p) => pick(p, ['administrationId', 'period', 'status', 'previousStatus', 'suppletie']),
  },
];

/**
 * Fan-out: for each source event, the office's enabled webhooks that subscribe to its type
 * each get a delivery row (once per webhook and event id) and a delivery job, in tenancy's
 * transaction. The office is the administration's office; an own-subscription
 * administration not linked to an office has none.
 */
async function fanOut(
  runtime: SubgraphRuntime,
  source: (typeof SOURCES)[number],
  event: DomainEvent,
  m: EntityManager,
): Promise<void> {
  const administrationId = event.payload.administrationId;
  if (typeof administrationId !== 'string') return;
  const [administration] = (await officeOfAdministration(m, [administrationId])) as {
    office_id: string | null;
  }[];
  const officeId = administration?.office_id;
  if (!officeId) return;
  const wire = WEBHOOK_EVENT_TYPES[source.type];
  const body = {
    id: event.id,
    type: wire,
    createdAt: event.occurredAt,
    officeId,
    data: source.data(event.payload),
  };
  const inserted = (await insertDeliveries(m, [
    officeId,
    event.id,
    wire,
    JSON.stringify(body),
  ])) as { id: string; webhook_id: string }[];
  for (const row of inserted) {
    await runtime.events.publish(m, WEBHOOK_DELIVERY_REQUESTED, {
      deliveryId: row.id,
      webhookId: row.webhook_id,
    });
  }
}

/** Tenancy's webhook queues: one fan-out per source event, and the deliveries. */
export function webhookSubscriptions(runtime: SubgraphRuntime): Subscription[] {
  const config = runtime.config;
  return [
    ...SOURCES.map((source): Subscription => ({
      event: source.event,
      queue: `tenancy.webhooks.${source.event}`,
      handle: (event, m) => fanOut(runtime, source, event, m),
    })),
    {
      event: WEBHOOK_DELIVERY_REQUESTED,
      queue: 'tenancy.webhook-delivery',
      // Deliveries run side by side (no ordering key), each in its own transaction: an HTTP
      // call is never repeated because another delivery of the batch failed.
      orderingKey: () => null,
      oneByOne: true,
      retryLimit: config.KANTOOR_WEBHOOK_RETRY_LIMIT,
      retryDelaySeconds: config.KANTOOR_WEBHOOK_RETRY_DELAY_SECONDS,
      handle: (event, m) =>
        deliverWebhook(runtime, String(event.payload.deliveryId ?? ''), m, {
          allowLocal: config.KANTOOR_WEBHOOK_ALLOW_LOCAL,
          retryLimit: config.KANTOOR_WEBHOOK_RETRY_LIMIT,
          disableAfter: config.KANTOOR_WEBHOOK_DISABLE_AFTER,
          timeoutMs: config.KANTOOR_WEBHOOK_TIMEOUT_MS,
        }),
    },
  ];
}
