import { MoneyDecimal, type Decimal } from '@kantoor/platform';
import type { EntityManager } from 'typeorm';

/**
 * Bank statements and their checks (issue 13, item 10), computed when read:
 * - openingDifference: the statement's opening balance (OPBD) minus the closing balance of
 *   the bank account's previous statement (by closing date): a gap or an overlap between
 *   statements (null for the first statement, or without an opening balance);
 * - entriesDifference: closing - opening - the statement's entries: the file is inconsistent;
 * - ledgerDifference: the closing balance (CLBD) minus what the ledger knows at that date:
 *   the balance of the bank's ledger account up to the closing date plus the transactions not
 *   yet booked (unprocessed) up to that date. Non-zero means the ledger's bank account does
 *   not agree with the bank: e.g. a missing opening balance, a transaction booked by hand
 *   twice, or one booked on a different date or amount.
 * A statement is `balanced` when every difference it has is zero.
 */
export interface BankStatementRow {
  id: string;
  administrationId: string;
  journalId: string;
  statementId: string | null;
  openingDate: string | null;
  openingBalance: Decimal | null;
  closingDate: string;
  closingBalance: Decimal;
  previousClosingBalance: Decimal | null;
  openingDifference: Decimal | null;
  entriesDifference: Decimal | null;
  ledgerBalance: Decimal;
  unprocessedAmount: Decimal;
  ledgerDifference: Decimal;
  balanced: boolean;
}

interface RawRow {
  id: string;
  administration_id: string;
  journal_id: string;
  statement_id: string | null;
  opening_date: string | null;
  opening_balance: string | null;
  closing_date: string;
  closing_balance: string;
  entries_total: string;
  previous_closing: string | null;
  ledger_balance: string;
  unprocessed: string;
}

const SELECT = `
  SELECT s.id, s.administration_id, s.journal_id, s.statement_id,
         to_char(s.opening_date, 'YYYY-MM-DD') AS opening_date, s.opening_balance::text AS opening_balance,
         to_char(s.closing_date, 'YYYY-MM-DD') AS closing_date, s.closing_balance::text AS closing_balance,
         s.entries_total::text AS entries_total,
         (SELECT p.closing_balance::text FROM ledger.bank_statements p
           WHERE p.administration_id = s.administration_id AND p.journal_id = s.journal_id
             AND p.closing_date < s.closing_date AND p.id <> s.id
           ORDER BY p.closing_date DESC, p.imported_at DESC LIMIT 1) AS previous_closing,
         coalesce((SELECT sum(l.debit - l.credit) FROM ledger.journal_entry_lines l
           WHERE l.administration_id = s.administration_id AND l.account_id = j.account_id
             AND l.entry_date <= s.closing_date), 0)::text AS ledger_balance,
         coalesce((SELECT sum(t.amount) FROM ledger.bank_transactions t
           WHERE t.administration_id = s.administration_id AND t.journal_id = s.journal_id
             AND t.entry_id IS NULL AND t.booking_date <= s.closing_date), 0)::text AS unprocessed
    FROM ledger.bank_statements s
    JOIN ledger.journals j ON j.administration_id = s.administration_id AND j.id = s.journal_id`;

function toRow(r: RawRow): BankStatementRow {
  const money = (v: string) => new MoneyDecimal(v) as Decimal;
  const opening = r.opening_balance === null ? null : money(r.opening_balance);
  const closing = money(r.closing_balance);
  const previous = r.previous_closing === null ? null : money(r.previous_closing);
  const ledgerBalance = money(r.ledger_balance);
  const unprocessed = money(r.unprocessed);
  const openingDifference = opening && previous ? opening.minus(previous) : null;
  const entriesDifference = opening ? closing.minus(opening).minus(money(r.entries_total)) : null;
  const ledgerDifference = closing.minus(ledgerBalance).minus(unprocessed);
  return {
    id: r.id,
    administrationId: r.administration_id,
    journalId: r.journal_id,
    statementId: r.statement_id,
    openingDate: r.opening_date,
    openingBalance: opening,
    closingDate: r.closing_date,
    closingBalance: closing,
    previousClosingBalance: previous,
    openingDifference,
    entriesDifference,
    ledgerBalance,
    unprocessedAmount: unprocessed,
    ledgerDifference,
    balanced:
      (openingDifference?.isZero() ?? true) &&
      (entriesDifference?.isZero() ?? true) &&
      ledgerDifference.isZero(),
  };
}

/** The statements of administrations' bank accounts, newest first per account. */
export async function listBankStatements(
  m: EntityManager,
  administrationIds: readonly string[],
): Promise<BankStatementRow[]> {
  const rows = (await m.query(
    `${SELECT} WHERE s.administration_id = ANY($1::uuid[])
      ORDER BY s.journal_id, s.closing_date DESC, s.imported_at DESC`,
    [administrationIds],
  )) as RawRow[];
  return rows.map(toRow);
}

/**
 * SQL (a scalar subquery for the status query, `b` the books row): the number of bank
 * accounts whose latest statement is not balanced, by the rules of toRow.
 */
export const UNBALANCED_BANK_ACCOUNTS_SQL = `(SELECT count(*)::int FROM (${SELECT}
     WHERE s.administration_id = b.administration_id
       AND s.id = (SELECT x.id FROM ledger.bank_statements x
                    WHERE x.administration_id = s.administration_id AND x.journal_id = s.journal_id
                    ORDER BY x.closing_date DESC, x.imported_at DESC LIMIT 1)) latest
   WHERE (latest.opening_balance IS NOT NULL AND latest.previous_closing IS NOT NULL
          AND latest.opening_balance::numeric <> latest.previous_closing::numeric)
      OR (latest.opening_balance IS NOT NULL
          AND latest.closing_balance::numeric - latest.opening_balance::numeric <> latest.entries_total::numeric)
      OR latest.closing_balance::numeric - latest.ledger_balance::numeric - latest.unprocessed::numeric <> 0)`;
