import { Decimal, MoneyDecimal, roundCents } from '@kantoor/platform';
import type { ItemUsage, UsageCode } from '../usage/usage.calc.js';

/**
 * What an office pays for a month, from its usage (see usage.calc.ts) and a price list.
 * Pure: no I/O, no clock. The rules are ../shared/domain/billing.md:
 *
 * - Pro rata: an item costs `unit price x days it counted / days in the month`.
 * - Graduated tiers for INTERNAL administrations on the day-weighted count, like tax
 *   brackets: with item-days D and N days in the month the first 25 x N item-days are at the
 *   first price, the next 75 x N at the second, the rest at the third.
 * - The trial: every line is first priced in full; one discount line then gives back, per
 *   kind of item, the share of its (rounded) amount that fell on trial days (item-days in
 *   the trial / all its item-days), summed and rounded once. For the tiered lines the share
 *   is taken of their sum, so a trial never moves an office into a dearer tier; a month
 *   entirely in the trial comes to exactly 0.00, never to a cent below.
 * - Rounding: each line's amount (the discount line too) is rounded half up to cents once,
 *   from the exact value; the total is the sum of the rounded lines; VAT is 21% of the
 *   total, rounded half up; the total incl. VAT is their sum.
 */

export const VAT_RATE = new MoneyDecimal('0.21');

export const PRICE_CODES = [
  'DASHBOARD',
  'DASHBOARD_USER',
  'INTERNAL_1_25',
  'INTERNAL_26_100',
  'INTERNAL_101_UP',
  'CLIENT_LOGIN_INVOICING',
  'CLIENT_LOGIN_LEDGER',
  'CLIENT_LOGIN_LEDGER_INVOICING',
  'EXTERNAL',
] as const;
export type PriceCode = (typeof PRICE_CODES)[number];

export function isPriceCode(value: string): value is PriceCode {
  return (PRICE_CODES as readonly string[]).includes(value);
}

/** The graduated tiers of INTERNAL administrations: up to and including `upTo` items. */
export const INTERNAL_TIERS: readonly { code: PriceCode; upTo: number | null }[] = [
  { code: 'INTERNAL_1_25', upTo: 25 },
  { code: 'INTERNAL_26_100', upTo: 100 },
  { code: 'INTERNAL_101_UP', upTo: null },
];

/** The tier of the `position`-th internal administration (1-based). */
export function internalTierOf(position: number): PriceCode {
  return INTERNAL_TIERS.find((t) => t.upTo === null || position <= t.upTo)!.code;
}

export const TRIAL_DISCOUNT_CODE = 'TRIAL_DISCOUNT';

export interface Price {
  code: string;
  description: string;
  unitPrice: Decimal;
  position: number;
}

export interface StatementLine {
  /** A price code, or TRIAL_DISCOUNT. */
  code: string;
  description: string;
  /**
   * Items in the line. For the graduated tiers the office's internal administrations are
   * split by number (the first 25, the next 75, the rest), while the amount follows the
   * day-weighted count, so a tier line can hold an item at 0.00 when the weighted count
   * stays below the tier.
   */
  quantity: number;
  /** Items x days counted / days in the month, to 4 decimals (shown, not used to compute). */
  weightedQuantity: Decimal;
  unitPrice: Decimal;
  amount: Decimal;
}

export interface ComputedStatement {
  lines: StatementLine[];
  totalExclVat: Decimal;
  vat: Decimal;
  totalInclVat: Decimal;
}

export interface StatementInput {
  /** Days in the calendar month (the pro rata denominator, also for a month so far). */
  daysInMonth: number;
  items: readonly ItemUsage[];
  /** Days of the covered range inside the trial (for the discount line's description). */
  trialDays: number;
  /** Whether the office existed in the covered range (the dashboard line). */
  includeDashboard: boolean;
  prices: readonly Price[];
}

const ZERO = new MoneyDecimal(0);

interface Category {
  days: number;
  trialDays: number;
  items: Set<string>;
}

function weighted(itemDays: Decimal.Value, n: number): Decimal {
  return new MoneyDecimal(itemDays).div(n).toDecimalPlaces(4, Decimal.ROUND_HALF_UP);
}

export function computeStatement(input: StatementInput): ComputedStatement {
  const n = input.daysInMonth;
  const prices = new Map(input.prices.map((p) => [p.code, p]));
  const price = (code: string): Price => {
    const found = prices.get(code);
    if (!found) throw new Error(`the price list has no item ${code}`);
    return found;
  };

  const categories = new Map<UsageCode, Category>();
  for (const item of input.items) {
    if (item.days <= 0) continue;
    let category = categories.get(item.code);
    if (!category) {
      categories.set(item.code, (category = { days: 0, trialDays: 0, items: new Set() }));
    }
    category.days += item.days;
    category.trialDays += item.trialDays;
    category.items.add(item.itemId);
  }

  const lines: (StatementLine & { position: number })[] = [];
  let trialShare = ZERO;
  const add = (p: Price, quantity: number, itemDays: Decimal.Value): Decimal => {
    const amount = roundCents(new MoneyDecimal(p.unitPrice).mul(itemDays).div(n));
    lines.push({
      position: p.position,
      code: p.code,
      description: p.description,
      quantity,
      weightedQuantity: weighted(itemDays, n),
      unitPrice: p.unitPrice,
      amount,
    });
    return amount;
  };

  if (input.includeDashboard) add(price('DASHBOARD'), 1, n);

  for (const [code, category] of categories) {
    let amount = ZERO;
    if (code === 'INTERNAL') {
      // Brackets on the item-days for the amount, on the number of items for the quantity.
      const count = category.items.size;
      let lower = 0;
      for (const tier of INTERNAL_TIERS) {
        const upper = tier.upTo ?? Infinity;
        const inTier = Math.max(0, Math.min(category.days, upper * n) - lower * n);
        const itemsInTier = Math.max(0, Math.min(count, upper) - lower);
        if (itemsInTier > 0) amount = amount.add(add(price(tier.code), itemsInTier, inTier));
        lower = upper;
      }
    } else {
      amount = add(price(code), category.items.size, category.days);
    }
    if (category.trialDays > 0) {
      trialShare = trialShare.add(amount.mul(category.trialDays).div(category.days));
    }
  }

  lines.sort((a, b) => a.position - b.position);
  if (input.trialDays > 0) {
    const saved = roundCents(trialShare);
    const discount = saved.isZero() ? ZERO : saved.neg();
    const days = input.trialDays;
    lines.push({
      position: Number.MAX_SAFE_INTEGER,
      code: TRIAL_DISCOUNT_CODE,
      description: `Free trial (proefperiode): ${days} day${days === 1 ? '' : 's'} free`,
      quantity: 1,
      weightedQuantity: new MoneyDecimal(1),
      unitPrice: discount,
      amount: discount,
    });
  }

  const totalExclVat = lines.reduce((sum, l) => sum.add(l.amount), ZERO);
  const vat = roundCents(totalExclVat.mul(VAT_RATE));
  return {
    lines: lines.map(({ position: _position, ...line }) => line),
    totalExclVat,
    vat,
    totalInclVat: totalExclVat.add(vat),
  };
}
