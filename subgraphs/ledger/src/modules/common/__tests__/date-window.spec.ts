import { ConfigError } from '@kantoor/platform';
import { parseLedgerConfig } from '../../../config';
import { ErrorList } from '../ledger.errors';
import { checkBookingDate, latestBookingDate } from '../ledger.validation';

const today = new Date('2026-12-01T15:00:00Z');

describe('the bookkeeping date window (configurable)', () => {
  test('defaults: from 2000-01-01 up to 366 days after today', () => {
    const { dateWindow } = parseLedgerConfig({});
    expect(dateWindow).toEqual({ earliest: '2000-01-01', maxDaysAhead: 366 });
    expect(latestBookingDate(dateWindow, today)).toBe('2027-12-02');
    const errors = new ErrorList();
    expect(checkBookingDate('2000-01-01', ['d'], errors, dateWindow, today)).toBe('2000-01-01');
    expect(checkBookingDate('2027-12-02', ['d'], errors, dateWindow, today)).toBe('2027-12-02');
    expect(errors.empty).toBe(true);
    expect(checkBookingDate('1999-12-31', ['d'], errors, dateWindow, today)).toBeNull();
    expect(checkBookingDate('2027-12-03', ['d'], errors, dateWindow, today)).toBeNull();
    expect(checkBookingDate('2026-02-30', ['d'], errors, dateWindow, today)).toBeNull();
    expect(errors.errors.map((e) => e.code)).toEqual([
      'DATE_OUT_OF_RANGE',
      'DATE_OUT_OF_RANGE',
      'INVALID_DATE',
    ]);
  });

  test('set by KANTOOR_LEDGER_EARLIEST_DATE and KANTOOR_LEDGER_MAX_DAYS_AHEAD; bad values fail fast', () => {
    const { dateWindow } = parseLedgerConfig({
      KANTOOR_LEDGER_EARLIEST_DATE: '2015-01-01',
      KANTOOR_LEDGER_MAX_DAYS_AHEAD: '31',
    });
    expect(dateWindow).toEqual({ earliest: '2015-01-01', maxDaysAhead: 31 });
    expect(latestBookingDate(dateWindow, today)).toBe('2027-01-01');
    const errors = new ErrorList();
    expect(checkBookingDate('2014-12-31', ['d'], errors, dateWindow, today)).toBeNull();
    expect(checkBookingDate('2027-01-02', ['d'], errors, dateWindow, today)).toBeNull();
    expect(errors.errors).toHaveLength(2);
    expect(() =>
      parseLedgerConfig({
        KANTOOR_LEDGER_EARLIEST_DATE: '2015-02-30',
        KANTOOR_LEDGER_MAX_DAYS_AHEAD: '-1',
      }),
    ).toThrow(ConfigError);
  });
});
