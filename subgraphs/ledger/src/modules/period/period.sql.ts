import type { EntityManager } from 'typeorm';
import { PeriodLockAuditEntity, type LockedPeriodEntity } from './period.entity.js';
import type { LockMeta } from './period.service.js';

/** Writes a lock or an unlock into the period-lock audit log. */
export async function insertLockAudit(
  m: EntityManager,
  administrationId: string,
  action: 'LOCK' | 'UNLOCK',
  period: LockedPeriodEntity,
  meta: LockMeta,
): Promise<void> {
  await m
    .createQueryBuilder()
    .insert()
    .into(PeriodLockAuditEntity)
    .values({
      administrationId,
      action,
      startDate: period.startDate,
      endDate: period.endDate,
      source: meta.source,
      reason: meta.reason,
      actorUserId: meta.actorId,
      eventId: meta.eventId,
    })
    .updateEntity(false)
    .execute();
}

/** How many drafts are dated from `from` to `to`. */
export async function countDraftsBetween(
  m: EntityManager,
  administrationId: string,
  from: string,
  to: string,
): Promise<number> {
  const [drafts] = (await m.query(
    `SELECT count(*)::int AS n FROM ledger.draft_entries
      WHERE administration_id = $1 AND entry_date BETWEEN $2 AND $3`,
    [administrationId, from, to],
  )) as { n: number }[];
  return drafts!.n;
}

/** Per account (code, type) the balance (debit - credit, exact text) from `from` to `to`. */
export async function balancesBetween(
  m: EntityManager,
  administrationId: string,
  from: string,
  to: string,
): Promise<{ code: string; type: string; balance: string }[]> {
  return m.query(
    `SELECT a.code, a.type, (sum(l.debit) - sum(l.credit))::text AS balance
       FROM ledger.journal_entry_lines l
       JOIN ledger.accounts a ON a.administration_id = l.administration_id AND a.id = l.account_id
      WHERE l.administration_id = $1 AND l.entry_date BETWEEN $2 AND $3
      GROUP BY a.code, a.type
      ORDER BY a.code`,
    [administrationId, from, to],
  );
}

/** The fiscal year's row, unless it exists (a year without entries has none yet). */
export async function insertFiscalYear(
  m: EntityManager,
  administrationId: string,
  year: number,
  dates: { startDate: string; endDate: string },
): Promise<void> {
  await m.query(
    `INSERT INTO ledger.fiscal_years (administration_id, year, start_date, end_date)
     VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
    [administrationId, year, dates.startDate, dates.endDate],
  );
}

export async function markYearClosed(
  m: EntityManager,
  administrationId: string,
  year: number,
  actorId: string | null,
  closingEntryId: string | null,
): Promise<void> {
  await m.query(
    `UPDATE ledger.fiscal_years SET closed_at = now(), closed_by = $3, closing_entry_id = $4
      WHERE administration_id = $1 AND year = $2`,
    [administrationId, year, actorId, closingEntryId],
  );
}

export async function markYearReopened(
  m: EntityManager,
  administrationId: string,
  year: number,
): Promise<void> {
  await m.query(
    `UPDATE ledger.fiscal_years SET closed_at = NULL, closed_by = NULL, closing_entry_id = NULL
      WHERE administration_id = $1 AND year = $2`,
    [administrationId, year],
  );
}
