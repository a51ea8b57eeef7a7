import { PageInfo, UserError, type FailedEvent as BusFailedEvent } from '@kantoor/platform';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum FailedEventStateEnum {
  RETRYING = 'RETRYING',
  DEAD_LETTERED = 'DEAD_LETTERED',
}
registerEnumType(FailedEventStateEnum, {
  name: 'FailedEventState',
  description: 'RETRYING: waits for its next attempt (backoff). DEAD_LETTERED: no more attempts.',
  valuesConfig: {
    RETRYING: { description: 'Waits for its next attempt, with back-off.' },
    DEAD_LETTERED: {
      description: 'No more attempts by itself; retryFailedEvent sends it once more.',
    },
  },
});

/**
 * One delivery of a domain event to one consuming queue whose handler failed. The event's
 * payload is not shown: it can carry a client's bookkeeping data, which ops may not read.
 */
@ObjectType({
  description:
    "A delivery of a domain event to one consumer whose handler failed (OPS only). The payload is not shown: it can carry a client's books.",
})
export class FailedEvent {
  @Field(() => ID, { description: 'Stable id: the same as jobId.' }) id!: string;
  @Field(() => ID, { description: 'The delivery (pg-boss job); retryFailedEvent takes it.' })
  jobId!: string;
  @Field(() => String, { description: 'The consumer\'s queue, e.g. "ledger.open-books".' })
  queue!: string;
  @Field(() => ID, { description: "The event's id: the same for every consumer of the event." })
  eventId!: string;
  @Field(() => String, { description: 'e.g. "administration.created".' }) eventType!: string;
  @Field(() => Date, { description: 'When the event was published.' }) occurredAt!: Date;
  @Field(() => FailedEventStateEnum, { description: 'RETRYING or DEAD_LETTERED.' })
  state!: FailedEventStateEnum;
  @Field(() => Int, { description: 'Attempts that failed so far.' }) attempts!: number;
  @Field(() => String, { description: "The last attempt's error message." }) error!: string;
  @Field(() => Date, { description: 'When the first attempt failed.' }) firstFailedAt!: Date;
  @Field(() => Date, { description: 'When the last attempt failed.' }) lastFailedAt!: Date;

  static from(f: BusFailedEvent): FailedEvent {
    return Object.assign(new FailedEvent(), {
      id: f.jobId,
      jobId: f.jobId,
      queue: f.queue,
      eventId: f.event.id,
      eventType: f.event.type,
      occurredAt: new Date(f.event.occurredAt),
      state: f.state as FailedEventStateEnum,
      attempts: f.attempts,
      error: f.error.message,
      firstFailedAt: f.firstFailedAt,
      lastFailedAt: f.lastFailedAt,
    });
  }
}

@ObjectType({ description: 'A failed delivery and its cursor.' })
export class FailedEventEdge {
  @Field(() => String, { description: 'Opaque cursor of this edge, for `after`.' })
  cursor!: string;
  @Field(() => FailedEvent, { description: 'The failed delivery.' }) node!: FailedEvent;
}

@ObjectType({ description: 'A page of failed deliveries, newest first.' })
export class FailedEventConnection {
  @Field(() => [FailedEventEdge], { description: 'The deliveries of this page.' })
  edges!: FailedEventEdge[];
  @Field(() => PageInfo, { description: 'Cursors and whether more pages follow.' })
  pageInfo!: PageInfo;
  @Field(() => Int, { description: 'Failed deliveries that match, not just this page.' })
  totalCount!: number;
}

@InputType({ description: 'The dead-lettered delivery to send again.' })
export class RetryFailedEventInput {
  @Field(() => ID, { description: 'FailedEvent.jobId of a DEAD_LETTERED delivery.' })
  jobId!: string;
}

@ObjectType({ description: 'The result of retryFailedEvent.' })
export class RetryFailedEventPayload {
  @Field(() => FailedEvent, {
    nullable: true,
    description: 'The delivery that was sent again; null when userErrors is not empty.',
  })
  failedEvent?: FailedEvent | null;
  @Field(() => [UserError], {
    description: 'Why nothing was changed, one entry per problem; empty on success.',
  })
  userErrors!: UserError[];
}
