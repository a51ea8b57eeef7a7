import {
  DomainError,
  ErrorList as PlatformErrorList,
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

/** What each userError code means, published as the UserErrorCode enum's descriptions. */
export const LEDGER_ERROR_DESCRIPTIONS = {
  BOOKS_NOT_OPEN: 'The administration has no ledger (Financieel) set up yet.',
  ADMINISTRATION_ARCHIVED: 'The administration is archived and read-only.',
  INVALID_DATE: 'Not a valid date (YYYY-MM-DD).',
  DATE_OUT_OF_RANGE: 'The date is before the earliest or too far after today.',
  EMPTY_DESCRIPTION: 'The description is empty.',
  TEXT_TOO_LONG: 'A text is longer than allowed.',
  NO_LINES: 'A journal entry (boeking) needs lines.',
  TOO_MANY_LINES: 'The entry has more lines than allowed.',
  UNKNOWN_ACCOUNT: 'No ledger account (grootboekrekening) with this code.',
  ACCOUNT_BLOCKED: 'The ledger account is blocked for new bookings.',
  INVALID_AMOUNT: 'Not a decimal amount.',
  TOO_MANY_DECIMALS: 'An amount with more than 2 decimals.',
  AMOUNT_NOT_POSITIVE: 'An amount of zero or less.',
  DEBIT_OR_CREDIT: 'A line needs exactly one of debit and credit.',
  UNKNOWN_VAT_CODE: 'No VAT code (btw-code) with this code.',
  VAT_CODE_BLOCKED: 'The VAT code is blocked for new bookings.',
  VAT_CODE_DIRECTION: 'A sales VAT code on a purchase line or the other way round.',
  UNKNOWN_JOURNAL: 'No journal (dagboek) with this code.',
  UNBALANCED_ENTRY: 'Debit and credit differ (after the VAT lines): the entry does not balance.',
  PERIOD_LOCKED: 'The date lies in a locked period.',
  INVALID_IDEMPOTENCY_KEY: 'The idempotency key is empty or too long.',
  IDEMPOTENCY_KEY_REUSED: 'The idempotency key was used before with another input.',
  ENTRY_NOT_FOUND: 'No such journal entry in this administration.',
  ALREADY_REVERSED: 'The entry was reversed already.',
  CANNOT_REVERSE_REVERSAL: 'A reversal entry cannot be reversed; book a new entry instead.',
  DRAFT_NOT_FOUND: 'No such draft entry in this administration.',
  ACCOUNT_NOT_FOUND: 'No such ledger account in this administration.',
  INVALID_ACCOUNT_CODE: 'The account code (rekeningnummer) is malformed.',
  DUPLICATE_ACCOUNT_CODE: 'Another account has this code.',
  EMPTY_NAME: 'The name is empty.',
  INVALID_RGS_CODE: 'The RGS code (Referentie GrootboekSchema) is malformed.',
  UNKNOWN_RGS_CODE: 'No such RGS code.',
  ACCOUNT_HAS_BOOKINGS: 'The account has bookings and cannot be deleted or retyped.',
  ACCOUNT_IN_USE: 'The account is used by a VAT code, journal, bank account or rule.',
  INVALID_PERIOD: 'The period is malformed or from after to.',
  PERIOD_NOT_FOUND: 'No such locked period.',
  REASON_REQUIRED: 'Give a reason.',
  PERIOD_LOCKED_BY_VAT_FILING:
    'The period was locked by a VAT filing (btw-aangifte) and cannot be unlocked by hand.',
  PERIOD_LOCKED_BY_YEAR_CLOSING:
    'The period was locked by closing the fiscal year (jaarafsluiting).',
  FISCAL_YEAR_NOT_ENDED: 'The fiscal year (boekjaar) has not ended yet.',
  FISCAL_YEAR_CLOSED: 'The fiscal year is closed.',
  FISCAL_YEAR_NOT_CLOSED: 'The fiscal year is not closed.',
  EARLIER_YEAR_OPEN: 'An earlier fiscal year is still open.',
  LATER_YEAR_CLOSED: 'A later fiscal year is closed already.',
  DRAFTS_IN_YEAR: 'The fiscal year still has draft entries.',
  NOT_AN_EQUITY_ACCOUNT: 'The result must be closed to an equity (eigen vermogen) account.',
  TEMPLATE_NOT_FOUND: 'No such chart template (rekeningschema-sjabloon) in the office.',
  DUPLICATE_TEMPLATE_NAME: 'The office has a template with this name.',
  AMBIGUOUS_SOURCE: 'Give one source for the template, not several.',
  ADMINISTRATION_NOT_FOUND: 'No such administration.',
  INVALID_VAT_CODE: 'The VAT code is malformed.',
  INVALID_RATE: 'The VAT rate (percentage) is not valid.',
  VAT_ACCOUNT_REQUIRED: 'The VAT code needs its VAT account.',
  VAT_CODE_NOT_FOUND: 'No such VAT code.',
  DUPLICATE_VAT_CODE: 'Another VAT code has this code.',
  VAT_CODE_IN_USE: 'The VAT code is used in bookings.',
  INVALID_IBAN: 'Not a valid IBAN.',
  DUPLICATE_IBAN: 'Another bank account has this IBAN.',
  JOURNAL_IN_USE: 'The journal (dagboek) is used.',
  NOT_A_BALANCE_SHEET_ACCOUNT: 'A balance sheet account (balansrekening) is needed.',
  BANK_ACCOUNT_NOT_FOUND: 'No such bank account.',
  FILE_TOO_LARGE: 'The statement file is too large.',
  NOT_CAMT053: 'The file is not a CAMT.053 bank statement.',
  MALFORMED_STATEMENT: 'The bank statement cannot be read.',
  IBAN_MISMATCH: "The statement is for another IBAN than the bank account's.",
  BANK_TRANSACTION_NOT_FOUND: 'No such bank transaction.',
  ALREADY_PROCESSED: 'The bank transaction was processed already.',
  RULE_NEEDS_CONDITION: 'A bank rule needs at least one condition.',
  BANK_RULE_NOT_FOUND: 'No such bank rule.',
  ACCOUNT_OR_OPEN_ITEM: 'Give an account or an open item, not both.',
  OPEN_ITEM_NOT_FOUND: 'No such open item (openstaande post).',
  OPEN_ITEM_SETTLED: 'The open item is settled already.',
  OPEN_ITEM_MISMATCH: 'The open items do not match the amount.',
  ENTRY_MISMATCH: 'The entry does not match the transaction.',
} as const satisfies Record<LedgerErrorCode, string>;

/** A ledger domain failure; the transaction it is thrown in rolls back. */
export function ledgerError(code: LedgerErrorCode, message: string, field?: string[]) {
  return new DomainError<LedgerErrorCode>(code, message, field);
}

/** Collects the ledger's input problems (platform's ErrorList, typed by the ledger's codes). */
export const ErrorList = PlatformErrorList<LedgerErrorCode>;
export type ErrorList = PlatformErrorList<LedgerErrorCode>;

/**
 * Runs a mutation body: a DomainError (or several, as DomainErrors) becomes `userErrors`
 * as LEDGER_ERRORS says; anything else propagates and is masked and logged.
 */
export async function withLedgerUserErrors<P extends { userErrors: UserError[] }>(
  body: () => Promise<Omit<P, 'userErrors'>>,
): Promise<P> {
  return withUserErrors<LedgerErrorCode, P>(LEDGER_ERRORS, body);
}
