import type { OpenActionsCounts, OpenActionsSource } from '@kantoor/platform';
import type { EntityManager } from 'typeorm';
import { periodOf, type VatFilingPeriod } from './vat-period.calc.js';
import { FILED } from './vat-return.sql.js';

/** The start of the period after `start` (a period start of `kind`). */
function nextStart(kind: VatFilingPeriod, start: string): string {
  const months = kind === 'MONTH' ? 1 : kind === 'QUARTER' ? 3 : 12;
  const index = Number(start.slice(0, 4)) * 12 + Number(start.slice(5, 7)) - 1 + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/**
 * The VAT module's part of the dashboard (issue 14), by the rules of VatStatus: the returns to
 * file are the periods from the first booking (or the start) that have ended and are not
 * SUBMITTED or ACCEPTED. Whether a period has ended depends on the day, so this reports the
 * time-independent parts (filing period, first day, the filed periods, the first period not
 * filed) and tenancy counts on the day it is asked. Absent administrations report null.
 */
export const vatOpenActions: OpenActionsSource = {
  module: 'VAT',
  schema: 'vat',
  allAdministrationsSql: `SELECT administration_id FROM vat.administrations`,
  async count(manager: EntityManager, ids: string[]): Promise<OpenActionsCounts[]> {
    const rows: {
      administration_id: string;
      kind: VatFilingPeriod | null;
      first_day: string | null;
      filed: string[] | null;
    }[] = await manager.query(
      `/* open-actions report */ SELECT x.id::text AS administration_id, a.vat_filing_period AS kind,
              to_char(LEAST(a.started_on, coalesce(a.first_booking_on, a.started_on)), 'YYYY-MM-DD') AS first_day,
              (SELECT array_agg(to_char(r.period_start, 'YYYY-MM-DD') ORDER BY r.period_start)
                 FROM vat.returns r
                WHERE r.administration_id = x.id AND r.status = ANY($2::text[])) AS filed
         FROM unnest($1::uuid[]) AS x(id)
         LEFT JOIN vat.administrations a ON a.administration_id = x.id`,
      [ids, FILED],
    );
    return rows.map((r) => {
      if (!r.kind || !r.first_day) {
        return { administrationId: r.administration_id, vatFilingPeriod: null };
      }
      // Filed returns of another filing period (before a change of it) do not count, as in VatStatus.
      const filed = (r.filed ?? []).filter((s) => periodOf(r.kind!, s).start === s);
      const filedSet = new Set(filed);
      let firstUnfiled = periodOf(r.kind, r.first_day).start;
      while (filedSet.has(firstUnfiled)) firstUnfiled = nextStart(r.kind, firstUnfiled);
      return {
        administrationId: r.administration_id,
        vatFilingPeriod: r.kind,
        vatFirstDay: r.first_day,
        vatFiled: filed,
        vatFirstUnfiled: firstUnfiled,
      };
    });
  },
};
