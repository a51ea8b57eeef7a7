import { MoneyDecimal, type Decimal } from '@kantoor/platform';
import type { EntityManager } from 'typeorm';
import type { JournalEntryEntity } from '../entry/entry.entity.js';
import { BankRuleEntity, type BankTransactionEntity } from './bank.entity.js';
import type { CamtEntry, CamtStatement } from './camt053.parser.js';

/**
 * Bank accounts' imports, transactions and rules in plain SQL. Every statement names the
 * administration ($1, or the list of administrations the loader batches) in every table it
 * reads or writes: the same scoping the ScopedRepository enforces elsewhere, written out.
 */

export interface UnprocessedCount {
  administrationId: string;
  journalId: string;
  count: number;
}

/** A line booked by hand on a bank account, not linked to a bank transaction. */
export interface HandBookedBankLine {
  administrationId: string;
  entryId: string;
  /** The bank journal whose ledger account the line is on. */
  journalId: string;
  date: string;
  /** debit - credit: money in > 0, like a transaction's amount. */
  amount: Decimal;
}

/** Records an import (entries_new is set once the transactions are stored). */
export async function insertImport(
  m: EntityManager,
  administrationId: string,
  values: {
    importId: string;
    journalId: string;
    fileSha256: string;
    statementIds: readonly string[];
    entriesInFile: number;
    actorId: string | null;
  },
): Promise<void> {
  await m.query(
    `INSERT INTO ledger.bank_imports
       (id, administration_id, journal_id, file_sha256, statement_ids, entries_in_file, entries_new, imported_by)
     VALUES ($1, $2, $3, $4, $5, $6, 0, $7)`,
    [
      values.importId,
      administrationId,
      values.journalId,
      values.fileSha256,
      values.statementIds,
      values.entriesInFile,
      values.actorId,
    ],
  );
}

/**
 * Stores an import's transactions; one known already (the dedupe key's unique index) is
 * skipped by ON CONFLICT DO NOTHING, also when a concurrent import stored it. Returns how
 * many were stored, and records that number on the import.
 */
export async function insertTransactions(
  m: EntityManager,
  administrationId: string,
  journalId: string,
  importId: string,
  keys: readonly string[],
  entries: readonly CamtEntry[],
): Promise<number> {
  const inserted: unknown[] =
    entries.length === 0
      ? []
      : await m.query(
          `INSERT INTO ledger.bank_transactions
             (administration_id, journal_id, import_id, dedupe_key, booking_date, value_date, amount,
              counterparty_name, counterparty_iban, remittance, end_to_end_id, bank_reference)
           SELECT $1, $2, $3, t.dedupe_key, t.booking_date, t.value_date, t.amount,
                  t.counterparty_name, t.counterparty_iban, t.remittance, t.end_to_end_id, t.bank_reference
             FROM unnest($4::text[], $5::date[], $6::date[], $7::numeric[], $8::text[], $9::text[],
                         $10::text[], $11::text[], $12::text[])
               AS t(dedupe_key, booking_date, value_date, amount, counterparty_name, counterparty_iban,
                    remittance, end_to_end_id, bank_reference)
           ON CONFLICT ON CONSTRAINT bank_transactions_dedupe DO NOTHING
           RETURNING id`,
          [
            administrationId,
            journalId,
            importId,
            keys,
            entries.map((e) => e.bookingDate),
            entries.map((e) => e.valueDate),
            entries.map((e) => e.amount.toFixed(2)),
            entries.map((e) => e.counterpartyName),
            entries.map((e) => e.counterpartyIban),
            entries.map((e) => e.remittance),
            entries.map((e) => e.endToEndId),
            entries.map((e) => e.bankReference),
          ],
        );
  await m.query(
    `UPDATE ledger.bank_imports SET entries_new = $3 WHERE administration_id = $1 AND id = $2`,
    [administrationId, importId, inserted.length],
  );
  return inserted.length;
}

/** The balances the bank declares (OPBD/CLBD) of statements that have a closing balance. */
export async function insertDeclaredStatements(
  m: EntityManager,
  administrationId: string,
  journalId: string,
  importId: string,
  declared: readonly CamtStatement[],
): Promise<void> {
  if (declared.length === 0) return;
  await m.query(
    `INSERT INTO ledger.bank_statements
       (administration_id, journal_id, import_id, statement_id, opening_date, opening_balance,
        closing_date, closing_balance, entries_total)
     SELECT $1, $2, $3, t.statement_id, t.opening_date, t.opening_balance, t.closing_date,
            t.closing_balance, t.entries_total
       FROM unnest($4::text[], $5::date[], $6::numeric[], $7::date[], $8::numeric[], $9::numeric[])
         AS t(statement_id, opening_date, opening_balance, closing_date, closing_balance, entries_total)
     ON CONFLICT DO NOTHING`,
    [
      administrationId,
      journalId,
      importId,
      declared.map((st) => st.id),
      declared.map((st) => st.openingBalance?.date ?? null),
      declared.map((st) => st.openingBalance?.amount.toFixed(2) ?? null),
      declared.map((st) => st.closingBalance!.date),
      declared.map((st) => st.closingBalance!.amount.toFixed(2)),
      declared.map((st) => st.entriesTotal.toFixed(2)),
    ],
  );
}

/** Links the transaction to its entry (once: the unique entry_id and the row lock). */
export async function markProcessed(
  m: EntityManager,
  administrationId: string,
  tx: BankTransactionEntity,
  entry: JournalEntryEntity,
  actorId: string | null,
): Promise<{ transaction: BankTransactionEntity; entry: JournalEntryEntity }> {
  const processedAt = new Date();
  await m.query(
    `UPDATE ledger.bank_transactions SET entry_id = $3, processed_at = $4, processed_by = $5
      WHERE administration_id = $1 AND id = $2 AND entry_id IS NULL`,
    [administrationId, tx.id, entry.id, processedAt, actorId],
  );
  Object.assign(tx, { entryId: entry.id, processedAt, processedBy: actorId });
  return { transaction: tx, entry };
}

