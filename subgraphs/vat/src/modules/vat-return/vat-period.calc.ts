/** VAT filing periods (aangiftetijdvakken) and their deadlines, as vat.md says. */

export const VAT_FILING_PERIODS = ['MONTH', 'QUARTER', 'YEAR'] as const;
export type VatFilingPeriod = (typeof VAT_FILING_PERIODS)[number];

export interface VatPeriod {
  /** "2026-03", "2026-Q1" or "2026". */
  label: string;
  start: string;
  end: string;
  /** The last day to file and pay: the last day of the month after the period; a year: 31 March. */
  due: string;
}

const MONTHS: Record<VatFilingPeriod, number> = { MONTH: 1, QUARTER: 3, YEAR: 12 };

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** y-m-01 plus `months` months, as "YYYY-MM-DD" (the first of that month). */
function addMonths(year: number, month: number, months: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + months;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

function lastDayOf(year: number, month: number): string {
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(days)}`;
}

/** The period of `kind` that starts in year/month (month must be a period's first month). */
function periodAt(kind: VatFilingPeriod, year: number, month: number): VatPeriod {
  const length = MONTHS[kind];
  const last = addMonths(year, month, length - 1);
  const dueMonth = addMonths(last.year, last.month, kind === 'YEAR' ? 3 : 1);
  const label =
    kind === 'MONTH'
      ? `${year}-${pad(month)}`
      : kind === 'QUARTER'
        ? `${year}-Q${(month - 1) / 3 + 1}`
        : String(year);
  return {
    label,
    start: `${year}-${pad(month)}-01`,
    end: lastDayOf(last.year, last.month),
    due: lastDayOf(dueMonth.year, dueMonth.month),
  };
}

/** The period of `kind` containing `date` ("YYYY-MM-DD"). */
export function periodOf(kind: VatFilingPeriod, date: string): VatPeriod {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const length = MONTHS[kind];
  return periodAt(kind, year, month - ((month - 1) % length));
}

/** Parses a period label that fits `kind`; null when malformed or of another kind. */
export function parsePeriod(kind: VatFilingPeriod, label: string): VatPeriod | null {
  const text = label.trim().toUpperCase();
  let m: RegExpMatchArray | null;
  if (kind === 'MONTH' && (m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text)))
    return periodAt(kind, Number(m[1]), Number(m[2]));
  if (kind === 'QUARTER' && (m = /^(\d{4})-Q([1-4])$/.exec(text)))
    return periodAt(kind, Number(m[1]), (Number(m[2]) - 1) * 3 + 1);
  if (kind === 'YEAR' && (m = /^(\d{4})$/.exec(text))) return periodAt(kind, Number(m[1]), 1);
  return null;
}

/** Every period of `kind` from the one containing `from` to the one containing `to`, newest first. */
export function periodsBetween(kind: VatFilingPeriod, from: string, to: string): VatPeriod[] {
  const result: VatPeriod[] = [];
  let p = periodOf(kind, from);
  const last = periodOf(kind, to);
  while (p.start <= last.start) {
    result.push(p);
    const next = addMonths(Number(p.start.slice(0, 4)), Number(p.start.slice(5, 7)), MONTHS[kind]);
    p = periodAt(kind, next.year, next.month);
  }
  return result.reverse();
}

/** Today as a bookkeeping date (UTC). */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** SQL interval of one period of `kind` (for the overview's generate_series). */
export const PERIOD_SQL_UNIT: Record<VatFilingPeriod, string> = {
  MONTH: 'month',
  QUARTER: 'quarter',
  YEAR: 'year',
};
