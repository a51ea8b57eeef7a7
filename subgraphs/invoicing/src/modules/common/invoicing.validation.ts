import { amsterdamDate, isValidDecimal, type Decimal, type DecimalInput } from '@kantoor/platform';
import type { ErrorList } from './invoicing.errors.js';

export const MAX_TEXT = 1000;
export const MAX_NAME = 200;

/** Trimmed text or null; TEXT_TOO_LONG past `max`. */
export function optionalText(
  value: string | null | undefined,
  field: string[],
  errors: ErrorList,
  max = MAX_NAME,
): string | null {
  if (value === null || value === undefined) return null;
  const t = value.trim();
  if (t.length > max) {
    errors.add('TEXT_TOO_LONG', `At most ${max} characters.`, field);
    return null;
  }
  return t.length === 0 ? null : t;
}

/** A decimal with at most `places` decimals; null (and an error) otherwise. */
export function checkDecimal(
  value: DecimalInput | null | undefined,
  places: number,
  code: 'INVALID_QUANTITY' | 'INVALID_UNIT_PRICE' | 'INVALID_AMOUNT',
  field: string[],
  errors: ErrorList,
): Decimal | null {
  if (!isValidDecimal(value)) {
    const raw = value && 'raw' in value ? `"${value.raw}"` : 'this';
    errors.add(code, `${raw} is not a number such as "12.50".`, field);
    return null;
  }
  if (value.decimalPlaces() > places) {
    errors.add(code, `At most ${places} decimals.`, field);
    return null;
  }
  if (value.abs().greaterThanOrEqualTo('1000000000')) {
    errors.add(code, 'Too large.', field);
    return null;
  }
  return value;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export function isEmail(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value);
}

/** ISO 3166-1 alpha-2 codes (officially assigned). */
const COUNTRIES = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
    'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
    'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO ' +
    'JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR ' +
    'MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO ' +
    'RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV ' +
    'TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
  ).split(' '),
);
export function isCountryCode(value: string): boolean {
  return COUNTRIES.has(value);
}

/** Today in the Netherlands, YYYY-MM-DD. */
export function todayInNl(now = new Date()): string {
  return amsterdamDate(now);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
