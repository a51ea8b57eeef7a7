import type { EventBus } from '@kantoor/platform';
import type { EntityManager } from 'typeorm';
import type { BookedLine, Side } from './entry.calc.js';
import { vatCodeRows, type VatCodeRow } from './entry.sql.js';

/** The event type published in the transaction of every posting (reversals included). */
export const ENTRY_POSTED = 'ledger.entry-posted';

/**
 * One VAT-coded line of a posted entry, as the VAT return needs it (docs/decisions/0012-vat.md):
 * - base: the line's NET amount, vat: the VAT the ledger booked for it (for reverse charge the
 *   VAT due, which equals the input VAT booked with it); both unsigned decimal strings;
 * - side: the side the net line was booked on; with `direction` the consumer derives the sign
 *   (a SALES code on a DEBIT line is a credit note, a reversal mirrors every side);
 * - turnoverBox / vatBox / rate / direction / reverseCharge: the VAT code's settings at posting.
 */
export interface EntryPostedVatLine {
  lineNo: number;
  vatCode: string;
  turnoverBox: string | null;
  vatBox: string | null;
  rate: string;
  base: string;
  vat: string;
  side: Side;
  direction: 'SALES' | 'PURCHASES';
  reverseCharge: boolean;
}

export interface EntryPostedPayload extends Record<string, unknown> {
  administrationId: string;
  entryId: string;
  entryNumber: string;
  date: string;
  reversesEntryId: string | null;
  vatLines: EntryPostedVatLine[];
}

/**
 * The VAT-coded lines of an entry as booked: each ENTERED line with a VAT code, with the
 * amount of the VAT line that expandVat (or a reversal's mirror) put directly after it.
 */
export function vatLinesOf(
  lines: readonly BookedLine[],
  codes: ReadonlyMap<string, VatCodeRow>,
): EntryPostedVatLine[] {
  const result: EntryPostedVatLine[] = [];
  let current: EntryPostedVatLine | null = null;
  lines.forEach((l, i) => {
    if (l.kind === 'ENTERED') {
      current = null;
      if (!l.vatCode) return;
      const code = codes.get(l.vatCode);
      if (!code) return;
      const side: Side = l.debit.isZero() ? 'CREDIT' : 'DEBIT';
      current = {
        lineNo: i + 1,
        vatCode: l.vatCode,
        turnoverBox: code.turnover_box,
        vatBox: code.vat_box,
        rate: code.rate,
        base: (side === 'DEBIT' ? l.debit : l.credit).toFixed(2),
        vat: '0.00',
        side,
        direction: code.direction,
        reverseCharge: code.reverse_charge,
      };
      result.push(current);
      return;
    }
    // The first VAT line after its net line carries the VAT (for reverse charge the VAT due;
    // the equal input VAT line follows it).
    const owner = current as EntryPostedVatLine | null;
    if (owner && l.vatCode === owner.vatCode && owner.vat === '0.00') {
      owner.vat = (l.debit.isZero() ? l.credit : l.debit).toFixed(2);
    }
  });
  return result;
}

/**
 * Publishes "ledger.entry-posted" in the posting transaction `m` (postJournalEntry, postDraft,
 * reversals, bank processing and anything else that books through EntryService): the VAT
 * module keeps its own projection of VAT lines from it and never reads the ledger's tables.
 */
export async function publishEntryPosted(
  events: Pick<EventBus, 'publish'>,
  m: EntityManager,
  administrationId: string,
  entry: {
    id: string;
    number: string;
    entryDate: string;
    reversesEntryId: string | null;
  },
  lines: readonly BookedLine[],
): Promise<void> {
  const wanted = [...new Set(lines.map((l) => l.vatCode).filter((c): c is string => !!c))];
  const rows = wanted.length === 0 ? [] : await vatCodeRows(m, administrationId, wanted);
  await events.publish<EntryPostedPayload>(m, ENTRY_POSTED, {
    administrationId,
    entryId: entry.id,
    entryNumber: entry.number,
    date: entry.entryDate,
    reversesEntryId: entry.reversesEntryId,
    vatLines: vatLinesOf(lines, new Map(rows.map((r) => [r.code, r]))),
  });
}
