import { randomUUID } from 'node:crypto';
import type { EventBus } from '@kantoor/platform';
import type { DataSource, EntityManager } from 'typeorm';
import { lockBooks } from '../account/books.service.js';
import { ErrorList } from '../common/ledger.errors.js';
import { checkBookingDate, checkText } from '../common/ledger.validation.js';
import { ledgerConfig, type DateWindow } from '../../config.js';
import { expandVat, parseLines, type LineInput } from './entry.calc.js';
import type { JournalEntryEntity } from './entry.entity.js';
import {
  idempotencyClaim,
  normalizedPostInput,
  type IdempotencyClaim,
} from './entry-idempotency.calc.js';
import { bookEntry, keyedWrite, resolveLines, sameEntry } from './entry-booking.service.js';
import { checkIdempotencyKey, requireBalance } from './entry.validation.js';

export interface PostEntryValues {
  date: string;
  description: string;
  lines: readonly LineInput[];
  journalCode?: string | null;
  idempotencyKey?: string | null;
}

/**
 * Posting: a journal entry checked, numbered and booked (append-only). Reversals, drafts and
 * reads are their own services (reversal.service.ts, draft.service.ts, entry-read.service.ts).
 * Each write runs its checks and its writes in one transaction: nothing is ever half-booked.
 */
export class EntryService {
  constructor(
    private readonly db: DataSource,
    private readonly dateWindow: DateWindow = ledgerConfig().dateWindow,
    /** Publishes "ledger.entry-posted" in every posting transaction (see entry.events.ts). */
    private readonly events: Pick<EventBus, 'publish'> | null = null,
  ) {}

  /**
   * Posts a journal entry. Lines carry net amounts; VAT lines are added per line (see
   * expandVat); the whole entry must balance. The number is the next of the administration's
   * fiscal year, handed out by the counter row in this transaction. A repeated
   * idempotencyKey with the same (normalized) input returns the entry first posted with it;
   * with another input, or a key another operation used: IDEMPOTENCY_KEY_REUSED.
   */
  async post(
    administrationId: string,
    values: PostEntryValues,
    actorId: string | null,
  ): Promise<JournalEntryEntity> {
    const errors = new ErrorList();
    const key = checkIdempotencyKey(values.idempotencyKey, ['input', 'idempotencyKey'], errors);
    const claim = key ? idempotencyClaim(key, 'POST', normalizedPostInput(values)) : null;
    return keyedWrite(this.db, administrationId, claim, sameEntry(claim), () =>
      this.db.transaction((m) =>
        this.postIn(m, administrationId, values, actorId, { idempotency: claim, errors }),
      ),
    );
  }

  /**
   * The posting path of postJournalEntry inside the caller's transaction `m`, with every check
   * (shape, accounts, VAT codes, journal, locked period, balance after the VAT lines) and the
   * numbering: for other ledger modules that book something and record it in the same
   * transaction (bank processing). Problems are thrown as postJournalEntry reports them
   * (fields ["input", "lines", "<n>", ...]); the caller's transaction then rolls back.
   */
  async postIn(
    m: EntityManager,
    administrationId: string,
    values: PostEntryValues,
    actorId: string | null,
    options: {
      /** A key without operation and input (callers inside the ledger that own their keys). */
      idempotencyKey?: string | null;
      /** A key bound to the operation and its input (see entry-idempotency.calc.ts). */
      idempotency?: IdempotencyClaim | null;
      errors?: ErrorList;
      /** Default true; false when the caller settles the entry's open-item lines itself. */
      offsetOpenItems?: boolean;
      /**
       * A year's closing entry (closeFiscalYear): its lines are CLOSING lines, and it is booked
       * on the last day of a year whose periods may be locked already (e.g. by the Q4 VAT
       * filing): it carries no VAT, so it changes no filed return.
       */
      closing?: boolean;
    } = {},
  ): Promise<JournalEntryEntity> {
    const errors = options.errors ?? new ErrorList();
    const date = checkBookingDate(values.date, ['input', 'date'], errors, this.dateWindow);
    const description = checkText(values.description, ['input', 'description'], errors, {
      empty: 'EMPTY_DESCRIPTION',
    });
    const parsed = parseLines(values.lines, ['input', 'lines'], errors);
    await lockBooks(m, administrationId, 'share');
    const { resolved, journalId } = await resolveLines(
      m,
      administrationId,
      parsed,
      values.journalCode,
      date,
      errors,
      { refuseBlocked: !options.closing, checkLock: !options.closing },
    );
    errors.throwIfAny();
    const expanded = expandVat(resolved);
    const booked = options.closing
      ? expanded.map((l) => ({ ...l, kind: 'CLOSING' as const }))
      : expanded;
    requireBalance(booked, ['input', 'lines']);
    return bookEntry(
      m,
      administrationId,
      {
        id: randomUUID(),
        date: date!,
        description: description!,
        journalId: journalId!,
        idempotencyKey: options.idempotency?.key ?? options.idempotencyKey ?? null,
        idempotency: options.idempotency ?? null,
        reversesEntryId: null,
        actorId,
        offsetOpenItems: !options.closing && (options.offsetOpenItems ?? true),
      },
      booked,
      this.events,
    );
  }
}
