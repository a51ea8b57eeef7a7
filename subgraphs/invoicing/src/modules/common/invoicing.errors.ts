import {
  DomainError,
  userError,
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

/** Several input problems at once; all become userErrors. */
export class InvoicingErrors extends Error {
  constructor(readonly errors: DomainError<InvoicingErrorCode>[]) {
    super(errors.map((e) => `${e.code}: ${e.message}`).join('; '));
    this.name = 'InvoicingErrors';
  }
}

/** Collects input problems so the caller sees all of them in one answer. */
export class ErrorList {
  readonly errors: DomainError<InvoicingErrorCode>[] = [];
  add(code: InvoicingErrorCode, message: string, field?: string[]): void {
    this.errors.push(invoicingError(code, message, field));
  }
  get empty(): boolean {
    return this.errors.length === 0;
  }
  throwIfAny(): void {
    if (this.errors.length === 1) throw this.errors[0]!;
    if (this.errors.length > 1) throw new InvoicingErrors([...this.errors]);
  }
}

/** Runs a mutation body; domain errors become userErrors (or FORBIDDEN) as the map says. */
export async function withInvoicingUserErrors<P extends { userErrors: UserError[] }>(
  body: () => Promise<Omit<P, 'userErrors'>>,
): Promise<P> {
  try {
    return await withUserErrors<InvoicingErrorCode, P>(INVOICING_ERRORS, body);
  } catch (error) {
    if (error instanceof InvoicingErrors) {
      return {
        userErrors: error.errors.map((e) => userError(e.code, e.message, e.field)),
      } as unknown as P;
    }
    throw error;
  }
}
