import { allow, isOps, type RuleMap } from '@kantoor/platform';

/** Failed deliveries between modules: operators only (the service checks again). */
export const failedEventsRules: RuleMap = {
  Query: { failedEvents: isOps },
  Mutation: { retryFailedEvent: isOps },
  FailedEvent: { '*': isOps },
  FailedEventConnection: { '*': allow },
  FailedEventEdge: { '*': allow },
  RetryFailedEventPayload: { '*': allow },
};
