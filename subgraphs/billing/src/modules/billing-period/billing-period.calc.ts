/**
 * Billing periods ("YYYY-MM") and calendar days ("YYYY-MM-DD") as strings: no time zone can
 * shift them. Days are days in the Netherlands (see platform clock.ts); arithmetic runs in UTC.
 */

const PERIOD_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DAY_MS = 86_400_000;

/** A billing month, e.g. "2026-02". */
export interface Period {
  /** "YYYY-MM" */
  key: string;
  year: number;
  /** 1-12 */
  month: number;
}

/** The period named by `value`, or null when it is not "YYYY-MM" (e.g. "2026-13", "26-01"). */
export function parsePeriod(value: string): Period | null {
  const m = PERIOD_PATTERN.exec(value.trim());
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 1900) return null;
  return { key: `${m[1]}-${m[2]}`, year, month: Number(m[2]) };
}

/** The period a day falls in: "2026-02-14" -> "2026-02". */
export function periodOfDay(day: string): Period {
  const period = parsePeriod(day.slice(0, 7));
  if (!period) throw new Error(`not a calendar day: ${day}`);
  return period;
}

function toUtc(day: string): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Number of calendar days in the month (28, 29, 30 or 31). */
export function daysInMonth(period: Period): number {
  return new Date(Date.UTC(period.year, period.month, 0)).getUTCDate();
}

export function firstDay(period: Period): string {
  return `${period.key}-01`;
}

export function lastDay(period: Period): string {
  return `${period.key}-${String(daysInMonth(period)).padStart(2, '0')}`;
}

/** `day` plus `n` calendar days. */
export function addDays(day: string, n: number): string {
  return fromUtc(toUtc(day) + n * DAY_MS);
}

/** Calendar days from `from` to `to`, both included (0 when to < from). */
export function daysBetween(from: string, to: string): number {
  return Math.max(0, Math.round((toUtc(to) - toUtc(from)) / DAY_MS) + 1);
}

/** Every day from `from` to `to`, both included. */
export function eachDay(from: string, to: string): string[] {
  const days: string[] = [];
  for (let ms = toUtc(from), end = toUtc(to); ms <= end; ms += DAY_MS) days.push(fromUtc(ms));
  return days;
}
