import { randomUUID } from 'node:crypto';
import { isUniqueViolation, isUuid, scoped, type EventBus } from '@kantoor/platform';
import type { DataSource, EntityManager } from 'typeorm';
import { lockBooks } from '../account/books.service.js';
import { ErrorList, ledgerError } from '../common/ledger.errors.js';
import {
  checkBookingDate,
  checkText,
  MAX_DESCRIPTION_LENGTH,
} from '../common/ledger.validation.js';
import { ledgerConfig, type DateWindow } from '../../config.js';
import { mirror } from './entry.calc.js';
import { JournalEntryEntity, JournalEntryLineEntity } from './entry.entity.js';
import {
  idempotencyClaim,
  normalizedReverseInput,
  requireSameRequest,
} from './entry-idempotency.calc.js';
import { bookEntry, checkNotLocked, keyedWrite } from './entry-booking.service.js';
import { yearClosedBy } from './entry.sql.js';
import { checkIdempotencyKey } from './entry.validation.js';

export interface ReverseEntryValues {
  date?: string | null;
  description?: string | null;
  idempotencyKey?: string | null;
}

export interface Reversal {
  reversal: JournalEntryEntity;
  original: JournalEntryEntity;
}

/**
 * Reversals: a correction of a posted entry is its mirror, never an edit (entries are
 * append-only). Each reversal runs its checks and its writes in one transaction.
 */
export class ReversalService {
  constructor(
    private readonly db: DataSource,
    private readonly dateWindow: DateWindow = ledgerConfig().dateWindow,
    /** Publishes "ledger.entry-posted" in every posting transaction (see entry.events.ts). */
    private readonly events: Pick<EventBus, 'publish'> | null = null,
  ) {}

  /**
   * Books the mirror of a posted entry (debit and credit swapped, VAT lines included as
   * booked) on `date` (default: the original's date) and links both: the reversal names the
   * original, and an entry is reversed at most once. A reversal itself is not reversed.
   */
  async reverse(
    administrationId: string,
    entryId: string,
    values: ReverseEntryValues,
    actorId: string | null,
  ): Promise<Reversal> {
    const errors = new ErrorList();
    const key = checkIdempotencyKey(values.idempotencyKey, ['input', 'idempotencyKey'], errors);
    const date =
      values.date === null || values.date === undefined
        ? null
        : checkBookingDate(values.date, ['input', 'date'], errors, this.dateWindow);
    const description =
      values.description === null || values.description === undefined
        ? null
        : checkText(values.description, ['input', 'description'], errors, {
            empty: 'EMPTY_DESCRIPTION',
          });
    const claim = key
      ? idempotencyClaim(key, 'REVERSE', normalizedReverseInput(entryId, values))
      : null;
    const replay = async (existing: JournalEntryEntity): Promise<Reversal> => {
      requireSameRequest(existing, claim!);
      const originalId = existing.reversesEntryId;
      const original =
        originalId && isUuid(originalId)
          ? await scoped(this.db.manager, JournalEntryEntity, administrationId).findOneBy({
              id: originalId,
            })
          : null;
      if (!original) throw new Error(`reversal ${existing.id} without its original`);
      return { reversal: existing, original };
    };
    try {
      return await keyedWrite(this.db, administrationId, claim, replay, () =>
        this.db.transaction(async (m) => {
          await lockBooks(m, administrationId, 'share');
          const entries = scoped(m, JournalEntryEntity, administrationId);
          const original = isUuid(entryId) ? await entries.findOneBy({ id: entryId }) : null;
          if (!original) {
            throw ledgerError('ENTRY_NOT_FOUND', 'No such journal entry.', ['input', 'entryId']);
          }
          const closes = await yearClosedBy(m, administrationId, original.id);
          if (closes !== null) {
            throw ledgerError(
              'FISCAL_YEAR_CLOSED',
              `${original.number} closes ${closes}; reopen the year (reopenFiscalYear) instead.`,
              ['input', 'entryId'],
            );
          }
          if (original.reversesEntryId) {
            throw ledgerError(
              'CANNOT_REVERSE_REVERSAL',
              `${original.number} is itself a reversal; post a new entry instead.`,
              ['input', 'entryId'],
            );
          }
          const earlier = await entries.findOneBy({ reversesEntryId: original.id });
          if (earlier) {
            throw ledgerError(
              'ALREADY_REVERSED',
              `${original.number} was already reversed by ${earlier.number}.`,
              ['input', 'entryId'],
            );
          }
          const bookingDate = date ?? original.entryDate;
          await checkNotLocked(m, administrationId, bookingDate, ['input', 'date'], errors);
          errors.throwIfAny();
          const lines = await scoped(m, JournalEntryLineEntity, administrationId).find({
            where: { entryId: original.id },
            order: { lineNo: 'ASC' },
          });
          const reversal = await bookEntry(
            m,
            administrationId,
            {
              id: randomUUID(),
              date: bookingDate,
              description:
                description ??
                `Tegenboeking ${original.number}: ${original.description}`.slice(
                  0,
                  MAX_DESCRIPTION_LENGTH,
                ),
              journalId: original.journalId,
              idempotencyKey: key,
              idempotency: claim,
              reversesEntryId: original.id,
              actorId,
            },
            mirror(lines),
            this.events,
          );
          return { reversal, original };
        }),
      );
    } catch (error) {
      if (isUniqueViolation(error, 'journal_entries_reversal')) {
        throw ledgerError('ALREADY_REVERSED', 'This entry was reversed a moment ago.', [
          'input',
          'entryId',
        ]);
      }
      throw error;
    }
  }

  /**
   * Reverses a closing entry inside the caller's transaction `m` (reopenFiscalYear): the
   * mirror on the same date, linked to it, without the lock check (the year's periods may be
   * locked by VAT filings; a closing entry carries no VAT).
   */
  async reverseIn(
    m: EntityManager,
    administrationId: string,
    entryId: string,
    actorId: string | null,
    values: { description: string },
  ): Promise<JournalEntryEntity> {
    const original = await scoped(m, JournalEntryEntity, administrationId).findOneBy({
      id: entryId,
    });
    if (!original) throw ledgerError('ENTRY_NOT_FOUND', 'No such journal entry.');
    const lines = await scoped(m, JournalEntryLineEntity, administrationId).find({
      where: { entryId: original.id },
      order: { lineNo: 'ASC' },
    });
    return bookEntry(
      m,
      administrationId,
      {
        id: randomUUID(),
        date: original.entryDate,
        description: values.description.slice(0, MAX_DESCRIPTION_LENGTH),
        journalId: original.journalId,
        idempotencyKey: null,
        reversesEntryId: original.id,
        actorId,
      },
      mirror(lines),
      this.events,
    );
  }
}
