import { createHash } from 'node:crypto';
import { MoneyDecimal, roundCents, type Decimal } from '@kantoor/platform';
import { MAX_DESCRIPTION_LENGTH } from '../common/ledger.validation.js';
import type { BankTransactionEntity } from './bank.entity.js';
import type { CamtEntry } from './camt053.parser.js';

/**
 * The dedupe key of each entry of one import, unique per bank account (the database's
 * bank_transactions_dedupe index):
 * - with the bank's entry reference (AcctSvcrRef): "ref:<date>:<amount>:<reference>" (date and
 *   amount included, so a bank that reuses a reference for another entry loses nothing);
 * - without it: "hash:<sha256 of IBAN, booking date, amount, counterparty IBAN and name,
 *   remittance information, end-to-end id>".
 * Each key gets "#<n>", its occurrence within the file: two identical payments on one day
 * (two coffees at one shop) are two transactions, and a re-import or an overlapping statement
 * (which holds whole days) yields the same keys again, so nothing is stored twice.
 */
export function dedupeKeys(iban: string, entries: readonly CamtEntry[]): string[] {
  const seen = new Map<string, number>();
  return entries.map((e) => {
    const amount = e.amount.toFixed(2);
    const base = e.bankReference
      ? `ref:${e.bookingDate}:${amount}:${e.bankReference}`
      : `hash:${createHash('sha256')
          .update(
            JSON.stringify([
              iban,
              e.bookingDate,
              amount,
              e.counterpartyIban,
              e.counterpartyName,
              e.remittance,
              e.endToEndId,
            ]),
          )
          .digest('hex')}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return `${base}#${n}`;
  });
}

export interface GrossVatRule {
  rate: Decimal;
  reverseCharge: boolean;
}

/**
 * Splits a bank amount that includes VAT (gross, > 0) into the net amount the booking line
 * carries and the VAT the ledger books beside it:
 *   net = gross / (1 + rate / 100), rounded half up to cents;  VAT = gross - net.
 * The VAT is the difference, not net x rate rounded, so that net + VAT is exactly the amount
 * that left or reached the bank (10.00 at 21%: net 8.26, VAT 1.74; net x rate would give 1.73
 * and an entry a cent short). Without a VAT code, at 0%, or for reverse charge (the bank paid
 * no VAT: the ledger books the VAT due and the equal input VAT on the net) the whole amount is
 * net and `vat` is null (the posting computes the VAT lines as usual).
 */
export function splitGross(
  gross: Decimal,
  rule: GrossVatRule | null,
): { net: Decimal; vat: Decimal | null } {
  if (!rule || rule.rate.isZero() || rule.reverseCharge) return { net: gross, vat: null };
  const net = roundCents(gross.dividedBy(new MoneyDecimal(1).plus(rule.rate.dividedBy(100))));
  return { net, vat: gross.minus(net) };
}

export interface RuleLike {
  counterpartyIban: string | null;
  descriptionContains: string | null;
}

export interface TransactionLike {
  counterpartyIban: string | null;
  counterpartyName: string | null;
  remittance: string | null;
}

/**
 * The first rule (in the order given: the order they were made) that matches: the
 * counterparty's IBAN equals the rule's (when it names one) and the rule's text occurs,
 * case-insensitively, in the remittance information or the counterparty's name (when it
 * names one). A rule names at least one of the two.
 */
export function firstMatchingRule<R extends RuleLike>(
  rules: readonly R[],
  tx: TransactionLike,
): R | null {
  const haystack = `${tx.remittance ?? ''}\n${tx.counterpartyName ?? ''}`.toLowerCase();
  for (const rule of rules) {
    if (rule.counterpartyIban === null && rule.descriptionContains === null) continue;
    if (rule.counterpartyIban !== null && rule.counterpartyIban !== tx.counterpartyIban) continue;
    if (
      rule.descriptionContains !== null &&
      !haystack.includes(rule.descriptionContains.toLowerCase())
    ) {
      continue;
    }
    return rule;
  }
  return null;
}

/** "Jansen BV: factuur 2026-014", or the date and amount when the bank said nothing. */
export function defaultDescription(
  tx: Pick<BankTransactionEntity, 'counterpartyName' | 'remittance' | 'bookingDate' | 'amount'>,
): string {
  const parts = [tx.counterpartyName, tx.remittance].filter((p): p is string => !!p);
  const text =
    parts.length > 0 ? parts.join(': ') : `Bank ${tx.bookingDate} ${tx.amount.toFixed(2)}`;
  return text.slice(0, MAX_DESCRIPTION_LENGTH);
}
