import {
  DomainError,
  ErrorList as PlatformErrorList,
  withUserErrors,
  type ErrorReport,
  type UserError,
} from '@kantoor/platform';

/**
 * Every error code invoicing can raise and how it reaches the caller (exhaustive: a new code
 * cannot go unmapped).
 */
export const INVOICING_ERRORS = {
  // customers
  EMPTY_NAME: 'userError',
  DUPLICATE_CUSTOMER_NUMBER: 'userError',
  INVALID_CUSTOMER_NUMBER: 'userError',
  INVALID_VAT_NUMBER: 'userError',
  INVALID_KVK_NUMBER: 'userError',
  INVALID_EMAIL: 'userError',
  INVALID_COUNTRY_CODE: 'userError',
  INVALID_PAYMENT_TERM: 'userError',
  TEXT_TOO_LONG: 'userError',
  CUSTOMER_NOT_FOUND: 'userError',
  // invoices
  INVOICE_NOT_FOUND: 'userError',
  NO_LINES: 'userError',
  TOO_MANY_LINES: 'userError',
  EMPTY_DESCRIPTION: 'userError',
  UNKNOWN_VAT_CODE: 'userError',
  INVALID_QUANTITY: 'userError',
  INVALID_UNIT_PRICE: 'userError',
  INVALID_DATE: 'userError',
  INVOICE_NOT_DRAFT: 'userError',
  PERIOD_LOCKED: 'userError',
  CUSTOMER_VAT_NUMBER_REQUIRED: 'userError',
  INVOICE_SETTINGS_MISSING: 'userError',
  INVALID_IBAN: 'userError',
  // credit notes and payments
  INVOICE_NOT_FINAL: 'userError',
  CREDIT_EXCEEDS_INVOICE: 'userError',
  INVOICE_NOT_OPEN: 'userError',
  OVERPAYMENT: 'userError',
  INVALID_AMOUNT: 'userError',
  INVALID_IDEMPOTENCY_KEY: 'userError',
  IDEMPOTENCY_KEY_REUSED: 'userError',
} as const satisfies Record<string, ErrorReport>;

export type InvoicingErrorCode = keyof typeof INVOICING_ERRORS;

export function invoicingError(code: InvoicingErrorCode, message: string, field?: string[]) {
  return new DomainError<InvoicingErrorCode>(code, message, field);
}

/** Collects invoicing's input problems (platform's ErrorList, typed by invoicing's codes). */
export const ErrorList = PlatformErrorList<InvoicingErrorCode>;
export type ErrorList = PlatformErrorList<InvoicingErrorCode>;

/** Runs a mutation body; domain errors become userErrors (or FORBIDDEN) as the map says. */
export async function withInvoicingUserErrors<P extends { userErrors: UserError[] }>(
  body: () => Promise<Omit<P, 'userErrors'>>,
): Promise<P> {
  return withUserErrors<InvoicingErrorCode, P>(INVOICING_ERRORS, body);
}

/** What each userError code means, published as the UserErrorCode enum's descriptions. */
export const INVOICING_ERROR_DESCRIPTIONS = {
  EMPTY_NAME: 'The name is empty.',
  DUPLICATE_CUSTOMER_NUMBER: 'Another customer (debiteur) of the administration has this number.',
  INVALID_CUSTOMER_NUMBER: 'The customer number (debiteurnummer) is malformed.',
  INVALID_VAT_NUMBER: 'Not a valid VAT number (btw-nummer).',
  INVALID_KVK_NUMBER: 'Not a KvK number (8 digits).',
  INVALID_EMAIL: 'Not an email address.',
  INVALID_COUNTRY_CODE: 'Not an ISO 3166-1 alpha-2 country code.',
  INVALID_PAYMENT_TERM: 'The payment term (betalingstermijn) in days is out of range.',
  TEXT_TOO_LONG: 'A text is longer than allowed.',
  CUSTOMER_NOT_FOUND: 'No such customer in this administration.',
  INVOICE_NOT_FOUND: 'No such invoice in this administration.',
  NO_LINES: 'An invoice needs at least one line.',
  TOO_MANY_LINES: 'The invoice has more lines than allowed.',
  EMPTY_DESCRIPTION: 'A line without a description.',
  UNKNOWN_VAT_CODE: 'Not a sales VAT code (btw-code) of the administration.',
  INVALID_QUANTITY: 'The quantity is zero, negative or has too many decimals.',
  INVALID_UNIT_PRICE: 'The unit price is not a valid amount.',
  INVALID_DATE: 'The date is not valid or out of range.',
  INVOICE_NOT_DRAFT: 'Only a DRAFT invoice can be changed or finalized.',
  PERIOD_LOCKED: 'The ledger period of the invoice date is locked.',
  CUSTOMER_VAT_NUMBER_REQUIRED:
    'Reverse-charged (verlegd) or intra-EU invoices need the customer’s VAT number.',
  INVOICE_SETTINGS_MISSING:
    "The administration's invoice settings (name, address, IBAN) are missing.",
  INVALID_IBAN: 'Not a valid IBAN.',
  INVOICE_NOT_FINAL: 'Only a finalized (OPEN or PAID) invoice can be credited.',
  CREDIT_EXCEEDS_INVOICE: 'The credit note would credit more than the invoice left to credit.',
  INVOICE_NOT_OPEN: 'Payments are registered on OPEN invoices only.',
  OVERPAYMENT: 'The payment is more than the outstanding amount.',
  INVALID_AMOUNT: 'The amount is not positive or has more than 2 decimals.',
  INVALID_IDEMPOTENCY_KEY: 'The idempotency key is empty or too long.',
  IDEMPOTENCY_KEY_REUSED: 'The idempotency key was used before with another input.',
} as const satisfies Record<InvoicingErrorCode, string>;
