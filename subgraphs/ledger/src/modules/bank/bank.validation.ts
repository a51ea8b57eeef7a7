import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import type { ErrorList } from '../common/ledger.errors.js';

/** An IBAN in electronic format ("NL91ABNA0417164300"); null after reporting INVALID_IBAN. */
export function checkIban(
  value: string | null | undefined,
  field: string[],
  errors: ErrorList,
): string | null {
  const iban = electronicFormatIBAN(value ?? '') ?? '';
  if (!isValidIBAN(iban)) {
    errors.add('INVALID_IBAN', `"${value ?? ''}" is not a valid IBAN.`, field);
    return null;
  }
  return iban;
}
