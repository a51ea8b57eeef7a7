import type { EntityManager } from 'typeorm';
import { BookEntity } from './account.entity.js';
import type { BooksOrigin } from './books.service.js';

/**
 * The books row and the chart's SQL. Every statement names the administration ($1): the
 * scoping the ScopedRepository enforces elsewhere, written out.
 */

/** Inserts the books row unless there is one; false when the books were open already. */
export async function insertBooksRow(
  m: EntityManager,
  administrationId: string,
  origin: BooksOrigin,
): Promise<boolean> {
  const inserted = await m
    .createQueryBuilder()
    .insert()
    .into(BookEntity)
    .values({ administrationId, ...origin })
    .orIgnore()
    .returning('administration_id')
    .updateEntity(false)
    .execute();
  return (inserted.raw as unknown[]).length > 0;
}

/** The books row FOR SHARE or FOR UPDATE; null when the books are not open. */
export async function lockBooksRow(
  m: EntityManager,
  administrationId: string,
  mode: 'share' | 'update',
): Promise<{ archived: boolean } | null> {
  const rows: { archived: boolean }[] = await m.query(
    `SELECT archived_at IS NOT NULL AS archived FROM ledger.books WHERE administration_id = $1 ${mode === 'share' ? 'FOR SHARE' : 'FOR UPDATE'}`,
    [administrationId],
  );
  return rows[0] ?? null;
}

/** Records an archive event on the books row unless a later one was applied already. */
export async function updateBooksArchived(
  m: EntityManager,
  administrationId: string,
  archived: boolean,
  occurredAt: Date,
): Promise<void> {
  await m.query(
    `UPDATE ledger.books SET archived_at = CASE WHEN $2 THEN $3::timestamptz END, archive_event_at = $3
      WHERE administration_id = $1 AND (archive_event_at IS NULL OR archive_event_at <= $3)`,
    [administrationId, archived, occurredAt],
  );
}

/** Whether a bank booking rule books on the account. */
export async function isAccountOfBankRule(
  m: EntityManager,
  administrationId: string,
  accountId: string,
): Promise<boolean> {
  const rows: unknown[] = await m.query(
    `SELECT 1 FROM ledger.bank_rules WHERE administration_id = $1 AND account_id = $2 LIMIT 1`,
    [administrationId, accountId],
  );
  return rows.length > 0;
}

/** Codes of accounts by id (null ids left out). */
export async function accountCodesById(
  m: EntityManager,
  administrationId: string,
  accountIds: readonly (string | null)[],
): Promise<Map<string, string>> {
  const rows = (await m.query(
    `SELECT id::text, code FROM ledger.accounts WHERE administration_id = $1 AND id = ANY($2::uuid[])`,
    [administrationId, accountIds.filter(Boolean)],
  )) as { id: string; code: string }[];
  return new Map(rows.map((a) => [a.id, a.code]));
}

/** Whether a posted entry or a draft has a line with the VAT code. */
export async function isVatCodeUsed(
  m: EntityManager,
  administrationId: string,
  code: string,
): Promise<boolean> {
  const [used] = (await m.query(
    `SELECT EXISTS (SELECT 1 FROM ledger.journal_entry_lines
                     WHERE administration_id = $1 AND vat_code = $2)
         OR EXISTS (SELECT 1 FROM ledger.draft_entry_lines
                     WHERE administration_id = $1 AND vat_code = $2) AS used`,
    [administrationId, code],
  )) as { used: boolean }[];
  return used!.used;
}
