import {
  isCalendarDate,
  isUuid,
  scoped,
  type Subscription,
  type SubgraphRuntime,
} from '@kantoor/platform';
import { BookEntity } from '../account/account.entity.js';
import { lockPeriodIn } from './period.service.js';

interface PeriodFiled {
  administrationId: string;
  periodStart: string;
  periodEnd: string;
}

/**
 * The VAT module's "vat.period-filed": lock the filed period in the ledger (idempotent: a
 * second delivery, or a period locked by hand already, changes nothing). An administration
 * without books, or a malformed payload, is logged and skipped (retrying cannot fix it).
 */
export function periodSubscriptions(runtime: Pick<SubgraphRuntime, 'logger'>): Subscription[] {
  return [
    {
      event: 'vat.period-filed',
      queue: 'ledger.lock-filed-period',
      handle: async (event, manager) => {
        const p = event.payload as unknown as PeriodFiled;
        if (
          !isUuid(p.administrationId) ||
          !isCalendarDate(p.periodStart) ||
          !isCalendarDate(p.periodEnd) ||
          p.periodStart > p.periodEnd
        ) {
          runtime.logger.warn(
            { eventId: event.id, payload: p },
            'vat.period-filed: bad payload, skipped',
          );
          return;
        }
        const books = await scoped(manager, BookEntity, p.administrationId).count();
        if (!books) {
          runtime.logger.warn({ eventId: event.id }, 'vat.period-filed: no books, skipped');
          return;
        }
        await lockPeriodIn(manager, p.administrationId, p.periodStart, p.periodEnd, {
          source: 'VAT_FILING',
          reason: 'VAT return filed',
          actorId: null,
          eventId: event.id,
        });
      },
    },
  ];
}
