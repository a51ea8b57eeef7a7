/**
 * Dutch VAT identification number (btw-identificatienummer): "NL", nine digits, "B", two
 * digits, e.g. NL123456782B01. Entered with spaces or dots and in any case; stored
 * compact and upper-cased.
 *
 * The nine digits carry a check. Two schemes are in use and a number is valid when it
 * passes EITHER:
 * - the elfproef of numbers issued before 2020 (based on the RSIN/BSN): the first eight
 *   digits weighted 9, 8, 7, 6, 5, 4, 3, 2 and the ninth weighted -1; the sum is a
 *   multiple of 11;
 * - the mod-97 check of the numbers given to sole traders (eenmanszaken) since 2020: the
 *   whole number with N=23, L=21, B=11 substituted, read as one integer, leaves 1 when
 *   divided by 97 (as in ISO 7064 / IBAN).
 */
const VAT_NUMBER = /^NL(\d{9})B(\d{2})$/;

/** Strips spaces and dots and upper-cases; does not validate. */
export function normalizeVatNumber(input: string): string {
  return input.replace(/[\s.]/g, '').toUpperCase();
}

/** The elfproef on nine digits (pre-2020 numbers). */
export function passesElfproef(digits: string): boolean {
  if (!/^\d{9}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * Number(digits[i]);
  sum -= Number(digits[8]);
  return sum % 11 === 0;
}

/** The mod-97 check of a compact "NL#########B##" number (sole traders since 2020). */
export function passesMod97(compact: string): boolean {
  if (!VAT_NUMBER.test(compact)) return false;
  const numeric = compact.replace(/[A-Z]/g, (letter) => String(letter.charCodeAt(0) - 55));
  // Digit by digit, so that no precision is lost on a 17-digit number.
  let remainder = 0;
  for (const digit of numeric) remainder = (remainder * 10 + Number(digit)) % 97;
  return remainder === 1;
}

/** The normalized number when `input` is a valid Dutch VAT number, otherwise null. */
export function parseVatNumber(input: string): string | null {
  const compact = normalizeVatNumber(input);
  const match = VAT_NUMBER.exec(compact);
  if (!match) return null;
  return passesElfproef(match[1]!) || passesMod97(compact) ? compact : null;
}

/** EU member states (VAT prefixes; Greece uses EL). */
export const EU_COUNTRIES = new Set(
  'AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK'.split(' '),
);

/**
 * A VAT identification number of any EU state (a customer's, say). Dutch numbers get the
 * full check above; other EU numbers (and XI) their country prefix and 2 to 12 letters or
 * digits (VIES would be the real check, out of scope). Spaces, dots and hyphens are
 * stripped; stored compact, upper case.
 */
export function parseEuVatNumber(input: string): string | null {
  const compact = input.replace(/[\s.-]/g, '').toUpperCase();
  if (compact.startsWith('NL')) return parseVatNumber(compact);
  const m = /^([A-Z]{2})([0-9A-Z+*]{2,12})$/.exec(compact);
  if (!m) return null;
  const prefix = m[1]!;
  if (prefix === 'EL' || prefix === 'XI' || (EU_COUNTRIES.has(prefix) && prefix !== 'GR'))
    return compact;
  return null;
}

/**
 * KvK-nummer: the Chamber of Commerce (Kamer van Koophandel) registration number, exactly
 * eight digits. Spaces and dots are stripped before checking. The KvK number carries no
 * check digit, so the format is all that can be validated here.
 */
export function parseKvkNumber(input: string): string | null {
  const compact = input.replace(/[\s.]/g, '');
  return /^\d{8}$/.test(compact) ? compact : null;
}
