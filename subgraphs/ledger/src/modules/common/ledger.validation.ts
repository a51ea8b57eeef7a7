import { Decimal, isCalendarDate, isValidDecimal, type DecimalInput } from '@kantoor/platform';
import { GraphQLError } from 'graphql';
import type { DateWindow } from '../../config.js';
import type { ErrorList } from './ledger.errors.js';

export const MAX_DESCRIPTION_LENGTH = 500;
export const MAX_NAME_LENGTH = 200;
/** The largest amount a numeric(18,2) column holds. */
const MAX_AMOUNT = new Decimal('9999999999999999.99');

const ACCOUNT_CODE = /^[0-9A-Za-z]{1,10}$/;
/** B or W, then up to six 3-character segments (RGS levels 2..7), e.g. "BLimBanRba". */
const RGS_CODE = /^[BW](?:[A-Z][A-Za-z0-9]{2}){0,6}$/;
const VAT_CODE = /^[A-Z0-9]{1,10}$/;

/** A calendar date "YYYY-MM-DD" that exists (2026-02-30 does not); null after reporting. */
export function checkDate(value: unknown, field: string[], errors: ErrorList): string | null {
  if (isCalendarDate(value)) return value;
  errors.add('INVALID_DATE', `${String(value)} is not a date (YYYY-MM-DD).`, field);
  return null;
}

/** A bookkeeping date argument of a query; BAD_USER_INPUT when it is no calendar date. */
export function queryDate(value: string | null | undefined, name: string): string | null {
  if (value === null || value === undefined) return null;
  if (!isCalendarDate(value)) {
    throw new GraphQLError(`${name}: ${value} is not a date.`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return value;
}

/** The last date `window` accepts, seen from `today` (UTC calendar day). */
export function latestBookingDate(window: DateWindow, today: Date = new Date()): string {
  const day = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return new Date(day + window.maxDaysAhead * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A bookkeeping date of an entry: a calendar date inside the configured window (see
 * config.ts: by default from 2000-01-01 up to a year after today), so a typo such as
 * 1900-01-01 or 9999-12-31 is refused (DATE_OUT_OF_RANGE) instead of opening a fiscal year.
 * Null after reporting.
 */
export function checkBookingDate(
  value: unknown,
  field: string[],
  errors: ErrorList,
  window: DateWindow,
  today: Date = new Date(),
): string | null {
  const date = checkDate(value, field, errors);
  if (date === null) return null;
  const latest = latestBookingDate(window, today);
  if (date < window.earliest || date > latest) {
    errors.add(
      'DATE_OUT_OF_RANGE',
      `${date} is outside the bookkeeping dates accepted (${window.earliest} to ${latest}).`,
      field,
    );
    return null;
  }
  return date;
}

/** Trimmed non-empty text of at most `max` characters; null after reporting. */
export function checkText(
  value: string | null | undefined,
  field: string[],
  errors: ErrorList,
  codes: { empty: 'EMPTY_DESCRIPTION' | 'EMPTY_NAME' },
  max = MAX_DESCRIPTION_LENGTH,
): string | null {
  const text = (value ?? '').trim();
  if (text.length === 0) {
    errors.add(codes.empty, 'This may not be empty.', field);
    return null;
  }
  if (text.length > max) {
    errors.add('TEXT_TOO_LONG', `At most ${max} characters.`, field);
    return null;
  }
  return text;
}

/** Optional free text (a line description): trimmed, empty becomes null. */
export function optionalText(
  value: string | null | undefined,
  field: string[],
  errors: ErrorList,
): string | null {
  const text = (value ?? '').trim();
  if (text.length > MAX_DESCRIPTION_LENGTH) {
    errors.add('TEXT_TOO_LONG', `At most ${MAX_DESCRIPTION_LENGTH} characters.`, field);
    return null;
  }
  return text.length === 0 ? null : text;
}

/**
 * A money amount of a journal line: an exact decimal string ("12.34"; "ten" and "1e3" are
 * not), greater than zero, with at most two decimals ("0.001" has three). Null after
 * reporting.
 */
export function checkAmount(
  value: DecimalInput | null | undefined,
  field: string[],
  errors: ErrorList,
): Decimal | null {
  if (!isValidDecimal(value)) {
    const raw = value && 'raw' in value ? value.raw : String(value);
    errors.add('INVALID_AMOUNT', `"${raw}" is not an amount such as "12.34".`, field);
    return null;
  }
  if (value.decimalPlaces() > 2) {
    errors.add('TOO_MANY_DECIMALS', 'Amounts have at most two decimals (cents).', field);
    return null;
  }
  if (value.lte(0)) {
    errors.add('AMOUNT_NOT_POSITIVE', 'Amounts are greater than zero.', field);
    return null;
  }
  if (value.gt(MAX_AMOUNT)) {
    errors.add('INVALID_AMOUNT', 'The amount is too large.', field);
    return null;
  }
  return value;
}

export function isAccountCode(value: string): boolean {
  return ACCOUNT_CODE.test(value);
}

export function isRgsCode(value: string): boolean {
  return RGS_CODE.test(value);
}

export function isVatCode(value: string): boolean {
  return VAT_CODE.test(value);
}

/** RGS code of `level` (1 = B/W, 2 = "BLim", 3 = "BLimBan", ...): the first 1 + 3(level-1) characters. */
export function rgsGroup(rgsCode: string | null, level: number): string | null {
  if (!rgsCode) return null;
  const length = 1 + 3 * (level - 1);
  return rgsCode.length <= length ? rgsCode : rgsCode.slice(0, length);
}
