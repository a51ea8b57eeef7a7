import { isUniqueViolation, isUuid, scoped, type EventBus } from '@kantoor/platform';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { VatCodeEntity } from '../account/account.entity.js';
import { DEFAULT_JOURNAL_CODE } from '../account/default-chart.data.js';
import { offsetOpenItems } from '../bank/open-items.sql.js';
import type { ErrorList } from '../common/ledger.errors.js';
import { LockedPeriodEntity } from '../period/period.entity.js';
import {
  fiscalYearOf,
  formatEntryNumber,
  type BookedLine,
  type ParsedLine,
  type ResolvedLine,
} from './entry.calc.js';
import { JournalEntryEntity } from './entry.entity.js';
import { publishEntryPosted } from './entry.events.js';
import { requireSameRequest, type IdempotencyClaim } from './entry-idempotency.calc.js';
import { insertEntry, nextSequence, postingContext } from './entry.sql.js';
import { checkVatDirection, vatRuleFor } from './entry.validation.js';

/**
 * What posting, reversals and drafts share: numbering and inserting an entry, resolving the
 * lines' accounts and VAT codes, the locked-period check and keyed (idempotent) writes. The
 * functions take the caller's transaction, so each write stays one transaction.
 */

export interface EntryHeader {
  id: string;
  date: string;
  description: string;
  journalId: string;
  idempotencyKey: string | null;
  idempotency?: IdempotencyClaim | null;
  reversesEntryId: string | null;
  actorId: string | null;
  /**
   * Offset the entry's open-item lines against open items with the same reference (issue 13
   * item 3); false where the caller records its own settlement (bank processing).
   */
  offsetOpenItems?: boolean;
}

/**
 * Numbers and inserts an entry and its lines. The counter row of the fiscal year is
 * created or incremented by one upsert and stays locked until commit, so concurrent
 * postings into one year get consecutive numbers, and a rollback returns the number.
 * Publishes "ledger.entry-posted" in the same transaction when `events` is given.
 */
export async function bookEntry(
  m: EntityManager,
  administrationId: string,
  header: EntryHeader,
  lines: readonly BookedLine[],
  events: Pick<EventBus, 'publish'> | null,
): Promise<JournalEntryEntity> {
  const fy = fiscalYearOf(header.date);
  const sequence = await nextSequence(m, administrationId, fy);
  const entry: JournalEntryEntity = Object.assign(new JournalEntryEntity(), {
    id: header.id,
    administrationId,
    journalId: header.journalId,
    fiscalYear: fy.year,
    sequence,
    number: formatEntryNumber(fy.year, sequence),
    entryDate: header.date,
    description: header.description,
    idempotencyKey: header.idempotencyKey,
    idempotencyOperation: header.idempotency?.operation ?? null,
    idempotencyHash: header.idempotency?.hash ?? null,
    reversesEntryId: header.reversesEntryId,
    postedAt: new Date(),
    postedBy: header.actorId,
  });
  await insertEntry(m, administrationId, entry, lines);
  if (events) await publishEntryPosted(events, m, administrationId, entry, lines);
  if (header.offsetOpenItems && header.reversesEntryId === null) {
    await offsetOpenItems(m, administrationId, entry.id);
  }
  return entry;
}

/** The entry first booked with an idempotency key, if any. */
export async function entryByIdempotencyKey(
  db: DataSource,
  administrationId: string,
  key: string,
): Promise<JournalEntryEntity | null> {
  if (!isUuid(administrationId)) return null;
  return scoped(db.manager, JournalEntryEntity, administrationId).findOneBy({
    idempotencyKey: key,
  });
}

/**
 * Runs a keyed write. An entry already booked with the key, or booked by a concurrent request
 * with the same key that won, is answered through `replay` (which refuses another operation or
 * input: IDEMPOTENCY_KEY_REUSED). Without a claim, just runs `body`.
 */
export async function keyedWrite<T>(
  db: DataSource,
  administrationId: string,
  claim: IdempotencyClaim | null,
  replay: (existing: JournalEntryEntity) => Promise<T>,
  body: () => Promise<T>,
): Promise<T> {
  if (claim) {
    const existing = await entryByIdempotencyKey(db, administrationId, claim.key);
    if (existing) return replay(existing);
  }
  try {
    return await body();
  } catch (error) {
    if (claim && isUniqueViolation(error, 'journal_entries_idempotency_key')) {
      const existing = await entryByIdempotencyKey(db, administrationId, claim.key);
      if (existing) return replay(existing);
    }
    throw error;
  }
}

