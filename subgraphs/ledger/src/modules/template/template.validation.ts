import { isValidDecimal, MoneyDecimal, type Decimal, type DecimalInput } from '@kantoor/platform';
import type { ErrorList } from '../common/ledger.errors.js';

const BOX = /^[1-5][a-g]$/;

/** A VAT rate: a percentage from 0 to 99.99 with at most two decimals; null after reporting. */
export function checkRate(
  value: DecimalInput | null | undefined,
  field: string[],
  errors: ErrorList,
): Decimal | null {
  const rate = isValidDecimal(value) ? value : null;
  if (!rate || rate.isNegative() || rate.gte(100) || rate.decimalPlaces() > 2) {
    errors.add('INVALID_RATE', 'A rate is a percentage from 0 to 99.99, e.g. "21".', field);
    return null;
  }
  return new MoneyDecimal(rate);
}

/** A box of the VAT return ("1a" to "5g"): null without one, undefined after reporting. */
export function checkBox(
  value: string | null | undefined,
  field: string[],
  errors: ErrorList,
): string | null | undefined {
  const box = value?.trim().toLowerCase();
  if (!box) return null;
  if (!BOX.test(box)) {
    errors.add(
      'INVALID_VAT_CODE',
      `"${value}" is not a box of the VAT return (e.g. "1a", "5b").`,
      field,
    );
    return undefined;
  }
  return box;
}
