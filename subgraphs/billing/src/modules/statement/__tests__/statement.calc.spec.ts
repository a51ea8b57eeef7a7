import { MoneyDecimal } from '@kantoor/platform';
import type { ItemUsage, UsageCode } from '../../usage/usage.calc';
import {
  computeStatement,
  internalTierOf,
  type Price,
  type StatementInput,
} from '../statement.calc';

const DEFAULTS: [string, string][] = [
  ['DASHBOARD', '0.00'],
  ['DASHBOARD_USER', '11.25'],
  ['INTERNAL_1_25', '6.00'],
  ['INTERNAL_26_100', '4.50'],
  ['INTERNAL_101_UP', '3.00'],
  ['CLIENT_LOGIN_INVOICING', '7.50'],
  ['CLIENT_LOGIN_LEDGER', '10.00'],
  ['CLIENT_LOGIN_LEDGER_INVOICING', '12.50'],
  ['EXTERNAL', '0.00'],
];
const PRICES: Price[] = DEFAULTS.map(([code, price], index) => ({
  code,
  description: code,
  unitPrice: new MoneyDecimal(price),
  position: index + 1,
}));

let seq = 0;
function items(code: UsageCode, count: number, days: number, trialDays = 0): ItemUsage[] {
  return Array.from({ length: count }, () => ({ itemId: `i${++seq}`, code, days, trialDays }));
}

function statement(input: Partial<StatementInput> & { items: ItemUsage[] }) {
  const s = computeStatement({
    daysInMonth: 30,
    trialDays: 0,
    includeDashboard: true,
    prices: PRICES,
    ...input,
  });
  return {
    lines: s.lines.map((l) => [
      l.code,
      l.quantity,
      l.weightedQuantity.toFixed(4),
      l.unitPrice.toFixed(2),
      l.amount.toFixed(2),
    ]),
    totals: [s.totalExclVat.toFixed(2), s.vat.toFixed(2), s.totalInclVat.toFixed(2)],
  };
}

describe('a full month', () => {
  test('one line per kind of item, in price list order; VAT 21% half up', () => {
    const s = statement({
      items: [
        ...items('EXTERNAL', 1, 30),
        ...items('DASHBOARD_USER', 3, 30),
        ...items('INTERNAL', 2, 30),
        ...items('CLIENT_LOGIN_INVOICING', 1, 30),
        ...items('CLIENT_LOGIN_LEDGER_INVOICING', 1, 30),
      ],
    });
    expect(s.lines).toEqual([
      ['DASHBOARD', 1, '1.0000', '0.00', '0.00'],
      ['DASHBOARD_USER', 3, '3.0000', '11.25', '33.75'],
      ['INTERNAL_1_25', 2, '2.0000', '6.00', '12.00'],
      ['CLIENT_LOGIN_INVOICING', 1, '1.0000', '7.50', '7.50'],
      ['CLIENT_LOGIN_LEDGER_INVOICING', 1, '1.0000', '12.50', '12.50'],
      ['EXTERNAL', 1, '1.0000', '0.00', '0.00'],
    ]);
    // 65.75 x 0.21 = 13.8075 -> 13.81
    expect(s.totals).toEqual(['65.75', '13.81', '79.56']);
  });

  test('an office with nothing but its dashboard pays nothing', () => {
    expect(statement({ items: [] })).toEqual({
      lines: [['DASHBOARD', 1, '1.0000', '0.00', '0.00']],
      totals: ['0.00', '0.00', '0.00'],
    });
    expect(statement({ items: [], includeDashboard: false }).lines).toEqual([]);
  });
});

describe('pro rata by calendar days', () => {
  test('amount = unit price x item-days / days in the month, rounded half up once per line', () => {
    // 2 users: 15 and 20 days of 30 -> 35 item-days; 11.25 x 35 / 30 = 13.125 -> 13.13
    const s = statement({
      items: [...items('DASHBOARD_USER', 1, 15), ...items('DASHBOARD_USER', 1, 20)],
    });
    expect(s.lines[1]).toEqual(['DASHBOARD_USER', 2, '1.1667', '11.25', '13.13']);
    // 13.13 x 0.21 = 2.7573 -> 2.76
    expect(s.totals).toEqual(['13.13', '2.76', '15.89']);
  });

  test('half a cent rounds up, not to even', () => {
    // 12.25 x 15 / 30 = 6.125 -> 6.13
    const prices = PRICES.map((p) =>
      p.code === 'DASHBOARD_USER' ? { ...p, unitPrice: new MoneyDecimal('12.25') } : p,
    );
    const s = statement({ prices, items: items('DASHBOARD_USER', 1, 15) });
    expect(s.lines[1]![4]).toBe('6.13');
    // VAT: 6.13 x 0.21 = 1.2873 -> 1.29
    expect(s.totals).toEqual(['6.13', '1.29', '7.42']);
  });

  test('a leap February has 29 days', () => {
    // 15 of 29 days: 11.25 x 15 / 29 = 5.8189... -> 5.82
    const s = statement({ daysInMonth: 29, items: items('DASHBOARD_USER', 1, 15) });
    expect(s.lines[1]).toEqual(['DASHBOARD_USER', 1, '0.5172', '11.25', '5.82']);
  });
});

