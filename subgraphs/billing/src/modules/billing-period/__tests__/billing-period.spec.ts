import {
  addDays,
  daysBetween,
  daysInMonth,
  eachDay,
  firstDay,
  lastDay,
  parsePeriod,
  periodOfDay,
} from '../billing-period.calc';

describe('billing periods', () => {
  test('parses YYYY-MM and refuses anything else', () => {
    expect(parsePeriod('2026-01')).toEqual({ key: '2026-01', year: 2026, month: 1 });
    expect(parsePeriod(' 2026-12 ')).toEqual({ key: '2026-12', year: 2026, month: 12 });
    for (const bad of [
      '2026-13',
      '26-01',
      '2026-00',
      '2026-1',
      '2026/01',
      'abcd-01',
      '',
      '2026-01-01',
    ]) {
      expect([bad, parsePeriod(bad)]).toEqual([bad, null]);
    }
  });

  test('knows the length of every month, leap years included', () => {
    const days = (key: string) => daysInMonth(parsePeriod(key)!);
    expect(days('2026-01')).toBe(31);
    expect(days('2026-02')).toBe(28);
    expect(days('2028-02')).toBe(29);
    expect(days('2000-02')).toBe(29);
    expect(days('2100-02')).toBe(28);
    expect(days('2026-04')).toBe(30);
    expect(lastDay(parsePeriod('2028-02')!)).toBe('2028-02-29');
    expect(firstDay(parsePeriod('2028-02')!)).toBe('2028-02-01');
    expect(periodOfDay('2028-02-29').key).toBe('2028-02');
  });

  test('counts and lists days across month and year ends', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysBetween('2026-03-01', '2026-03-31')).toBe(31);
    expect(daysBetween('2026-03-10', '2026-03-09')).toBe(0);
    expect(eachDay('2026-12-30', '2027-01-02')).toEqual([
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
    ]);
    // Days are calendar days: a DST change (2026-03-29 in the Netherlands) is still one day.
    expect(eachDay('2026-03-28', '2026-03-30')).toHaveLength(3);
  });
});
