import { DomainError, type ErrorReport } from '@kantoor/platform';

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
