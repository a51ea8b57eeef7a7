import { PageInfo, UserError } from '@kantoor/platform';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from './webhook.events.js';

export const WebhookEventTypeEnum = Object.fromEntries(
  Object.keys(WEBHOOK_EVENT_TYPES).map((k) => [k, k]),
) as { [K in WebhookEventType]: K };
registerEnumType(WebhookEventTypeEnum, {
  name: 'WebhookEventType',
  description: 'What a webhook can subscribe to; the delivered `type` is the name in brackets.',
  valuesConfig: {
    ADMINISTRATION_CREATED: {
      description: 'An administration was created (administration.created).',
    },
    ADMINISTRATION_ARCHIVED: {
      description: 'An administration was archived (administration.archived).',
    },
    JOURNAL_ENTRY_POSTED: {
      description:
        'A journal entry (boeking) was posted, reversals included (journal_entry.posted).',
    },
    INVOICE_FINALIZED: {
      description:
        'An invoice or credit note (factuur, creditnota) was finalized (invoice.finalized).',
    },
    INVOICE_PAID: { description: 'An invoice became fully paid (invoice.paid).' },
    VAT_RETURN_STATUS_CHANGED: {
      description:
        'A VAT return (btw-aangifte) changed status: prepared, approval requested, approved, submitted, ... (vat_return.status_changed).',
    },
  },
});

export enum WebhookDeliveryStatusEnum {
  PENDING = 'PENDING',
  RETRYING = 'RETRYING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  SKIPPED = 'SKIPPED',
}
registerEnumType(WebhookDeliveryStatusEnum, {
  name: 'WebhookDeliveryStatus',
  description: 'Where one delivery stands.',
  valuesConfig: {
    PENDING: { description: 'Not attempted yet.' },
    RETRYING: { description: 'Failed; the next attempt follows with back-off.' },
    SUCCEEDED: { description: 'The receiver answered 2xx.' },
    FAILED: { description: 'Every attempt failed; no more attempts.' },
    SKIPPED: { description: 'Not sent: the webhook was disabled before it could be.' },
  },
});

@ObjectType({
  description:
    "An office's subscription to events, delivered by HTTPS POST with a Kantoor-Signature header (docs/clients.md). Office ADMIN only.",
})
export class Webhook {
  @Field(() => ID, { description: 'Stable id of the webhook.' }) id!: string;
  @Field(() => String, { description: 'Where deliveries are POSTed (https://).' })
  url!: string;
  @Field(() => [WebhookEventTypeEnum], { description: 'The event types it receives.' })
  eventTypes!: WebhookEventType[];
  @Field(() => String, { nullable: true, description: 'What it is for.' })
  description!: string | null;
  @Field(() => Boolean, { description: 'False once disabled (by an ADMIN or after failures).' })
  enabled!: boolean;
  @Field(() => Date, { nullable: true, description: 'When it was disabled; null while enabled.' })
  disabledAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'Why it was disabled.' })
  disabledReason!: string | null;
  @Field(() => Int, {
    description: 'Failed attempts in a row; at the configured number the webhook is disabled.',
  })
  consecutiveFailures!: number;
  @Field(() => Date, { description: 'When it was created.' }) createdAt!: Date;
}

@ObjectType({ description: 'One event sent (or to be sent) to one webhook: the delivery log.' })
export class WebhookDelivery {
  @Field(() => ID, { description: 'Stable id of this delivery.' }) id!: string;
  @Field(() => ID, {
    description: 'The event id (the `id` in the body); the same for every webhook.',
  })
  eventId!: string;
  @Field(() => WebhookEventTypeEnum, { description: 'The kind of event.' })
  eventType!: WebhookEventType;
  @Field(() => WebhookDeliveryStatusEnum, { description: 'Where the delivery stands.' })
  status!: WebhookDeliveryStatusEnum;
  @Field(() => Int, { description: 'Attempts made so far.' }) attempts!: number;
  @Field(() => Int, { nullable: true, description: "The last answer's HTTP status." })
  lastStatusCode!: number | null;
  @Field(() => String, { nullable: true, description: 'Why the last attempt failed.' })
  lastError!: string | null;
  @Field(() => Date, { description: 'When the event was queued for this webhook.' })
  createdAt!: Date;
  @Field(() => Date, {
    nullable: true,
    description: 'When the last attempt was made; null before the first.',
  })
  lastAttemptAt!: Date | null;
  @Field(() => Date, {
    nullable: true,
    description: 'When the receiver accepted it (2xx); null until then.',
  })
  deliveredAt!: Date | null;
}