/** A replay that answers with the entry itself once it was booked for the same request. */
export function sameEntry(claim: IdempotencyClaim | null) {
  return async (existing: JournalEntryEntity): Promise<JournalEntryEntity> => {
    requireSameRequest(existing, claim!);
    return existing;
  };
}

/**
 * Looks up what parsed lines name (accounts, VAT codes, the journal; and whether `date` is
 * locked) in one statement, after lockBooks: see postingContext. Reports unknown (and,
 * when posting, blocked) accounts and VAT codes per line, an unknown journal and a locked
 * period; returns the lines that resolved.
 */
export async function resolveLines(
  m: EntityManager,
  administrationId: string,
  lines: readonly ParsedLine[],
  journalCode: string | null | undefined,
  date: string | null,
  errors: ErrorList,
  options: { refuseBlocked: boolean; checkLock: boolean },
): Promise<{ resolved: ResolvedLine[]; journalId: string | null }> {
  const wantedJournal = journalCode?.trim()
    ? journalCode.trim().toUpperCase()
    : DEFAULT_JOURNAL_CODE;
  const context = await postingContext(
    m,
    administrationId,
    [...new Set(lines.map((l) => l.accountCode))],
    [...new Set(lines.map((l) => l.vatCode).filter((c): c is string => c !== null))],
    wantedJournal,
    options.checkLock ? date : null,
  );
  const resolved: ResolvedLine[] = [];
  for (const l of lines) {
    const at = ['input', 'lines', String(l.index)];
    const account = context.accounts.get(l.accountCode);
    if (!account) {
      errors.add('UNKNOWN_ACCOUNT', `There is no account "${l.accountCode}".`, [
        ...at,
        'accountCode',
      ]);
      continue;
    }
    if (options.refuseBlocked && account.blocked) {
      errors.add('ACCOUNT_BLOCKED', `Account ${account.code} is blocked.`, [...at, 'accountCode']);
      continue;
    }
    const vat = vatRuleFor(
      l.vatCode,
      context.vatCodes,
      [...at, 'vatCode'],
      errors,
      options.refuseBlocked,
    );
    if (vat === undefined) continue;
    if (!checkVatDirection(vat, l.side, l.correction, [...at, 'vatCode'], errors)) continue;
    resolved.push({
      accountId: account.id,
      side: l.side,
      amount: l.amount,
      vat,
      vatCode: l.vatCode,
      description: l.description,
      vatAmount: l.vatAmount,
      reference: l.reference,
      correction: l.correction,
    });
  }
  if (!context.journalId) {
    errors.add('UNKNOWN_JOURNAL', `There is no journal "${wantedJournal}".`, [
      'input',
      'journalCode',
    ]);
  }
  if (context.locked) {
    errors.add(
      'PERIOD_LOCKED',
      `${date} falls in the locked period ${context.locked.from} to ${context.locked.to}.`,
      ['input', 'date'],
    );
  }
  return { resolved, journalId: context.journalId };
}

/** The VAT codes named by lines, by code. */
export async function findVatRules(
  m: EntityManager,
  administrationId: string,
  codes: readonly (string | null)[],
): Promise<Map<string, VatCodeEntity>> {
  const wanted = [...new Set(codes.filter((c): c is string => c !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await scoped(m, VatCodeEntity, administrationId).findBy({ code: In(wanted) });
  return new Map(rows.map((r) => [r.code, r]));
}

/** PERIOD_LOCKED when `date` falls in a locked period (call after lockBooks). */
export async function checkNotLocked(
  m: EntityManager,
  administrationId: string,
  date: string,
  field: string[],
  errors: ErrorList,
): Promise<void> {
  const lock = await scoped(m, LockedPeriodEntity, administrationId)
    .createQueryBuilder('p')
    .andWhere('p.startDate <= CAST(:date AS date) AND p.endDate >= CAST(:date AS date)', { date })
    .getOne();
  if (lock) {
    errors.add(
      'PERIOD_LOCKED',
      `${date} falls in the locked period ${lock.startDate} to ${lock.endDate}.`,
      field,
    );
  }
}
