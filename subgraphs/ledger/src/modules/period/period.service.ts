import { isUuid, scoped, scopedMany, type EventBus } from '@kantoor/platform';
import type { DataSource, EntityManager } from 'typeorm';
import { lockBooks } from '../account/books.service.js';
import { ErrorList, ledgerError } from '../common/ledger.errors.js';
import { checkDate, optionalText } from '../common/ledger.validation.js';
import { FiscalYearEntity } from '../entry/entry.entity.js';
import { LockedPeriodEntity, PeriodLockAuditEntity, type LockSource } from './period.entity.js';
import { insertLockAudit } from './period.sql.js';

export interface LockValues {
  from: string;
  to: string;
  reason?: string | null;
}

export interface LockMeta {
  /** VAT_FILING (from the VAT module's event) also locks an archived administration's period. */
  source: LockSource;
  reason: string | null;
  actorId: string | null;
  eventId: string | null;
}

/**
 * Locks [from, to] in an administration's books. Takes the books row FOR UPDATE, which
 * waits for postings in flight (they hold it FOR SHARE) and makes later ones wait for this
 * lock, so no posting lands in the period once the lock has committed. Locking a period
 * that is locked already (same dates) changes nothing and returns it. Audit-logged.
 */
export async function lockPeriodIn(
  m: EntityManager,
  administrationId: string,
  from: string,
  to: string,
  meta: LockMeta,
  field: string[] = ['input', 'administrationId'],
): Promise<LockedPeriodEntity> {
  await lockBooks(m, administrationId, 'update', field, {
    allowArchived: meta.source === 'VAT_FILING',
  });
  const periods = scoped(m, LockedPeriodEntity, administrationId);
  const existing = await periods.findOneBy({ startDate: from, endDate: to });
  if (existing) return existing;
  const period = await periods.save(
    periods.create({
      startDate: from,
      endDate: to,
      source: meta.source,
      reason: meta.reason,
      lockedBy: meta.actorId,
      lockedAt: new Date(),
    }),
  );
  await insertLockAudit(m, administrationId, 'LOCK', period, meta);
  return period;
}

/** Removes a lock (in the caller's transaction, books row held FOR UPDATE); audit-logged. */
export async function unlockIn(
  m: EntityManager,
  administrationId: string,
  period: LockedPeriodEntity,
  meta: { reason: string | null; actorId: string | null },
): Promise<void> {
  await scoped(m, LockedPeriodEntity, administrationId).delete({ id: period.id });
  await insertLockAudit(m, administrationId, 'UNLOCK', period, {
    source: period.source === 'YEAR_CLOSING' ? 'YEAR_CLOSING' : 'USER',
    reason: meta.reason,
    actorId: meta.actorId,
    eventId: null,
  });
}

/**
 * Published when a lock set by hand is added or removed ({administrationId, from, to}):
 * invoicing keeps a copy so that finalizing an invoice into a locked period is refused.
 */
export const PERIOD_LOCKED = 'ledger.period-locked';
export const PERIOD_UNLOCKED = 'ledger.period-unlocked';

/** Fiscal years, locked periods and their audit log. */
export class PeriodService {
  constructor(
    private readonly db: DataSource,
    private readonly events?: EventBus,
  ) {}

  async lock(
    administrationId: string,
    values: LockValues,
    actorId: string | null,
  ): Promise<LockedPeriodEntity> {
    const errors = new ErrorList();
    const from = checkDate(values.from, ['input', 'from'], errors);
    const to = checkDate(values.to, ['input', 'to'], errors);
    if (from && to && from > to) {
      errors.add('INVALID_PERIOD', 'The period ends before it starts.', ['input', 'to']);
    }
    const reason = optionalText(values.reason, ['input', 'reason'], errors);
    errors.throwIfAny();
    return this.db.transaction(async (m) => {
      const period = await lockPeriodIn(m, administrationId, from!, to!, {
        source: 'USER',
        reason,
        actorId,
        eventId: null,
      });
      await this.events?.publish(m, PERIOD_LOCKED, {
        administrationId,
        from: period.startDate,
        to: period.endDate,
      });
      return period;
    });
  }