describe('graduated tiers for internal administrations (on the day-weighted count)', () => {
  const tiers = (count: number, days = 30, extra: ItemUsage[] = []) =>
    statement({ items: [...items('INTERNAL', count, days), ...extra] }).lines.slice(1);

  test('25 and 26', () => {
    expect(tiers(25)).toEqual([['INTERNAL_1_25', 25, '25.0000', '6.00', '150.00']]);
    expect(tiers(26)).toEqual([
      ['INTERNAL_1_25', 25, '25.0000', '6.00', '150.00'],
      ['INTERNAL_26_100', 1, '1.0000', '4.50', '4.50'],
    ]);
  });

  test('100 and 101', () => {
    expect(tiers(100)).toEqual([
      ['INTERNAL_1_25', 25, '25.0000', '6.00', '150.00'],
      ['INTERNAL_26_100', 75, '75.0000', '4.50', '337.50'],
    ]);
    expect(tiers(101)).toEqual([
      ['INTERNAL_1_25', 25, '25.0000', '6.00', '150.00'],
      ['INTERNAL_26_100', 75, '75.0000', '4.50', '337.50'],
      ['INTERNAL_101_UP', 1, '1.0000', '3.00', '3.00'],
    ]);
  });

  test('the boundary is on the day-weighted count, not on the number of administrations', () => {
    // 26 administrations for half the month each = 13 weighted: all paid in the first tier;
    // the 26th is in the second tier by number, at 0.00.
    expect(tiers(26, 15)).toEqual([
      ['INTERNAL_1_25', 25, '13.0000', '6.00', '78.00'],
      ['INTERNAL_26_100', 1, '0.0000', '4.50', '0.00'],
    ]);
    // 25 all month and one for 15 days = 25.5: half an administration in the second tier.
    expect(tiers(25, 30, items('INTERNAL', 1, 15))).toEqual([
      ['INTERNAL_1_25', 25, '25.0000', '6.00', '150.00'],
      ['INTERNAL_26_100', 1, '0.5000', '4.50', '2.25'],
    ]);
    // 100 all month and one for 1 day of 30 = 100.0333.
    expect(tiers(100, 30, items('INTERNAL', 1, 1)).at(-1)).toEqual([
      'INTERNAL_101_UP',
      1,
      '0.0333',
      '3.00',
      '0.10',
    ]);
  });

  test('the tier of the next administration', () => {
    expect([1, 25, 26, 100, 101, 500].map(internalTierOf)).toEqual([
      'INTERNAL_1_25',
      'INTERNAL_1_25',
      'INTERNAL_26_100',
      'INTERNAL_26_100',
      'INTERNAL_101_UP',
      'INTERNAL_101_UP',
    ]);
  });
});

describe('the free trial', () => {
  test('trial days are a discount line: the share of each line that fell in the trial', () => {
    // A user all 31 days of March, 15 of them in the trial: 11.25 x 15/31 = 5.4435 -> 5.44.
    const s = statement({
      daysInMonth: 31,
      trialDays: 15,
      items: items('DASHBOARD_USER', 1, 31, 15),
    });
    expect(s.lines).toEqual([
      ['DASHBOARD', 1, '1.0000', '0.00', '0.00'],
      ['DASHBOARD_USER', 1, '1.0000', '11.25', '11.25'],
      ['TRIAL_DISCOUNT', 1, '1.0000', '-5.44', '-5.44'],
    ]);
    // 5.81 x 0.21 = 1.2201 -> 1.22
    expect(s.totals).toEqual(['5.81', '1.22', '7.03']);
  });

  test('a month entirely in the trial costs nothing', () => {
    const s = statement({
      trialDays: 30,
      items: [...items('DASHBOARD_USER', 2, 30, 30), ...items('INTERNAL', 30, 30, 30)],
    });
    expect(s.lines.at(-1)).toEqual(['TRIAL_DISCOUNT', 1, '1.0000', '-195.00', '-195.00']);
    expect(s.totals).toEqual(['0.00', '0.00', '0.00']);
  });

  test('rounding per line never leaves a month entirely in the trial a cent below zero', () => {
    // 18 of 31 days: 11.25 -> 6.5323 -> 6.53 and 6.00 -> 3.4839 -> 3.48; exact sum 10.0161.
    const s = statement({
      daysInMonth: 31,
      trialDays: 18,
      items: [...items('DASHBOARD_USER', 1, 18, 18), ...items('INTERNAL', 1, 18, 18)],
    });
    expect(s.lines.at(-1)![4]).toBe('-10.01');
    expect(s.totals).toEqual(['0.00', '0.00', '0.00']);
  });

  test('the trial takes its share of the tiered sum, never moving the office to a dearer tier', () => {
    // 30 administrations all month: 25 x 6 + 5 x 4.50 = 172.50; half the days in the trial.
    const s = statement({ trialDays: 15, items: items('INTERNAL', 30, 30, 15) });
    expect(s.lines.at(-1)![4]).toBe('-86.25');
    expect(s.totals[0]).toBe('86.25');
  });

  test('trial days without anything billable show a zero discount', () => {
    const s = statement({ trialDays: 3, items: items('EXTERNAL', 1, 3, 3) });
    expect(s.lines.at(-1)).toEqual(['TRIAL_DISCOUNT', 1, '1.0000', '0.00', '0.00']);
  });
});
