import { isUuid, type Subscription, type SubgraphRuntime } from '@kantoor/platform';
import { applyAdministrationDetails, type AdministrationDetailsPayload } from './xaf.sql.js';

export function xafSubscriptions(runtime: Pick<SubgraphRuntime, 'logger'>): Subscription[] {
  return (['created', 'updated'] as const).map((what): Subscription => ({
    event: `administration.${what}`,
    queue: `ledger.administration-details-${what}`,
    handle: async (event, manager) => {
      const payload = event.payload as AdministrationDetailsPayload;
      if (!payload.administrationId || !isUuid(payload.administrationId)) {
        runtime.logger.warn({ eventId: event.id }, `administration.${what}: bad payload`);
        return;
      }
      await applyAdministrationDetails(manager, payload, new Date(event.occurredAt));
    },
  }));
}