  /**
   * Removes a lock set by hand; the reason is required and goes into the audit log. A lock
   * set by a VAT filing (source VAT_FILING) cannot be removed here
   * (PERIOD_LOCKED_BY_VAT_FILING): the filed return stays as filed.
   */
  async unlock(
    administrationId: string,
    periodId: string,
    reasonText: string | null | undefined,
    actorId: string | null,
  ): Promise<LockedPeriodEntity> {
    const errors = new ErrorList();
    const reason = optionalText(reasonText, ['input', 'reason'], errors);
    if (errors.empty && !reason) {
      errors.add('REASON_REQUIRED', 'Say why the period is unlocked (it is audit-logged).', [
        'input',
        'reason',
      ]);
    }
    errors.throwIfAny();
    return this.db.transaction(async (m) => {
      await lockBooks(m, administrationId, 'update');
      const periods = scoped(m, LockedPeriodEntity, administrationId);
      const period = isUuid(periodId) ? await periods.findOneBy({ id: periodId }) : null;
      if (!period) {
        throw ledgerError('PERIOD_NOT_FOUND', 'No such locked period.', [
          'input',
          'lockedPeriodId',
        ]);
      }
      if (period.source === 'VAT_FILING') {
        throw ledgerError(
          'PERIOD_LOCKED_BY_VAT_FILING',
          `${period.startDate} to ${period.endDate} was locked when its VAT return was filed; it stays locked. Book a correction in an open period (the VAT module handles corrections of a filed return).`,
          ['input', 'lockedPeriodId'],
        );
      }
      if (period.source === 'YEAR_CLOSING') {
        throw ledgerError(
          'PERIOD_LOCKED_BY_YEAR_CLOSING',
          `${period.startDate} to ${period.endDate} is a closed fiscal year; reopen the year (reopenFiscalYear) to book in it.`,
          ['input', 'lockedPeriodId'],
        );
      }
      await unlockIn(m, administrationId, period, { reason, actorId });
      await this.events?.publish(m, PERIOD_UNLOCKED, {
        administrationId,
        from: period.startDate,
        to: period.endDate,
      });
      return period;
    });
  }

  /** Locked periods of many administrations in one query (for the per-request loader). */
  async lockedPeriodsOfMany(administrationIds: readonly string[]): Promise<LockedPeriodEntity[]> {
    const ids = administrationIds.filter(isUuid);
    if (ids.length === 0) return [];
    return scopedMany(this.db.manager, LockedPeriodEntity, ids, 'p')
      .orderBy('p.startDate', 'ASC')
      .addOrderBy('p.endDate', 'ASC')
      .getMany();
  }

  /** Fiscal years of many administrations in one query (for the per-request loader). */
  async fiscalYearsOfMany(administrationIds: readonly string[]): Promise<FiscalYearEntity[]> {
    const ids = administrationIds.filter(isUuid);
    if (ids.length === 0) return [];
    return scopedMany(this.db.manager, FiscalYearEntity, ids, 'f')
      .orderBy('f.year', 'ASC')
      .getMany();
  }

  async lockedPeriodsOf(administrationId: string): Promise<LockedPeriodEntity[]> {
    if (!isUuid(administrationId)) return [];
    return scoped(this.db.manager, LockedPeriodEntity, administrationId).find({
      order: { startDate: 'ASC', endDate: 'ASC' },
    });
  }

  /** The lock/unlock log, newest first. */
  async auditOf(administrationId: string, limit: number): Promise<PeriodLockAuditEntity[]> {
    if (!isUuid(administrationId)) return [];
    return scoped(this.db.manager, PeriodLockAuditEntity, administrationId).find({
      order: { id: 'DESC' },
      take: limit,
    });
  }

  async fiscalYearsOf(administrationId: string): Promise<FiscalYearEntity[]> {
    if (!isUuid(administrationId)) return [];
    return scoped(this.db.manager, FiscalYearEntity, administrationId).find({
      order: { year: 'ASC' },
    });
  }
}
