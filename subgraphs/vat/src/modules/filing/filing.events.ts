import { isUuid, type Subscription, type SubgraphRuntime } from '@kantoor/platform';
import { recordEvent } from '../vat-return/vat-return.sql.js';
import {
  VAT_RETURN_STATUS_CHANGED,
  VAT_RETURN_SUBMITTED,
} from '../vat-return/vat-workflow.service.js';
import type { FilingAdapter } from './filing.adapter.js';
import { lockFiling, recordFilingAnswer, setAnsweredStatus } from './filing.sql.js';

interface ReturnSubmitted {
  administrationId: string;
  period: string;
  filingId: string;
  /** Set for a correction return (suppletie): its number. */
  suppletie?: number | null;
}

/**
 * "vat.return-submitted" (published by submitVatReturn in its transaction): hands the stored
 * XBRL instance to the filing adapter and records its answer; the return moves from SUBMITTED
 * to ACCEPTED or REJECTED, with a history entry by the system (by: null). A filing answered
 * already is not sent again; an adapter that throws is retried with backoff (event bus).
 */
export function filingSubscriptions(
  runtime: Pick<SubgraphRuntime, 'logger' | 'events'>,
  adapter: FilingAdapter,
): Subscription[] {
  return [
    {
      event: VAT_RETURN_SUBMITTED,
      queue: 'vat.file-return',
      handle: async (event, m) => {
        const p = event.payload as unknown as ReturnSubmitted;
        if (!isUuid(p.administrationId) || !isUuid(p.filingId)) {
          runtime.logger.warn({ eventId: event.id }, 'vat.return-submitted: bad payload, skipped');
          return;
        }
        const filing = await lockFiling(m, p.administrationId, p.filingId);
        if (!filing || filing.answered_at) return;
        const answer = await adapter.file({
          administrationId: p.administrationId,
          period: p.period,
          vatNumber: filing.vat_number ?? '',
          xbrl: filing.xbrl,
        });
        await recordFilingAnswer(m, p.administrationId, p.filingId, adapter.name, answer);
        const suppletie = typeof p.suppletie === 'number' ? p.suppletie : null;
        const affected = await setAnsweredStatus(
          m,
          p.administrationId,
          p.period,
          suppletie,
          answer.result,
        );
        if (affected > 0) {
          await recordEvent(
            m,
            p.administrationId,
            p.period,
            answer.result,
            null,
            answer.message ?? `${adapter.name}: ${answer.reference}`,
            suppletie,
          );
          await runtime.events.publish(m, VAT_RETURN_STATUS_CHANGED, {
            administrationId: p.administrationId,
            period: p.period,
            status: answer.result,
            // Only a SUBMITTED return or suppletie takes the answer (the UPDATE above).
            previousStatus: 'SUBMITTED',
            suppletie,
          });
        }
      },
    },
  ];
}
