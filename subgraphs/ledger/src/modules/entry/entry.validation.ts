import { ledgerError, type ErrorList } from '../common/ledger.errors.js';
import { totals, vatSide, type BookedLine, type Side, type VatRule } from './entry.calc.js';

const MAX_IDEMPOTENCY_KEY = 200;

/** The idempotency key of a write: null without one, and null after reporting a bad one. */
export function checkIdempotencyKey(
  value: string | null | undefined,
  field: string[],
  errors: ErrorList,
): string | null {
  if (value === null || value === undefined) return null;
  if (value.length === 0 || value.length > MAX_IDEMPOTENCY_KEY) {
    errors.add(
      'INVALID_IDEMPOTENCY_KEY',
      `An idempotency key has 1 to ${MAX_IDEMPOTENCY_KEY} characters.`,
      field,
    );
    return null;
  }
  return value;
}

/** Refuses (UNBALANCED_ENTRY) lines whose debits and credits differ, to the cent. */
export function requireBalance(lines: readonly BookedLine[], field: string[]): void {
  const { debit, credit } = totals(lines);
  if (!debit.equals(credit)) {
    throw ledgerError(
      'UNBALANCED_ENTRY',
      `Debit ${debit.toFixed(2)} and credit ${credit.toFixed(2)} differ by ${debit.minus(credit).abs().toFixed(2)} (VAT lines included).`,
      field,
    );
  }
}

/** The VAT rule of a line's code: null without a code, undefined after reporting a problem. */
export function vatRuleFor(
  code: string | null,
  rules: Map<string, VatRule & { blocked: boolean }>,
  field: string[],
  errors: ErrorList,
  refuseBlocked = true,
): VatRule | null | undefined {
  if (code === null) return null;
  const rule = rules.get(code);
  if (!rule) {
    errors.add('UNKNOWN_VAT_CODE', `There is no VAT code "${code}".`, field);
    return undefined;
  }
  if (refuseBlocked && rule.blocked) {
    errors.add('VAT_CODE_BLOCKED', `VAT code ${code} is blocked.`, field);
    return undefined;
  }
  return {
    code: rule.code,
    rate: rule.rate,
    direction: rule.direction,
    reverseCharge: rule.reverseCharge,
    vatAccountId: rule.vatAccountId,
    inputVatAccountId: rule.inputVatAccountId,
  };
}

/**
 * VAT_CODE_DIRECTION when a line's VAT code is on the other side than its direction (see
 * vatSide) and the line is not marked as a correction; false after reporting.
 */
export function checkVatDirection(
  vat: VatRule | null,
  side: Side,
  correction: boolean,
  field: string[],
  errors: ErrorList,
): boolean {
  if (!vat || correction || side === vatSide(vat.direction)) return true;
  errors.add(
    'VAT_CODE_DIRECTION',
    vat.direction === 'SALES'
      ? `${vat.code} is a sales code: it goes on a credited line (turnover). A debit with it is a credit note: mark the line as a correction.`
      : `${vat.code} is a purchase code: it goes on a debited line (costs, assets). A credit with it is a purchase credit note: mark the line as a correction.`,
    field,
  );
  return false;
}
