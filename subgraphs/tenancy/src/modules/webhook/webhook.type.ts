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
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Where deliveries are POSTed (https://).' })
  url!: string;
  @Field(() => [WebhookEventTypeEnum], { description: 'The event types it receives.' })
  eventTypes!: WebhookEventType[];
  @Field(() => String, { nullable: true, description: 'What it is for.' })
  description!: string | null;
  @Field(() => Boolean, { description: 'False once disabled (by an ADMIN or after failures).' })
  enabled!: boolean;
  @Field(() => Date, { nullable: true }) disabledAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'Why it was disabled.' })
  disabledReason!: string | null;
  @Field(() => Int, {
    description: 'Failed attempts in a row; at the configured number the webhook is disabled.',
  })
  consecutiveFailures!: number;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType({ description: 'One event sent (or to be sent) to one webhook: the delivery log.' })
export class WebhookDelivery {
  @Field(() => ID) id!: string;
  @Field(() => ID, {
    description: 'The event id (the `id` in the body); the same for every webhook.',
  })
  eventId!: string;
  @Field(() => WebhookEventTypeEnum) eventType!: WebhookEventType;
  @Field(() => WebhookDeliveryStatusEnum) status!: WebhookDeliveryStatusEnum;
  @Field(() => Int, { description: 'Attempts made so far.' }) attempts!: number;
  @Field(() => Int, { nullable: true, description: "The last answer's HTTP status." })
  lastStatusCode!: number | null;
  @Field(() => String, { nullable: true, description: 'Why the last attempt failed.' })
  lastError!: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) lastAttemptAt!: Date | null;
  @Field(() => Date, { nullable: true }) deliveredAt!: Date | null;
}

@ObjectType()
export class WebhookDeliveryEdge {
  @Field(() => String) cursor!: string;
  @Field(() => WebhookDelivery) node!: WebhookDelivery;
}

@ObjectType()
export class WebhookDeliveryConnection {
  @Field(() => [WebhookDeliveryEdge]) edges!: WebhookDeliveryEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@InputType()
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

@ObjectType()
export class CreateWebhookPayload {
  @Field(() => Webhook, { nullable: true }) webhook?: Webhook | null;
  @Field(() => String, {
    nullable: true,
    description:
      'The signing secret (whsec_...), shown only here: verify each delivery with it (HMAC-SHA256).',
  })
  secret?: string | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@InputType()
export class UpdateWebhookInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) url?: string | null;
  @Field(() => [WebhookEventTypeEnum], { nullable: true }) eventTypes?: WebhookEventType[] | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'false disables it; true enables it again and resets its failure count.',
  })
  enabled?: boolean | null;
}

@ObjectType()
export class UpdateWebhookPayload {
  @Field(() => Webhook, { nullable: true }) webhook?: Webhook | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@InputType()
export class DeleteWebhookInput {
  @Field(() => ID) id!: string;
}

@ObjectType()
export class DeleteWebhookPayload {
  @Field(() => ID, { nullable: true }) deletedWebhookId?: string | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}
