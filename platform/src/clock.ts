/** The current date, injected so tests can fix it (month ends, leap years, trials). */
export interface Clock {
  now(): Date;
  /** Today in the Netherlands, "YYYY-MM-DD". */
  today(): string;
}

const AMSTERDAM_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day in the Netherlands (Europe/Amsterdam) of an instant, "YYYY-MM-DD". */
export function amsterdamDate(instant: Date): string {
  return AMSTERDAM_DATE.format(instant);
}

export function fixedClock(instant: Date): Clock {
  return { now: () => instant, today: () => amsterdamDate(instant) };
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => amsterdamDate(new Date()),
};
