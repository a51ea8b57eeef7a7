import { withUserErrors, FirstArg, AfterArg } from '@kantoor/platform';
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { TenancyContext } from '../../context.js';
import { Office } from '../user/user.type.js';
import { WEBHOOK_ERRORS } from './webhook.errors.js';
import type { WebhookRecord } from './webhook.service.js';
import {
  CreateWebhookInput,
  CreateWebhookPayload,
  DeleteWebhookInput,
  DeleteWebhookPayload,
  UpdateWebhookInput,
  UpdateWebhookPayload,
  Webhook,
  WebhookDeliveryConnection,
  WebhookDeliveryStatusEnum,
} from './webhook.type.js';

/** The office's webhooks (Office.webhooks) and their management; office ADMIN only. */
@Resolver(() => Office)
export class WebhookOfficeResolver {
  @FieldResolver(() => [Webhook], {
    nullable: true,
    description: "Office ADMIN only: the office's webhooks, oldest first.",
  })
  webhooks(@Root() office: Office, @Ctx() ctx: TenancyContext): Promise<Webhook[]> {
    return ctx.services.webhooks.webhooksOf(ctx.viewer, office.id);
  }

  @Mutation(() => CreateWebhookPayload, {
    description:
      'Office ADMIN only: a webhook for the event types given; returns its signing secret once. ' +
      'userErrors: INVALID_URL, NO_EVENT_TYPES, DESCRIPTION_TOO_LONG, TOO_MANY_WEBHOOKS.',
  })
  createWebhook(
    @Arg('input', () => CreateWebhookInput, { description: 'URL, event types and description.' })
    input: CreateWebhookInput,
    @Ctx() ctx: TenancyContext,
  ): Promise<CreateWebhookPayload> {
    return withUserErrors(WEBHOOK_ERRORS, () => ctx.services.webhooks.create(ctx.viewer, input));
  }

  @Mutation(() => UpdateWebhookPayload, {
    description:
      'Office ADMIN only: changes URL, event types or description, or disables (enabled: false) ' +
      'or enables again (enabled: true, which resets the failure count).',
  })
  updateWebhook(
    @Arg('input', () => UpdateWebhookInput, { description: 'The webhook and what changes.' })
    input: UpdateWebhookInput,
    @Ctx() ctx: TenancyContext,
  ): Promise<UpdateWebhookPayload> {
    return withUserErrors(WEBHOOK_ERRORS, async () => ({
      webhook: await ctx.services.webhooks.update(ctx.viewer, input),
    }));
  }

  @Mutation(() => DeleteWebhookPayload, {
    description: 'Office ADMIN only: deletes a webhook and its delivery log.',
  })
  deleteWebhook(
    @Arg('input', () => DeleteWebhookInput, { description: 'Which webhook.' })
    input: DeleteWebhookInput,
    @Ctx() ctx: TenancyContext,
  ): Promise<DeleteWebhookPayload> {
    return withUserErrors(WEBHOOK_ERRORS, async () => ({
      deletedWebhookId: await ctx.services.webhooks.remove(ctx.viewer, input.id),
    }));
  }
}

@Resolver(() => Webhook)
export class WebhookResolver {
  @FieldResolver(() => WebhookDeliveryConnection, {
    description: 'The delivery log, newest first.',
  })
  deliveries(
    @Root() webhook: Webhook,
    @Ctx() ctx: TenancyContext,
    @FirstArg()
    first?: number,
    @AfterArg()
    after?: string,
    @Arg('status', () => WebhookDeliveryStatusEnum, {
      nullable: true,
      description: 'Only deliveries in this state.',
    })
    status?: WebhookDeliveryStatusEnum,
  ): Promise<WebhookDeliveryConnection> {
    return ctx.services.webhooks.deliveries(
      ctx.viewer,
      webhook as WebhookRecord,
      first,
      after,
      status,
    );
  }
}