@ObjectType({ description: 'A delivery and its cursor.' })
export class WebhookDeliveryEdge {
  @Field(() => String, { description: 'Opaque cursor of this edge, for `after`.' })
  cursor!: string;
  @Field(() => WebhookDelivery, { description: 'The delivery.' }) node!: WebhookDelivery;
}

@ObjectType({ description: 'A page of the delivery log, newest first.' })
export class WebhookDeliveryConnection {
  @Field(() => [WebhookDeliveryEdge], { description: 'The deliveries of this page.' })
  edges!: WebhookDeliveryEdge[];
  @Field(() => PageInfo, { description: 'Cursors and whether more pages follow.' })
  pageInfo!: PageInfo;
  @Field(() => Int, { description: 'Deliveries that match, not just this page.' })
  totalCount!: number;
}

@InputType({ description: 'A new webhook of your office.' })
export class CreateWebhookInput {
  @Field(() => String, {
    description:
      'https:// URL of a public host (no private or loopback addresses; http://localhost only in development).',
  })
  url!: string;
  @Field(() => [WebhookEventTypeEnum], { description: 'At least one.' })
  eventTypes!: WebhookEventType[];
  @Field(() => String, { nullable: true, description: 'What it is for, at most 200 characters.' })
  description?: string | null;
}

@ObjectType({ description: 'The result of createWebhook.' })
export class CreateWebhookPayload {
  @Field(() => Webhook, {
    nullable: true,
    description: 'The new webhook; null when userErrors is not empty.',
  })
  webhook?: Webhook | null;
  @Field(() => String, {
    nullable: true,
    description:
      'The signing secret (whsec_...), shown only here: verify each delivery with it (HMAC-SHA256).',
  })
  secret?: string | null;
  @Field(() => [UserError], {
    description: 'Why nothing was changed, one entry per problem; empty on success.',
  })
  userErrors!: UserError[];
}

@InputType({ description: 'Changes to a webhook; an omitted field stays as it is.' })
export class UpdateWebhookInput {
  @Field(() => ID, { description: 'The webhook to change.' }) id!: string;
  @Field(() => String, {
    nullable: true,
    description: 'New https:// URL (the same rules as createWebhook); null keeps it.',
  })
  url?: string | null;
  @Field(() => [WebhookEventTypeEnum], {
    nullable: true,
    description: 'New event types, at least one, replacing the old; null keeps them.',
  })
  eventTypes?: WebhookEventType[] | null;
  @Field(() => String, { nullable: true, description: 'New description; null clears it.' })
  description?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'false disables it; true enables it again and resets its failure count.',
  })
  enabled?: boolean | null;
}

@ObjectType({ description: 'The result of updateWebhook.' })
export class UpdateWebhookPayload {
  @Field(() => Webhook, {
    nullable: true,
    description: 'The webhook after the change; null when userErrors is not empty.',
  })
  webhook?: Webhook | null;
  @Field(() => [UserError], {
    description: 'Why nothing was changed, one entry per problem; empty on success.',
  })
  userErrors!: UserError[];
}

@InputType({ description: 'The webhook to delete.' })
export class DeleteWebhookInput {
  @Field(() => ID, { description: 'The webhook.' }) id!: string;
}

@ObjectType({ description: 'The result of deleteWebhook.' })
export class DeleteWebhookPayload {
  @Field(() => ID, {
    nullable: true,
    description: 'The id of the deleted webhook; null when userErrors is not empty.',
  })
  deletedWebhookId?: string | null;
  @Field(() => [UserError], {
    description: 'Why nothing was changed, one entry per problem; empty on success.',
  })
  userErrors!: UserError[];
}
