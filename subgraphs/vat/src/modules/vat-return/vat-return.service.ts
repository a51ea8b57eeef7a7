import { MoneyDecimal } from '@kantoor/platform';
import { addSums, EMPTY_SUMS, netVatOf, sameSums, type VatSums } from './vat-boxes.calc.js';
import type { VatLoaders } from './vat-return.loaders.js';
import {
  FILED,
  type FrozenSums,
  type VatAdministrationRow,
  type VatReturnRow,
  type VatReturnStatus,
} from './vat-return.sql.js';
import { parsePeriod, periodsBetween, today, type VatPeriod } from './vat-period.calc.js';

/** A net VAT difference up to this much is carried into the next return (vat.md). */
export const CARRY_LIMIT = new MoneyDecimal(1000);

/** One return as the API shows it: a period of an administration, with its row once prepared. */
export interface VatReturnView {
  administration: VatAdministrationRow;
  period: VatPeriod;
  row: VatReturnRow | null;
}

export function statusOf(view: VatReturnView): VatReturnStatus {
  return view.row?.status ?? 'OPEN';
}

export function isOverdue(view: VatReturnView, on = today()): boolean {
  return !FILED.includes(statusOf(view)) && view.period.due < on;
}

/** The total of frozen sums: the period's own plus the corrections carried into it. */
export function totalOf(sums: FrozenSums): VatSums {
  let total: VatSums = { turnover: sums.turnover, vat: sums.vat, input: sums.input };
  for (const c of sums.corrections ?? []) total = addSums(total, c.sums);
  return total;
}

export interface LiveSums {
  own: VatSums;
  corrections: { period: string; sums: VatSums }[];
}

/** Reads of returns; every method goes through the per-request loaders. */
export class VatReturnReader {
  constructor(private readonly loaders: VatLoaders) {}

  /** Every period from the first booking (or the start) to today's, newest first. */
  async returnsOf(administrationId: string, year?: number | null): Promise<VatReturnView[]> {
    const [administration, rows] = await Promise.all([
      this.loaders.administrations.load(administrationId),
      this.loaders.returns.load(administrationId),
    ]);
    if (!administration) return [];
    const byStart = new Map(rows.map((r) => [r.periodStart, r]));
    const now = today();
    const first = administration.firstDay < now ? administration.firstDay : now;
    return periodsBetween(administration.vatFilingPeriod, first, now)
      .filter((p) => year === null || year === undefined || p.start.startsWith(`${year}-`))
      .map((period) => ({ administration, period, row: byStart.get(period.start) ?? null }));
  }

  /** One period; null when malformed or not of the administration's filing period. */
  async returnOf(administrationId: string, label: string): Promise<VatReturnView | null> {
    const [administration, rows] = await Promise.all([
      this.loaders.administrations.load(administrationId),
      this.loaders.returns.load(administrationId),
    ]);
    if (!administration) return null;
    const period = parsePeriod(administration.vatFilingPeriod, label);
    if (!period) return null;
    return {
      administration,
      period,
      row: rows.find((r) => r.periodStart === period.start) ?? null,
    };
  }

  private own(view: VatReturnView): Promise<VatSums> {
    return this.loaders.liveSums.load({
      administrationId: view.administration.administrationId,
      start: view.period.start,
      end: view.period.end,
    });
  }

  /**
   * The outstanding difference of a filed return: the ledger's figures of its period now,
   * minus what was filed, minus corrections of it already filed in a later return.
   */
  async differenceOf(view: VatReturnView): Promise<VatSums | null> {
    if (!view.row || !FILED.includes(view.row.status)) return null;
    const rows = await this.loaders.returns.load(view.administration.administrationId);
    let diff = addSums(await this.own(view), view.row.sums, -1);
    for (const other of rows) {
      if (!FILED.includes(other.status)) continue;
      for (const c of other.sums.corrections ?? [])
        if (c.period === view.period.label) diff = addSums(diff, c.sums, -1);
    }
    // Suppleties filed for the period settle their part of the difference.
    for (const s of await this.loaders.suppleties.load(view.administration.administrationId))
      if (s.period === view.period.label && (s.status === 'SUBMITTED' || s.status === 'ACCEPTED'))
        diff = addSums(diff, s.sums, -1);
    return sameSums(diff, EMPTY_SUMS) ? null : diff;
  }

  /**
   * The live figures of a return that is not filed: its own period, plus (vat.md
   * "Corrections") each difference of up to EUR 1,000 net VAT of an earlier filed return for
   * which this is the first return after it that is not filed.
   */
  async live(view: VatReturnView): Promise<LiveSums> {
    const own = await this.own(view);
    if (view.row && FILED.includes(view.row.status)) return { own, corrections: [] };
    const all = await this.returnsOf(view.administration.administrationId);
    const chronological = [...all].reverse();
    const corrections: LiveSums['corrections'] = [];
    for (const [i, filed] of chronological.entries()) {
      if (!filed.row || !FILED.includes(filed.row.status)) continue;
      if (filed.period.start >= view.period.start) break;
      const target = chronological.slice(i + 1).find((r) => !FILED.includes(statusOf(r)));
      if (target?.period.start !== view.period.start) continue;
      const diff = await this.differenceOf(filed);
      if (diff && netVatOf(diff).abs().lessThanOrEqualTo(CARRY_LIMIT))
        corrections.push({ period: filed.period.label, sums: diff });
    }
    return { own, corrections };
  }

  /** The sums the boxes show: frozen from PREPARED on, else live. */
  async shownSums(view: VatReturnView): Promise<FrozenSums> {
    if (view.row) return view.row.sums;
    const live = await this.live(view);
    return { ...live.own, corrections: live.corrections };
  }

  /** PREPARED or later and the ledger's figures (with carried corrections) differ from the frozen ones. */
  async isOutdated(view: VatReturnView): Promise<boolean> {
    if (!view.row) return false;
    if (FILED.includes(view.row.status)) return (await this.differenceOf(view)) !== null;
    const live = await this.live(view);
    return !sameSums(
      totalOf({ ...live.own, corrections: live.corrections }),
      totalOf(view.row.sums),
    );
  }
}
