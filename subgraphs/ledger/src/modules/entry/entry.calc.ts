import { MoneyDecimal, roundCents, type Decimal, type DecimalInput } from '@kantoor/platform';
import type { ErrorList } from '../common/ledger.errors.js';
import { checkAmount, optionalText } from '../common/ledger.validation.js';
import type { LineKind } from './entry.entity.js';

/** At most this many lines per entry (before the ledger adds VAT lines). */
export const MAX_LINES = 1000;

export type Side = 'DEBIT' | 'CREDIT';

/** A journal line as the caller wrote it. */
export interface LineInput {
  accountCode: string;
  debit?: DecimalInput | null;
  credit?: DecimalInput | null;
  vatCode?: string | null;
  description?: string | null;
  /**
   * Not part of any GraphQL input: a caller inside the ledger that knows the VAT of this line
   * exactly (a bank amount including VAT, where VAT = gross - net, see splitGross) passes it
   * here; otherwise the VAT is net x rate, rounded (vatOf).
   */
  vatAmount?: Decimal | null;
  /** A reference (e.g. invoice number); on a receivable or payable account it makes the line an open item. */
  reference?: string | null;
  /** The user marks the line as a correction: its VAT code may be on the other side (see vatSide). */
  correction?: boolean | null;
}

/** A line whose amount and side are valid; accounts and VAT codes not yet looked up. */
export interface ParsedLine {
  index: number;
  accountCode: string;
  side: Side;
  amount: Decimal;
  vatCode: string | null;
  description: string | null;
  vatAmount: Decimal | null;
  reference: string | null;
  correction: boolean;
}

/** The VAT rule of a VAT code, with its accounts. */
export interface VatRule {
  code: string;
  rate: Decimal;
  direction: 'SALES' | 'PURCHASES';
  reverseCharge: boolean;
  vatAccountId: string | null;
  inputVatAccountId: string | null;
}

/** A parsed line with its account (and VAT rule) found. */
export interface ResolvedLine {
  accountId: string;
  side: Side;
  amount: Decimal;
  vat: VatRule | null;
  vatCode: string | null;
  description: string | null;
  /** The line's VAT when fixed by the caller (see LineInput.vatAmount). */
  vatAmount?: Decimal | null;
  reference?: string | null;
  correction?: boolean;
}

/** A line as it is booked. */
export interface BookedLine {
  kind: LineKind;
  accountId: string;
  debit: Decimal;
  credit: Decimal;
  vatCode: string | null;
  description: string | null;
  /** Only on ENTERED lines; null on VAT lines and reversals. */
  reference?: string | null;
  /** Only on ENTERED lines the user marked as a correction. */
  correction?: boolean;
}

const ZERO = new MoneyDecimal(0);

/**
 * Checks each line's shape: exactly one of debit and credit, an exact amount > 0 with at
 * most 2 decimals. Problems are reported with the line's path, e.g.
 * ["input", "lines", "1", "debit"]; only good lines are returned.
 */
export function parseLines(
  lines: readonly LineInput[] | null | undefined,
  path: string[],
  errors: ErrorList,
): ParsedLine[] {
  const list = lines ?? [];
  if (list.length === 0) {
    errors.add('NO_LINES', 'An entry needs lines.', path);
    return [];
  }
  if (list.length > MAX_LINES) {
    errors.add('TOO_MANY_LINES', `An entry has at most ${MAX_LINES} lines.`, path);
    return [];
  }
  const parsed: ParsedLine[] = [];
  list.forEach((line, index) => {
    const at = [...path, String(index)];
    const hasDebit = line.debit !== null && line.debit !== undefined;
    const hasCredit = line.credit !== null && line.credit !== undefined;
    const description = optionalText(line.description, [...at, 'description'], errors);
    const reference = optionalText(line.reference, [...at, 'reference'], errors);
    if (hasDebit === hasCredit) {
      errors.add(
        'DEBIT_OR_CREDIT',
        'A line has exactly one of debit and credit.',
        hasDebit ? [...at, 'credit'] : at,
      );
      return;
    }
    const side: Side = hasDebit ? 'DEBIT' : 'CREDIT';
    const amount = checkAmount(
      hasDebit ? line.debit : line.credit,
      [...at, hasDebit ? 'debit' : 'credit'],
      errors,
    );
    if (!amount) return;
    const vatCode = line.vatCode?.trim() ? line.vatCode.trim().toUpperCase() : null;
    parsed.push({
      index,
      accountCode: (line.accountCode ?? '').trim(),
      side,
      amount,
      vatCode,
      description,
      vatAmount: line.vatAmount ?? null,
      reference,
      correction: line.correction === true,
    });
  });
  return parsed;
}

