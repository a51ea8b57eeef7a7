import { MoneyDecimal } from '@kantoor/platform';
import { contribution } from '../../projection/projection.events';
import { boxesOf, euroDown, euroUp, netVatOf } from '../vat-boxes.calc';
import { parsePeriod, periodOf, periodsBetween } from '../vat-period.calc';

describe('periods and due dates (vat.md)', () => {
  test.each([
    ['QUARTER', '2026-Q1', '2026-01-01', '2026-03-31', '2026-04-30'],
    ['QUARTER', '2026-Q2', '2026-04-01', '2026-06-30', '2026-07-31'],
    ['QUARTER', '2026-Q3', '2026-07-01', '2026-09-30', '2026-10-31'],
    ['QUARTER', '2026-Q4', '2026-10-01', '2026-12-31', '2027-01-31'],
    ['MONTH', '2026-01', '2026-01-01', '2026-01-31', '2026-02-28'],
    ['MONTH', '2024-01', '2024-01-01', '2024-01-31', '2024-02-29'],
    ['MONTH', '2026-12', '2026-12-01', '2026-12-31', '2027-01-31'],
    ['YEAR', '2026', '2026-01-01', '2026-12-31', '2027-03-31'],
  ] as const)('%s %s', (kind, label, start, end, due) => {
    expect(parsePeriod(kind, label)).toEqual({ label, start, end, due });
  });

  test('a period of another kind or malformed is none', () => {
    expect(parsePeriod('QUARTER', '2026-03')).toBeNull();
    expect(parsePeriod('MONTH', '2026-Q1')).toBeNull();
    expect(parsePeriod('MONTH', '2026-13')).toBeNull();
    expect(parsePeriod('YEAR', '26')).toBeNull();
    expect(parsePeriod('QUARTER', '2026-q2')!.label).toBe('2026-Q2');
  });

  test('periodsBetween lists newest first, across years', () => {
    expect(periodsBetween('QUARTER', '2025-11-15', '2026-04-01').map((p) => p.label)).toEqual([
      '2026-Q2',
      '2026-Q1',
      '2025-Q4',
    ]);
    expect(periodOf('MONTH', '2026-02-28').label).toBe('2026-02');
  });
});

describe('boxes', () => {
  test("whole euros in the filer's favour: turnover and VAT due down, input VAT up", () => {
    expect(euroDown(new MoneyDecimal('10.99')).toFixed()).toBe('10');
    expect(euroDown(new MoneyDecimal('-10.01')).toFixed()).toBe('-11');
    expect(euroUp(new MoneyDecimal('10.01')).toFixed()).toBe('11');
    const boxes = boxesOf({
      turnover: { '1a': '100.99', '2a': '50.50' },
      vat: { '1a': '21.21', '2a': '10.61' },
      input: '10.61',
    });
    const get = (b: string) => boxes.find((x) => x.box === b)!;
    expect([get('1a').turnover!.toFixed(), get('1a').vat!.toFixed()]).toEqual(['100', '21']);
    expect(get('5a').vat!.toFixed()).toBe('31');
    expect(get('5b').vat!.toFixed()).toBe('11');
    expect(get('5g').vat!.toFixed()).toBe('20');
    expect(get('1e').vat).toBeNull();
    expect(get('5a').turnover).toBeNull();
    expect(boxes.map((b) => b.box)).toEqual([
      '1a',
      '1b',
      '1c',
      '1d',
      '1e',
      '2a',
      '3a',
      '3b',
      '3c',
      '4a',
      '4b',
      '5a',
      '5b',
      '5c',
      '5g',
    ]);
  });

  test('net VAT of sums', () => {
    expect(
      netVatOf({ turnover: {}, vat: { '1a': '21.00', '4b': '5.00' }, input: '6.00' }).toFixed(2),
    ).toBe('20.00');
  });
});

describe('contribution of a ledger VAT line', () => {
  const line = {
    vatCode: 'X',
    turnoverBox: '1a',
    vatBox: '1a',
    base: '100.00',
    vat: '21.00',
    side: 'CREDIT' as const,
    direction: 'SALES' as const,
    reverseCharge: false,
  };
  const c = (l: Record<string, unknown>) => {
    const x = contribution({ ...line, ...l } as typeof line);
    return [x.turnover.toFixed(2), x.vatDue.toFixed(2), x.inputVat.toFixed(2)];
  };
  test('sales, credit notes, purchases, reverse charge, reversals', () => {
    expect(c({})).toEqual(['100.00', '21.00', '0.00']);
    expect(c({ side: 'DEBIT' })).toEqual(['-100.00', '-21.00', '0.00']);
    expect(
      c({ turnoverBox: null, vatBox: '5b', direction: 'PURCHASES', side: 'DEBIT' } as never),
    ).toEqual(['0.00', '0.00', '21.00']);
    expect(
      c({
        turnoverBox: '4b',
        vatBox: '4b',
        direction: 'PURCHASES',
        side: 'DEBIT',
        reverseCharge: true,
      } as never),
    ).toEqual(['100.00', '21.00', '21.00']);
    expect(
      c({
        turnoverBox: '4b',
        vatBox: '4b',
        direction: 'PURCHASES',
        side: 'CREDIT',
        reverseCharge: true,
      } as never),
    ).toEqual(['-100.00', '-21.00', '-21.00']);
    expect(c({ turnoverBox: null, vatBox: null })).toEqual(['0.00', '0.00', '0.00']);
  });
});
