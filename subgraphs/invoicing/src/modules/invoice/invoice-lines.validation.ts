import { MoneyDecimal, isCalendarDate, type Decimal } from '@kantoor/platform';
import type { ErrorList } from '../common/invoicing.errors.js';
import { checkDecimal, MAX_TEXT } from '../common/invoicing.validation.js';
import { calculate, type Amounts } from './invoice.calc.js';
import type { InvoiceLineInput } from './invoice.type.js';
import { SALES_VAT_CODES } from './vat-codes.data.js';

export const MAX_LINES = 500;

export interface ParsedLine {
  description: string;
  quantity: Decimal;
  unitPrice: Decimal;
  vatCode: string;
  vatRate: Decimal;
}

/**
 * Checks lines; every problem is reported with its path, e.g. ["input","lines","1","quantity"].
 * Quantities have at most 4 decimals and are not 0 (negative for discount lines, or
 * positive only when `positive`); unit prices at most 2 decimals (cents).
 */
export function parseLines(
  lines: readonly InvoiceLineInput[] | null | undefined,
  errors: ErrorList,
  options: { positive?: boolean } = {},
): ParsedLine[] {
  if (!lines || lines.length === 0) {
    errors.add('NO_LINES', 'An invoice needs at least one line.', ['input', 'lines']);
    return [];
  }
  if (lines.length > MAX_LINES) {
    errors.add('TOO_MANY_LINES', `At most ${MAX_LINES} lines.`, ['input', 'lines']);
    return [];
  }
  const parsed: ParsedLine[] = [];
  lines.forEach((l, i) => {
    const f = (name: string) => ['input', 'lines', String(i), name];
    const before = errors.errors.length;
    const description = l.description.trim();
    if (description.length === 0)
      errors.add('EMPTY_DESCRIPTION', 'A line needs a description.', f('description'));
    else if (description.length > MAX_TEXT)
      errors.add('TEXT_TOO_LONG', `At most ${MAX_TEXT} characters.`, f('description'));
    const quantity = checkDecimal(l.quantity, 4, 'INVALID_QUANTITY', f('quantity'), errors);
    if (quantity && (quantity.isZero() || (options.positive && quantity.lt(0))))
      errors.add(
        'INVALID_QUANTITY',
        options.positive ? 'A credited quantity is above 0.' : 'A quantity is not 0.',
        f('quantity'),
      );
    const unitPrice = checkDecimal(l.unitPrice, 2, 'INVALID_UNIT_PRICE', f('unitPrice'), errors);
    if (unitPrice?.lt(0))
      errors.add(
        'INVALID_UNIT_PRICE',
        'A unit price is not negative; use a negative quantity for a discount.',
        f('unitPrice'),
      );
    const code = SALES_VAT_CODES[l.vatCode.trim().toUpperCase()];
    if (!code)
      errors.add(
        'UNKNOWN_VAT_CODE',
        `${l.vatCode} is no sales VAT code (${Object.keys(SALES_VAT_CODES).join(', ')}).`,
        f('vatCode'),
      );
    if (errors.errors.length === before)
      parsed.push({
        description,
        quantity: quantity!,
        unitPrice: unitPrice!,
        vatCode: code!.code,
        vatRate: new MoneyDecimal(code!.rate),
      });
  });
  return parsed;
}

export function amountsOf(lines: readonly ParsedLine[]): Amounts {
  return calculate(lines);
}

export function checkDate(
  value: string | null | undefined,
  field: string[],
  errors: ErrorList,
): string | null {
  if (value === null || value === undefined) return null;
  if (!isCalendarDate(value) || value < '2000-01-01' || value > '2099-12-31') {
    errors.add('INVALID_DATE', `${value} is not a date between 2000 and 2099.`, field);
    return null;
  }
  return value;
}
