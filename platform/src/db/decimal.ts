import { Decimal } from 'decimal.js';
import type { ValueTransformer } from 'typeorm';

/**
 * Money and rates: decimal.js everywhere in code, PostgreSQL `numeric` in the database,
 * strings on the wire. Never a JS number.
 *
 * Rounding rule: amounts are rounded to cents with ROUND_HALF_UP (commercial rounding,
 * as Dutch invoices and the Belastingdienst do), only where a rule says to round.
 */
export const MoneyDecimal = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type MoneyDecimal = Decimal;
export { Decimal };

/** Rounds to cents, half up. */
export function roundCents(value: Decimal): Decimal {
  return value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** Column transformer numeric <-> Decimal; pg returns numeric as a string, so nothing passes through a float. */
export const decimalTransformer: ValueTransformer = {
  to(value: Decimal | string | null | undefined): string | null | undefined {
    if (value === null || value === undefined) return value;
    return new MoneyDecimal(value).toFixed();
  },
  from(value: string | null): Decimal | null {
    return value === null ? null : new MoneyDecimal(value);
  },
};
