import { withUserErrors, FirstArg, AfterArg } from '@kantoor/platform';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { TenancyContext } from '../../context.js';
import { FAILED_EVENT_ERRORS } from './failed-events.errors.js';
import { FailedEventsService } from './failed-events.service.js';
import {
  FailedEvent,
  FailedEventConnection,
  RetryFailedEventInput,
  RetryFailedEventPayload,
} from './failed-events.type.js';

@Resolver()
export class FailedEventsResolver {
  @Query(() => FailedEventConnection, {
    nullable: true,
    description:
      'OPS only. Deliveries of events between modules whose handler failed: retrying (backoff) and dead-lettered, newest first; optionally of one queue.',
  })
  async failedEvents(
    @Ctx() ctx: TenancyContext,
    @FirstArg()
    first?: number,
    @AfterArg()
    after?: string,
    @Arg('queue', () => String, {
      nullable: true,
      description: 'Only the deliveries to this queue, e.g. "ledger.open-books".',
    })
    queue?: string,
  ): Promise<FailedEventConnection> {
    const page = await new FailedEventsService(ctx.runtime).list(ctx.viewer, first, after, queue);
    return {
      ...page,
      edges: page.edges.map((e) => ({ cursor: e.cursor, node: FailedEvent.from(e.node) })),
    };
  }

  @Mutation(() => RetryFailedEventPayload, {
    description:
      'OPS only. Sends a dead-lettered delivery once more (one more attempt, now); FAILED_EVENT_NOT_DEAD_LETTERED while it is still retrying by itself.',
  })
  retryFailedEvent(
    @Arg('input', () => RetryFailedEventInput, { description: 'Which delivery.' })
    input: RetryFailedEventInput,
    @Ctx() ctx: TenancyContext,
  ): Promise<RetryFailedEventPayload> {
    return withUserErrors(FAILED_EVENT_ERRORS, async () => {
      const failed = await new FailedEventsService(ctx.runtime).retry(ctx.viewer, input.jobId);
      return { failedEvent: FailedEvent.from(failed) };
    });
  }
}
