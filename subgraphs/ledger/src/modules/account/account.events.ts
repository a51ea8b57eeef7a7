import { isUuid, type Subscription, type SubgraphRuntime } from '@kantoor/platform';
import { chartForNewAdministration } from '../template/opening-chart.service.js';
import { openBooks, setBooksArchived } from './books.service.js';

/** What the ledger reads of tenancy's "administration.created". */
interface AdministrationCreated {
  administrationId: string;
  officeId?: string | null;
  modules?: string[];
  chartTemplateId?: string | null;
}

/**
 * Tenancy's "administration.created": when the administration has the ledger module, open
 * its books with a copy of the chosen chart template (the event's chartTemplateId when it
 * is a template of the same office, else the office default, else Kantoor's default).
 * Exactly once: handleOnce skips a redelivered event, and the books row guards the rest.
 */
export function accountSubscriptions(runtime: Pick<SubgraphRuntime, 'logger'>): Subscription[] {
  return [
    {
      event: 'administration.created',
      queue: 'ledger.open-books',
      handle: async (event, manager) => {
        const payload = event.payload as unknown as AdministrationCreated;
        if (!(payload.modules ?? []).includes('LEDGER')) return;
        const { chart, origin } = await chartForNewAdministration(
          manager,
          payload.officeId ?? null,
          payload.chartTemplateId ?? null,
        );
        const opened = await openBooks(manager, payload.administrationId, chart, origin);
        runtime.logger.debug(
          { administrationId: payload.administrationId, opened, chartSource: origin.chartSource },
          'books opened',
        );
      },
    },
    // Archived administrations are read-only in the ledger (lockBooks refuses writes).
    ...(['archived', 'unarchived'] as const).map((what): Subscription => ({
      event: `administration.${what}`,
      queue: `ledger.books-${what}`,
      handle: async (event, manager) => {
        const { administrationId } = event.payload as { administrationId?: string };
        if (!administrationId || !isUuid(administrationId)) {
          runtime.logger.warn({ eventId: event.id }, `administration.${what}: bad payload`);
          return;
        }
        await setBooksArchived(
          manager,
          administrationId,
          what === 'archived',
          new Date(event.occurredAt),
        );
      },
    })),
  ];
}
