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

export function fixedClock(instant: Date): Clock {
  return { now: () => instant, today: () => AMSTERDAM_DATE.format(instant) };
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => AMSTERDAM_DATE.format(new Date()),
};