/**
 * VAT of a net amount at `rate` percent, rounded to cents half up (ROUND_HALF_UP,
 * "commercial" rounding as on Dutch invoices), per line: 100.00 at 21% is 21.00,
 * 0.05 at 9% is 0.0045 -> 0.00, 0.50 at 9% is 0.045 -> 0.05.
 */
export function vatOf(net: Decimal, rate: Decimal): Decimal {
  return roundCents(net.times(rate).dividedBy(100));
}

function line(
  kind: LineKind,
  accountId: string,
  side: Side,
  amount: Decimal,
  vatCode: string | null,
  description: string | null,
): BookedLine {
  return {
    kind,
    accountId,
    debit: side === 'DEBIT' ? amount : ZERO,
    credit: side === 'CREDIT' ? amount : ZERO,
    vatCode,
    description,
  };
}

const opposite = (side: Side): Side => (side === 'DEBIT' ? 'CREDIT' : 'DEBIT');

/**
 * The lines as booked: each entered line (carrying the NET amount), directly followed by
 * the VAT line(s) its VAT code adds, rounded per line (see vatOf):
 * - sales codes: the VAT due on the code's VAT account, on the same side as the net line
 *   (a sale credits turnover and VAT; a credit note debits both);
 * - purchase codes: the input VAT (voorbelasting) on the code's account, same side;
 * - reverse charge (IVERL, INEU, IEU): the VAT due on the code's VAT account on the
 *   opposite side and the equal input VAT on its input account on the same side; they
 *   cancel in the ledger and both appear in the return.
 * A VAT amount of 0.00 (0% codes, or a rate on a few cents) adds no line. A line whose VAT
 * the caller fixed (vatAmount: bank amounts including VAT) gets that amount instead.
 */
export function expandVat(lines: readonly ResolvedLine[]): BookedLine[] {
  const booked: BookedLine[] = [];
  for (const l of lines) {
    const entered: BookedLine = {
      ...line('ENTERED', l.accountId, l.side, l.amount, l.vatCode, l.description),
      ...(l.reference ? { reference: l.reference } : {}),
      ...(l.correction ? { correction: true } : {}),
    };
    booked.push(entered);
    if (!l.vat) continue;
    const vat = l.vatAmount ?? vatOf(l.amount, l.vat.rate);
    if (vat.isZero() || !l.vat.vatAccountId) continue;
    if (l.vat.reverseCharge && l.vat.inputVatAccountId) {
      booked.push(line('VAT_DUE', l.vat.vatAccountId, opposite(l.side), vat, l.vat.code, null));
      booked.push(line('VAT_INPUT', l.vat.inputVatAccountId, l.side, vat, l.vat.code, null));
    } else {
      const kind: LineKind = l.vat.direction === 'SALES' ? 'VAT_DUE' : 'VAT_INPUT';
      booked.push(line(kind, l.vat.vatAccountId, l.side, vat, l.vat.code, null));
    }
  }
  return booked;
}

export function totals(lines: readonly { debit: Decimal; credit: Decimal }[]): {
  debit: Decimal;
  credit: Decimal;
} {
  let debit: Decimal = ZERO;
  let credit: Decimal = ZERO;
  for (const l of lines) {
    debit = debit.plus(l.debit);
    credit = credit.plus(l.credit);
  }
  return { debit, credit };
}

/** The mirror of a posted entry's lines (debit and credit swapped), for a reversal. */
export function mirror(lines: readonly BookedLine[]): BookedLine[] {
  return lines.map((l) => ({
    ...l,
    debit: l.credit,
    credit: l.debit,
    reference: undefined,
    correction: undefined,
  }));
}

/**
 * The side a line with a VAT code of `direction` is booked on (issue 13, item 1):
 * - SALES codes (V21, V9, V0, VPRIV, VEX, VEU, VDIST, VVRIJ): CREDIT, the turnover (or a sold
 *   asset) is credited; a debit is a credit note or a sales return;
 * - PURCHASES codes (I21, I9, and the reverse-charge IVERL, INEU, IEU, INEU9, IEU9): DEBIT, the
 *   cost or asset is debited; a credit is a purchase credit note or return.
 * A line on the other side is refused (VAT_CODE_DIRECTION) unless the user marks it as a
 * correction; a reversal (tegenboeking) mirrors the original and is not checked again.
 */
export function vatSide(direction: 'SALES' | 'PURCHASES'): Side {
  return direction === 'SALES' ? 'CREDIT' : 'DEBIT';
}

/** "2026-000042": the year, a dash and the sequence, at least six digits. */
export function formatEntryNumber(year: number, sequence: number): string {
  return `${year}-${String(sequence).padStart(6, '0')}`;
}

/** The calendar fiscal year (boekjaar) of a date. */
export function fiscalYearOf(date: string): { year: number; startDate: string; endDate: string } {
  const year = Number(date.slice(0, 4));
  return { year, startDate: `${year}-01-01`, endDate: `${year}-12-31` };
}
