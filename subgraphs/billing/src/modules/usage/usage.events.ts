import type { Subscription, SubgraphRuntime } from '@kantoor/platform';
import { UsageService } from './usage.service.js';

/** The tenancy events that make up an office's usage history. */
export const USAGE_EVENTS = [
  'office.created',
  'office.suspended',
  'office.reinstated',
  'user.added',
  'user.changed',
  'user.deactivated',
  'administration.created',
  'administration.updated',
  'administration.archived',
  'administration.unarchived',
  'administration.linked',
  'administration.unlinked',
] as const;

/** Queue of billing's consumer of one event type, e.g. "billing.usage-user-added". */
export function usageQueue(eventType: string): string {
  return `billing.usage-${eventType.replace(/\./g, '-')}`;
}

/**
 * One consumer per event type. Each stores the event as a usage fact (at most once per
 * event id: handleOnce and the fact's primary key); statements derive the history from
 * the facts in the order the changes happened, whatever order they arrived in.
 */
export function usageSubscriptions(runtime: Pick<SubgraphRuntime, 'logger'>): Subscription[] {
  return USAGE_EVENTS.map((event) => ({
    event,
    queue: usageQueue(event),
    handle: async (domainEvent, manager) => {
      const stored = await UsageService.record(manager, domainEvent);
      runtime.logger.debug({ eventId: domainEvent.id, type: domainEvent.type, stored }, 'usage');
    },
  }));
}
