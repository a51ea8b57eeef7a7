import { PageInfo, UserError, type FailedEvent as BusFailedEvent } from '@kantoor/platform';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum FailedEventStateEnum {
  RETRYING = 'RETRYING',
  DEAD_LETTERED = 'DEAD_LETTERED',
}
registerEnumType(FailedEventStateEnum, {
  name: 'FailedEventState',
  description: 'RETRYING: waits for its next attempt (backoff). DEAD_LETTERED: no more attempts.',
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
  @Field(() => ID) eventId!: string;
  @Field(() => String, { description: 'e.g. "administration.created".' }) eventType!: string;
  @Field(() => Date) occurredAt!: Date;
  @Field(() => FailedEventStateEnum) state!: FailedEventStateEnum;
  @Field(() => Int, { description: 'Attempts that failed so far.' }) attempts!: number;
  @Field(() => String, { description: "The last attempt's error message." }) error!: string;
  @Field(() => Date) firstFailedAt!: Date;
  @Field(() => Date) lastFailedAt!: Date;

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

@ObjectType()
export class FailedEventEdge {
  @Field(() => String) cursor!: string;
  @Field(() => FailedEvent) node!: FailedEvent;
}

@ObjectType()
export class FailedEventConnection {
  @Field(() => [FailedEventEdge]) edges!: FailedEventEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@InputType()
export class RetryFailedEventInput {
  @Field(() => ID) jobId!: string;
}

@ObjectType()
export class RetryFailedEventPayload {
  @Field(() => FailedEvent, { nullable: true }) failedEvent?: FailedEvent | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}
