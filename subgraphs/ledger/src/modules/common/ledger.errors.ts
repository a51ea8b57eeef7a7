import {
  DomainError,
  userError,
  withUserErrors,
  type ErrorReport,
  type UserError,
} from '@kantoor/platform';

/**
 * Every error code the ledger can raise, and how it reaches the caller (one exhaustive map
 * for the subgraph: a new code cannot go unmapped). All are userErrors: authorization is
 * decided by the shield rules before a resolver runs.
 */
export const LEDGER_ERRORS = {
  // books and bookings
  BOOKS_NOT_OPEN: 'userError',
  ADMINISTRATION_ARCHIVED: 'userError',
  INVALID_DATE: 'userError',
  DATE_OUT_OF_RANGE: 'userError',
  EMPTY_DESCRIPTION: 'userError',
  TEXT_TOO_LONG: 'userError',
  NO_LINES: 'userError',
  TOO_MANY_LINES: 'userError',
  UNKNOWN_ACCOUNT: 'userError',
  ACCOUNT_BLOCKED: 'userError',
  INVALID_AMOUNT: 'userError',
  TOO_MANY_DECIMALS: 'userError',
  AMOUNT_NOT_POSITIVE: 'userError',
  DEBIT_OR_CREDIT: 'userError',
  UNKNOWN_VAT_CODE: 'userError',
  VAT_CODE_BLOCKED: 'userError',
  VAT_CODE_DIRECTION: 'userError',
  UNKNOWN_JOURNAL: 'userError',
  UNBALANCED_ENTRY: 'userError',
  PERIOD_LOCKED: 'userError',
  INVALID_IDEMPOTENCY_KEY: 'userError',
  IDEMPOTENCY_KEY_REUSED: 'userError',
  ENTRY_NOT_FOUND: 'userError',
  ALREADY_REVERSED: 'userError',
  CANNOT_REVERSE_REVERSAL: 'userError',
  DRAFT_NOT_FOUND: 'userError',
  // chart of accounts
  ACCOUNT_NOT_FOUND: 'userError',
  INVALID_ACCOUNT_CODE: 'userError',
  DUPLICATE_ACCOUNT_CODE: 'userError',
  EMPTY_NAME: 'userError',
  INVALID_RGS_CODE: 'userError',
  UNKNOWN_RGS_CODE: 'userError',
  ACCOUNT_HAS_BOOKINGS: 'userError',
  ACCOUNT_IN_USE: 'userError',
  // periods
  INVALID_PERIOD: 'userError',
  PERIOD_NOT_FOUND: 'userError',
  REASON_REQUIRED: 'userError',
  PERIOD_LOCKED_BY_VAT_FILING: 'userError',
  PERIOD_LOCKED_BY_YEAR_CLOSING: 'userError',
  // closing a fiscal year
  FISCAL_YEAR_NOT_ENDED: 'userError',
  FISCAL_YEAR_CLOSED: 'userError',
  FISCAL_YEAR_NOT_CLOSED: 'userError',
  EARLIER_YEAR_OPEN: 'userError',
  LATER_YEAR_CLOSED: 'userError',
  DRAFTS_IN_YEAR: 'userError',
  NOT_AN_EQUITY_ACCOUNT: 'userError',
  // office chart templates
  TEMPLATE_NOT_FOUND: 'userError',
  DUPLICATE_TEMPLATE_NAME: 'userError',
  AMBIGUOUS_SOURCE: 'userError',
  ADMINISTRATION_NOT_FOUND: 'userError',
  INVALID_VAT_CODE: 'userError',
  INVALID_RATE: 'userError',
  VAT_ACCOUNT_REQUIRED: 'userError',
  VAT_CODE_NOT_FOUND: 'userError',
  DUPLICATE_VAT_CODE: 'userError',
  VAT_CODE_IN_USE: 'userError',
  // bank accounts, statement import and processing
  INVALID_IBAN: 'userError',
  DUPLICATE_IBAN: 'userError',
  JOURNAL_IN_USE: 'userError',
  NOT_A_BALANCE_SHEET_ACCOUNT: 'userError',
  BANK_ACCOUNT_NOT_FOUND: 'userError',
  FILE_TOO_LARGE: 'userError',
  NOT_CAMT053: 'userError',
  MALFORMED_STATEMENT: 'userError',
  IBAN_MISMATCH: 'userError',
  BANK_TRANSACTION_NOT_FOUND: 'userError',
  ALREADY_PROCESSED: 'userError',
  RULE_NEEDS_CONDITION: 'userError',
  BANK_RULE_NOT_FOUND: 'userError',
  // open items (openstaande posten) settled by bank transactions
  ACCOUNT_OR_OPEN_ITEM: 'userError',
  OPEN_ITEM_NOT_FOUND: 'userError',
  OPEN_ITEM_SETTLED: 'userError',
  OPEN_ITEM_MISMATCH: 'userError',
  ENTRY_MISMATCH: 'userError',
} as const satisfies Record<string, ErrorReport>;

export type LedgerErrorCode = keyof typeof LEDGER_ERRORS;

/** A ledger domain failure; the transaction it is thrown in rolls back. */
export function ledgerError(code: LedgerErrorCode, message: string, field?: string[]) {
  return new DomainError<LedgerErrorCode>(code, message, field);
}

/** Several input problems at once (e.g. one per bad line); all become userErrors. */
export class LedgerErrors extends Error {
  constructor(readonly errors: DomainError<LedgerErrorCode>[]) {
    super(errors.map((e) => `${e.code}: ${e.message}`).join('; '));
    this.name = 'LedgerErrors';
  }
}

/** Collects input problems so the caller sees every one of them in one answer. */
export class ErrorList {
  readonly errors: DomainError<LedgerErrorCode>[] = [];

  add(code: LedgerErrorCode, message: string, field?: string[]): void {
    this.errors.push(ledgerError(code, message, field));
  }

  get empty(): boolean {
    return this.errors.length === 0;
  }

  throwIfAny(): void {
    if (this.errors.length === 1) throw this.errors[0]!;
    if (this.errors.length > 1) throw new LedgerErrors([...this.errors]);
  }
}

/**
 * Runs a mutation body: a DomainError (or several, as LedgerErrors) becomes `userErrors`
 * as LEDGER_ERRORS says; anything else propagates and is masked and logged.
 */
export async function withLedgerUserErrors<P extends { userErrors: UserError[] }>(
  body: () => Promise<Omit<P, 'userErrors'>>,
): Promise<P> {
  try {
    return await withUserErrors<LedgerErrorCode, P>(LEDGER_ERRORS, body);
  } catch (error) {
    if (error instanceof LedgerErrors) {
      return {
        userErrors: error.errors.map((e) => userError(e.code, e.message, e.field)),
      } as unknown as P;
    }
    throw error;
  }
}
