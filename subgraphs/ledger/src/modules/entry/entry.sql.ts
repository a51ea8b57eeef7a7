import { MoneyDecimal, type Decimal } from '@kantoor/platform';
import type { EntityManager } from 'typeorm';
import type { BookedLine } from './entry.calc.js';

/**
 * The posting hot path in plain SQL: two statements instead of eight query-builder calls
 * (see docs/benchmarks.md). Every statement names the administration ($1) in every table it
 * reads or writes: the same scoping the ScopedRepository enforces elsewhere, written out.
 */

export interface PostingAccount {
  id: string;
  code: string;
  blocked: boolean;
}

export interface PostingVatCode {
  code: string;
  rate: Decimal;
  direction: 'SALES' | 'PURCHASES';
  reverseCharge: boolean;
  vatAccountId: string | null;
  inputVatAccountId: string | null;
  blocked: boolean;
}

export interface PostingContext {
  accounts: Map<string, PostingAccount>;
  vatCodes: Map<string, PostingVatCode>;
  journalId: string | null;
  /** The locked period `date` falls in, if any. */
  locked: { from: string; to: string } | null;
}

interface ContextRow {
  accounts: PostingAccount[];
  vat_codes: (Omit<PostingVatCode, 'rate'> & { rate: string })[];
  journal_id: string | null;
  locked: { from: string; to: string } | null;
}

/**
 * Everything a posting checks, in one statement run after lockBooks (so it sees any period
 * lock committed before): the accounts named by the lines (read FOR KEY SHARE: a concurrent
 * change of an account's code is ordered with this posting), their VAT codes (rates as text,
 * never through a float), the journal, and the locked period containing `date`.
 */
export async function postingContext(
  m: EntityManager,
  administrationId: string,
  accountCodes: readonly string[],
  vatCodes: readonly string[],
  journalCode: string,
  date: string | null,
): Promise<PostingContext> {
  const [row] = (await m.query(
    `WITH account AS (
       SELECT a.id, a.code, a.blocked FROM ledger.accounts a
        WHERE a.administration_id = $1 AND a.code = ANY($2::text[])
          FOR KEY SHARE
     )
     SELECT
       (SELECT coalesce(json_agg(account), '[]') FROM account) AS accounts,
       (SELECT coalesce(json_agg(json_build_object(
                 'code', v.code, 'rate', v.rate::text, 'direction', v.direction,
                 'reverseCharge', v.reverse_charge, 'vatAccountId', v.vat_account_id,
                 'inputVatAccountId', v.input_vat_account_id, 'blocked', v.blocked)), '[]')
          FROM ledger.vat_codes v
         WHERE v.administration_id = $1 AND v.code = ANY($3::text[])) AS vat_codes,
       (SELECT j.id FROM ledger.journals j
         WHERE j.administration_id = $1 AND j.code = $4) AS journal_id,
       (SELECT json_build_object('from', p.start_date, 'to', p.end_date) FROM ledger.locked_periods p
         WHERE p.administration_id = $1 AND p.start_date <= $5::date AND p.end_date >= $5::date
         ORDER BY p.start_date LIMIT 1) AS locked`,
    [administrationId, accountCodes, vatCodes, journalCode, date],
  )) as ContextRow[];
  return {
    accounts: new Map(row!.accounts.map((a) => [a.code, a])),
    vatCodes: new Map(
      row!.vat_codes.map((v) => [v.code, { ...v, rate: new MoneyDecimal(v.rate) }]),
    ),
    journalId: row!.journal_id,
    locked: row!.locked,
  };
}

/**
 * The next entry number of the administration's fiscal year: the counter row is created or
 * incremented by one upsert and stays locked until commit, so concurrent postings into one
 * year get consecutive numbers, and a rollback gives the number back (no sequence, no gap).
 */
