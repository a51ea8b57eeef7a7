import type { SubgraphRuntime } from '@kantoor/platform';
import type { EntityManager } from 'typeorm';
import { postOnce } from './webhook-delivery.adapter.js';
import { signatureHeader, SIGNATURE_HEADER } from './webhook-signature.calc.js';
import {
  countWebhookFailure,
  deliveryToSend,
  markDeliveryFailed,
  markDeliverySucceeded,
  resetWebhookFailures,
  skipDelivery,
} from './webhook.sql.js';

export interface DeliveryOptions {
  allowLocal: boolean;
  /** Retries after the first attempt (the queue's retry limit). */
  retryLimit: number;
  /** Failed attempts in a row after which the webhook is disabled. */
  disableAfter: number;
  timeoutMs: number;
}

interface DeliveryRow {
  id: string;
  webhook_id: string;
  event_id: string;
  event_type: string;
  body: unknown;
  status: string;
  attempts: number;
  url: string;
  secret: string;
  disabled_at: Date | null;
}

/** A delivery that did not get a 2xx answer; the bus retries it with back-off. */
export class WebhookDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookDeliveryError';
  }
}

/**
 * One attempt of one delivery (the handler of tenancy.webhook-delivery). A 2xx answer marks
 * it SUCCEEDED in the handler's transaction and resets the webhook's failure count. Anything
 * else is written at once, outside the transaction (which the thrown error rolls back):
 * the attempt in the delivery log (RETRYING, or FAILED after the last retry) and one more
 * failure in a row for the webhook, which is disabled at `disableAfter`; then the error
 * makes pg-boss retry with exponential back-off. A delivery of a disabled webhook is
 * SKIPPED; one already settled is left alone (at-least-once delivery, idempotent here).
 */
export async function deliverWebhook(
  runtime: SubgraphRuntime,
  deliveryId: string,
  m: EntityManager,
  options: DeliveryOptions,
): Promise<void> {
  if (!/^\d{1,18}$/.test(deliveryId)) return;
  const [row] = (await deliveryToSend(m, [deliveryId])) as DeliveryRow[];
  if (!row || !['PENDING', 'RETRYING'].includes(row.status)) return;
  if (row.disabled_at) {
    await skipDelivery(m, [deliveryId]);
    return;
  }
  const body = JSON.stringify(row.body);
  const attempt = row.attempts + 1;
  const outcome = await postOnce(
    row.url,
    {
      'content-type': 'application/json',
      'user-agent': 'Kantoor-Webhooks/1',
      [SIGNATURE_HEADER]: signatureHeader(row.secret, body),
      'Kantoor-Event-Id': row.event_id,
      'Kantoor-Event-Type': row.event_type,
      'Kantoor-Delivery-Id': row.id,
      'Kantoor-Delivery-Attempt': String(attempt),
    },
    body,
    options,
  );
  const ok = outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
  if (ok) {
    await markDeliverySucceeded(m, [deliveryId, attempt, outcome.statusCode]);
    await resetWebhookFailures(m, [row.webhook_id]);
    return;
  }
  const error = outcome.error ?? `HTTP ${outcome.statusCode}`;
  const last = attempt > options.retryLimit;
  // Outside the handler's transaction (it is rolled back by the throw below).
  const db = runtime.dataSource;
  await markDeliveryFailed(db, [
    deliveryId,
    last ? 'FAILED' : 'RETRYING',
    attempt,
    outcome.statusCode,
    error,
  ]);
  await countWebhookFailure(db, [
    row.webhook_id,
    options.disableAfter,
    `${options.disableAfter} failed deliveries in a row`,
  ]);
  if (last) return; // the log says FAILED; no further retry
  throw new WebhookDeliveryError(`webhook delivery ${deliveryId}: ${error}`);
}