/** The number of an entry ("2026-00042"), null when there is none. */
export async function entryNumber(
  m: EntityManager,
  administrationId: string,
  entryId: string,
): Promise<string | null> {
  const [done] = (await m.query(
    `SELECT number FROM ledger.journal_entries WHERE administration_id = $1 AND id = $2`,
    [administrationId, entryId],
  )) as { number: string }[];
  return done?.number ?? null;
}

/**
 * What linking a bank transaction to an entry booked by hand checks: the entry has a line of
 * `amount` (debit - credit) on `accountId`; it is reversed or a reversal; a bank transaction
 * is linked to it already.
 */
export async function entryLinkCheck(
  m: EntityManager,
  administrationId: string,
  entry: JournalEntryEntity,
  accountId: string | null,
  amount: Decimal,
): Promise<{ amount_ok: boolean; reversed: boolean; linked: boolean }> {
  const [check] = (await m.query(
    `SELECT EXISTS (SELECT 1 FROM ledger.journal_entry_lines l
                     WHERE l.administration_id = $1 AND l.entry_id = $2 AND l.account_id = $3
                       AND l.debit - l.credit = $4::numeric) AS amount_ok,
            ($5::uuid IS NOT NULL OR EXISTS (SELECT 1 FROM ledger.journal_entries r
                     WHERE r.administration_id = $1 AND r.reverses_entry_id = $2)) AS reversed,
            EXISTS (SELECT 1 FROM ledger.bank_transactions t
                     WHERE t.administration_id = $1 AND t.entry_id = $2) AS linked`,
    [administrationId, entry.id, accountId, amount.toFixed(2), entry.reversesEntryId],
  )) as { amount_ok: boolean; reversed: boolean; linked: boolean }[];
  return check!;
}

/** Adds a booking rule at the end of the administration's rules; returns its id. */
export async function insertRule(
  m: EntityManager,
  administrationId: string,
  values: {
    counterpartyIban: string | null;
    descriptionContains: string | null;
    accountId: string;
    vatCode: string | null;
    actorId: string | null;
  },
): Promise<string> {
  const [row] = (await m.query(
    `INSERT INTO ledger.bank_rules
       (administration_id, counterparty_iban, description_contains, account_id, vat_code, created_by)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [
      administrationId,
      values.counterpartyIban,
      values.descriptionContains,
      values.accountId,
      values.vatCode,
      values.actorId,
    ],
  )) as { id: string }[];
  return row!.id;
}

/** Rules of many administrations (valid ids) in one query, in the order they are tried. */
export async function listRules(
  m: EntityManager,
  administrationIds: readonly string[],
): Promise<BankRuleEntity[]> {
  return m
    .getRepository(BankRuleEntity)
    .createQueryBuilder('r')
    .where('r.administration_id = ANY(CAST(:ids AS uuid[]))', { ids: administrationIds })
    .orderBy('r.position', 'ASC')
    .getMany();
}

/** Unprocessed transactions per bank account of many administrations (valid ids). */
export async function listUnprocessedCounts(
  m: EntityManager,
  administrationIds: readonly string[],
): Promise<UnprocessedCount[]> {
  const rows: { administration_id: string; journal_id: string; n: number }[] = await m.query(
    `SELECT administration_id::text, journal_id::text, count(*)::int AS n
       FROM ledger.bank_transactions
      WHERE administration_id = ANY($1::uuid[]) AND entry_id IS NULL
      GROUP BY administration_id, journal_id`,
    [administrationIds],
  );
  return rows.map((r) => ({
    administrationId: r.administration_id,
    journalId: r.journal_id,
    count: r.n,
  }));
}

/**
 * Entries booked by hand on a bank account (a line on the ledger account of a BANK journal
 * with an IBAN) that no bank transaction is linked to, not reversed and no reversal, of many
 * administrations (valid ids).
 */
export async function listHandBookedBankLines(
  m: EntityManager,
  administrationIds: readonly string[],
): Promise<HandBookedBankLine[]> {
  const rows = (await m.query(
    `SELECT l.administration_id::text AS administration_id, l.entry_id::text AS entry_id,
            j.id::text AS journal_id, to_char(l.entry_date, 'YYYY-MM-DD') AS entry_date,
            (l.debit - l.credit)::text AS amount
       FROM ledger.journals j
       JOIN ledger.journal_entry_lines l
         ON l.administration_id = j.administration_id AND l.account_id = j.account_id
       JOIN ledger.journal_entries e ON e.administration_id = l.administration_id AND e.id = l.entry_id
      WHERE j.administration_id = ANY($1::uuid[]) AND j.type = 'BANK' AND j.iban IS NOT NULL
        AND e.reverses_entry_id IS NULL
        AND NOT EXISTS (SELECT 1 FROM ledger.journal_entries r
                         WHERE r.administration_id = e.administration_id AND r.reverses_entry_id = e.id)
        AND NOT EXISTS (SELECT 1 FROM ledger.bank_transactions t
                         WHERE t.administration_id = e.administration_id AND t.entry_id = e.id)
      ORDER BY l.entry_date, l.entry_id`,
    [administrationIds],
  )) as {
    administration_id: string;
    entry_id: string;
    journal_id: string;
    entry_date: string;
    amount: string;
  }[];
  return rows.map((r) => ({
    administrationId: r.administration_id,
    entryId: r.entry_id,
    journalId: r.journal_id,
    date: r.entry_date,
    amount: new MoneyDecimal(r.amount),
  }));
}