export async function nextSequence(
  m: EntityManager,
  administrationId: string,
  fiscalYear: { year: number; startDate: string; endDate: string },
): Promise<number> {
  const [counter] = (await m.query(
    `INSERT INTO ledger.fiscal_years (administration_id, year, start_date, end_date, last_number)
     VALUES ($1, $2, $3, $4, 1)
     ON CONFLICT (administration_id, year)
     DO UPDATE SET last_number = ledger.fiscal_years.last_number + 1
     RETURNING last_number`,
    [administrationId, fiscalYear.year, fiscalYear.startDate, fiscalYear.endDate],
  )) as { last_number: number }[];
  return counter!.last_number;
}

export interface EntryRow {
  id: string;
  journalId: string;
  fiscalYear: number;
  sequence: number;
  number: string;
  entryDate: string;
  description: string;
  idempotencyKey: string | null;
  idempotencyOperation?: string | null;
  idempotencyHash?: string | null;
  reversesEntryId: string | null;
  postedAt: Date;
  postedBy: string | null;
}

/**
 * Inserts an entry and all its lines in ONE statement: the lines' balance trigger checks the
 * entry as a whole, and the composite foreign key copies date and sequence consistently.
 * Amounts travel as exact decimal strings.
 */
export async function insertEntry(
  m: EntityManager,
  administrationId: string,
  entry: EntryRow,
  lines: readonly BookedLine[],
): Promise<void> {
  await m.query(
    `WITH entry AS (
       INSERT INTO ledger.journal_entries
         (id, administration_id, journal_id, fiscal_year, sequence, number, entry_date, description,
          idempotency_key, reverses_entry_id, posted_at, posted_by, idempotency_operation,
          idempotency_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $21, $22)
       RETURNING administration_id, id, entry_date, sequence
     )
     INSERT INTO ledger.journal_entry_lines
       (administration_id, entry_id, line_no, kind, account_id, debit, credit, vat_code, description,
        entry_date, entry_sequence, reference, correction)
     SELECT entry.administration_id, entry.id, l.line_no, l.kind, l.account_id, l.debit, l.credit,
            l.vat_code, l.description, entry.entry_date, entry.sequence, l.reference, l.correction
       FROM entry,
            unnest($13::int[], $14::text[], $15::uuid[], $16::numeric[], $17::numeric[], $18::text[], $19::text[], $20::text[], $23::boolean[])
              AS l(line_no, kind, account_id, debit, credit, vat_code, description, reference, correction)`,
    [
      entry.id,
      administrationId,
      entry.journalId,
      entry.fiscalYear,
      entry.sequence,
      entry.number,
      entry.entryDate,
      entry.description,
      entry.idempotencyKey,
      entry.reversesEntryId,
      entry.postedAt,
      entry.postedBy,
      lines.map((_, i) => i + 1),
      lines.map((l) => l.kind),
      lines.map((l) => l.accountId),
      lines.map((l) => l.debit.toFixed(2)),
      lines.map((l) => l.credit.toFixed(2)),
      lines.map((l) => l.vatCode),
      lines.map((l) => l.description),
      lines.map((l) => l.reference ?? null),
      entry.idempotencyOperation ?? null,
      entry.idempotencyHash ?? null,
      lines.map((l) => l.correction === true),
    ],
  );
}

/** The fiscal year whose closing entry `entryId` is, if it is one. */
export async function yearClosedBy(
  m: EntityManager,
  administrationId: string,
  entryId: string,
): Promise<number | null> {
  const [closes] = (await m.query(
    `SELECT year FROM ledger.fiscal_years WHERE administration_id = $1 AND closing_entry_id = $2`,
    [administrationId, entryId],
  )) as { year: number }[];
  return closes ? closes.year : null;
}

/** A VAT code as the entry-posted event reports it (the rate as exact text). */
export interface VatCodeRow {
  code: string;
  rate: string;
  direction: 'SALES' | 'PURCHASES';
  reverse_charge: boolean;
  turnover_box: string | null;
  vat_box: string | null;
}

export async function vatCodeRows(
  m: EntityManager,
  administrationId: string,
  codes: readonly string[],
): Promise<VatCodeRow[]> {
  return m.query(
    `SELECT code, rate::text AS rate, direction, reverse_charge, turnover_box, vat_box
       FROM ledger.vat_codes WHERE administration_id = $1 AND code = ANY($2::text[])`,
    [administrationId, codes],
  );
}
