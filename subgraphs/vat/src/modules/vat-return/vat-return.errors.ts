import { DomainError, type ErrorReport, type UserErrorCodeOf } from '@kantoor/platform';

/** Every code the VAT module reports, and how (one exhaustive map). */
export const VAT_ERRORS = {
  INVALID_PERIOD: 'userError',
  PERIOD_NOT_ENDED: 'userError',
  ALREADY_SUBMITTED: 'userError',
  NOT_PREPARED: 'userError',
  NOT_AWAITING_APPROVAL: 'userError',
  AWAITING_APPROVAL: 'userError',
  OUTDATED: 'userError',
  MISSING_VAT_NUMBER: 'userError',
  NOTE_TOO_LONG: 'userError',
  NO_SUPPLETIE_NEEDED: 'userError',
  NOT_SUBMITTED: 'userError',
  FORBIDDEN: 'FORBIDDEN',
} as const satisfies Record<string, ErrorReport>;

export type VatErrorCode = keyof typeof VAT_ERRORS;

export function vatError(code: VatErrorCode, message: string, field?: string[]): DomainError {
  return new DomainError<VatErrorCode>(code, message, field);
}

/** What each userError code means, published as the UserErrorCode enum's descriptions. */
export const VAT_ERROR_DESCRIPTIONS = {
  INVALID_PERIOD:
    'The period is malformed or does not fit the vatFilingPeriod (2026-Q1, 2026-03 or 2026).',
  PERIOD_NOT_ENDED: 'The VAT period (aangiftetijdvak) has not ended yet.',
  ALREADY_SUBMITTED: 'The VAT return (btw-aangifte) was submitted already.',
  NOT_PREPARED: 'The return must be PREPARED first.',
  NOT_AWAITING_APPROVAL: 'Only a return AWAITING_APPROVAL can be approved.',
  AWAITING_APPROVAL: "The client's approval is still awaited.",
  OUTDATED: 'Bookings of the period changed after preparing; prepare the return again.',
  MISSING_VAT_NUMBER: 'The administration has no VAT number (btw-nummer) to file under.',
  NOTE_TOO_LONG: 'The note is too long.',
  NO_SUPPLETIE_NEEDED: 'The bookings match the filed return: no correction (suppletie) is needed.',
  NOT_SUBMITTED: 'Only a submitted return can be corrected.',
} as const satisfies Record<UserErrorCodeOf<typeof VAT_ERRORS>, string>;
