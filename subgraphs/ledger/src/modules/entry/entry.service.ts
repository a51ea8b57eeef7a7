import { randomUUID } from 'node:crypto';
import {
  decodeCursor,
  isCalendarDate,
  isUniqueViolation,
  isUuid,
  MoneyDecimal,
  pageSize,
  scoped,
  toPage,
  type EventBus,
  type Page,
} from '@kantoor/platform';
import { GraphQLError } from 'graphql';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { AccountEntity, VatCodeEntity } from '../account/account.entity.js';
import { lockBooks } from '../account/books.service.js';
import { DEFAULT_JOURNAL_CODE } from '../account/default-chart.data.js';
import { offsetOpenItems } from '../bank/open-items.sql.js';
import { insertScoped } from '../common/ledger.sql.js';
import { insertEntry, nextSequence, postingContext } from './entry.sql.js';
import { publishEntryPosted } from './entry.events.js';
import {
  idempotencyClaim,
  normalizedPostInput,
  normalizedReverseInput,
  requireSameRequest,
  type IdempotencyClaim,
} from './entry-idempotency.calc.js';
import { ErrorList, ledgerError } from '../common/ledger.errors.js';
import { ledgerConfig, type DateWindow } from '../../config.js';
import {
  checkBookingDate,
  checkText,
  MAX_DESCRIPTION_LENGTH,
} from '../common/ledger.validation.js';
import { LockedPeriodEntity } from '../period/period.entity.js';
import {
  expandVat,
  fiscalYearOf,
  formatEntryNumber,
  mirror,
  parseLines,
  totals,
  type BookedLine,
  type LineInput,
  type ParsedLine,
  type ResolvedLine,
  type Side,
  type VatRule,
  vatSide,
} from './entry.calc.js';
import {
  DraftEntryEntity,
  DraftEntryLineEntity,
  JournalEntryEntity,
  JournalEntryLineEntity,
} from './entry.entity.js';

export interface PostEntryValues {
  date: string;
  description: string;
  lines: readonly LineInput[];
  journalCode?: string | null;
  idempotencyKey?: string | null;
}

export type DraftValues = Omit<PostEntryValues, 'idempotencyKey'>;

export interface ReverseEntryValues {
  date?: string | null;
  description?: string | null;
  idempotencyKey?: string | null;
}

export interface Reversal {
  reversal: JournalEntryEntity;
  original: JournalEntryEntity;
}

const MAX_IDEMPOTENCY_KEY = 200;
const ZERO = new MoneyDecimal(0);

interface EntryHeader {
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

function checkIdempotencyKey(
  value: string | null | undefined,
  field: string[],
  errors: ErrorList,
): string | null {
  if (value === null || value === undefined) return null;
  if (value.length === 0 || value.length > MAX_IDEMPOTENCY_KEY) {
    errors.add(
      'INVALID_IDEMPOTENCY_KEY',
      `An idempotency key has 1 to ${MAX_IDEMPOTENCY_KEY} characters.`,
      field,
    );
    return null;
  }
  return value;
}

/** Refuses (UNBALANCED_ENTRY) lines whose debits and credits differ, to the cent. */
function requireBalance(lines: readonly BookedLine[], field: string[]): void {
  const { debit, credit } = totals(lines);
  if (!debit.equals(credit)) {
    throw ledgerError(
      'UNBALANCED_ENTRY',
      `Debit ${debit.toFixed(2)} and credit ${credit.toFixed(2)} differ by ${debit.minus(credit).abs().toFixed(2)} (VAT lines included).`,
      field,
    );
  }
}

/** A bookkeeping date argument of a query; BAD_USER_INPUT when it is no calendar date. */
export function queryDate(value: string | null | undefined, name: string): string | null {
  if (value === null || value === undefined) return null;
  if (!isCalendarDate(value)) {
    throw new GraphQLError(`${name}: ${value} is not a date.`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return value;
}

/**
 * Bookings: posting (numbered, append-only), reversals, drafts, and reading entries back.
 * Each write runs its checks and its writes in one transaction: nothing is ever half-booked.
 */
export class EntryService {
  constructor(
    private readonly db: DataSource,
    private readonly dateWindow: DateWindow = ledgerConfig().dateWindow,
    /** Publishes "ledger.entry-posted" in every posting transaction (see entry.events.ts). */
    private readonly events: Pick<EventBus, 'publish'> | null = null,
  ) {}

  // ------------------------------------------------------------------ posting

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
    const replay = async (existing: JournalEntryEntity) => {
      requireSameRequest(existing, claim!);
      return existing;
    };
    if (claim) {
      const existing = await this.byIdempotencyKey(administrationId, claim.key);
      if (existing) return replay(existing);
    }
    return this.idempotent(administrationId, claim, replay, () =>
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
    const { resolved, journalId } = await resolveInTransaction(
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
    return this.book(
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
    );
  }

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
      const original = await this.byId(administrationId, existing.reversesEntryId ?? '');
      if (!original) throw new Error(`reversal ${existing.id} without its original`);
      return { reversal: existing, original };
    };
    if (claim) {
      const existing = await this.byIdempotencyKey(administrationId, claim.key);
      if (existing) return replay(existing);
    }
    try {
      return await this.idempotent(administrationId, claim, replay, () =>
        this.db.transaction(async (m) => {
          await lockBooks(m, administrationId, 'share');
          const entries = scoped(m, JournalEntryEntity, administrationId);
          const original = isUuid(entryId) ? await entries.findOneBy({ id: entryId }) : null;
          if (!original) {
            throw ledgerError('ENTRY_NOT_FOUND', 'No such journal entry.', ['input', 'entryId']);
          }
          const [closes] = (await m.query(
            `SELECT year FROM ledger.fiscal_years WHERE administration_id = $1 AND closing_entry_id = $2`,
            [administrationId, original.id],
          )) as { year: number }[];
          if (closes) {
            throw ledgerError(
              'FISCAL_YEAR_CLOSED',
              `${original.number} closes ${closes.year}; reopen the year (reopenFiscalYear) instead.`,
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
          const reversal = await this.book(
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
    return this.book(
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
    );
  }

  /**
   * Runs a keyed write; when a concurrent request with the same key won, answers with its
   * entry through `replay` (which refuses another operation or input: IDEMPOTENCY_KEY_REUSED).
   */
  private async idempotent<T>(
    administrationId: string,
    claim: IdempotencyClaim | null,
    replay: (existing: JournalEntryEntity) => Promise<T>,
    body: () => Promise<T>,
  ): Promise<T> {
    try {
      return await body();
    } catch (error) {
      if (claim && isUniqueViolation(error, 'journal_entries_idempotency_key')) {
        const existing = await this.byIdempotencyKey(administrationId, claim.key);
        if (existing) return replay(existing);
      }
      throw error;
    }
  }

  /**
   * Numbers and inserts an entry and its lines. The counter row of the fiscal year is
   * created or incremented by one upsert and stays locked until commit, so concurrent
   * postings into one year get consecutive numbers, and a rollback returns the number.
   */
  private async book(
    m: EntityManager,
    administrationId: string,
    header: EntryHeader,
    lines: readonly BookedLine[],
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
    if (this.events) await publishEntryPosted(this.events, m, administrationId, entry, lines);
    if (header.offsetOpenItems && header.reversesEntryId === null) {
      await offsetOpenItems(m, administrationId, entry.id);
    }
    return entry;
  }

  // ------------------------------------------------------------------ drafts

  /** Saves a new draft; it may still be unbalanced, but its accounts and VAT codes exist. */
  async createDraft(
    administrationId: string,
    values: DraftValues,
    actorId: string | null,
  ): Promise<DraftEntryEntity> {
    return this.saveDraft(administrationId, null, values, actorId);
  }

  /** Replaces a draft's date, description, journal and lines. */
  async updateDraft(
    administrationId: string,
    draftId: string,
    values: DraftValues,
  ): Promise<DraftEntryEntity> {
    return this.saveDraft(administrationId, draftId, values, null);
  }

  private async saveDraft(
    administrationId: string,
    draftId: string | null,
    values: DraftValues,
    actorId: string | null,
  ): Promise<DraftEntryEntity> {
    const errors = new ErrorList();
    const date = checkBookingDate(values.date, ['input', 'date'], errors, this.dateWindow);
    const description = checkText(values.description, ['input', 'description'], errors, {
      empty: 'EMPTY_DESCRIPTION',
    });
    const parsed = parseLines(values.lines, ['input', 'lines'], errors);
    return this.db.transaction(async (m) => {
      await lockBooks(m, administrationId, 'share');
      const drafts = scoped(m, DraftEntryEntity, administrationId);
      let draft: DraftEntryEntity | null = null;
      if (draftId !== null) {
        draft = await lockDraft(m, administrationId, draftId);
        if (!draft) throw ledgerError('DRAFT_NOT_FOUND', 'No such draft.', ['input', 'draftId']);
      }
      const { resolved, journalId } = await resolveInTransaction(
        m,
        administrationId,
        parsed,
        values.journalCode,
        date,
        errors,
        { refuseBlocked: false, checkLock: false },
      );
      errors.throwIfAny();
      const now = new Date();
      if (draft) {
        Object.assign(draft, {
          entryDate: date!,
          description: description!,
          journalId: journalId!,
          updatedAt: now,
        });
        await drafts.save(draft);
        await scoped(m, DraftEntryLineEntity, administrationId).delete({ draftId: draft.id });
      } else {
        draft = drafts.create({
          id: randomUUID(),
          journalId: journalId!,
          entryDate: date!,
          description: description!,
          createdAt: now,
          updatedAt: now,
          createdBy: actorId,
        });
        const { administrationId: _scope, ...row } = draft;
        await insertScoped<DraftEntryEntity>(m, DraftEntryEntity, administrationId, [row]);
      }
      const id = draft.id;
      await insertScoped<DraftEntryLineEntity>(
        m,
        DraftEntryLineEntity,
        administrationId,
        resolved.map((l, i) => ({
          draftId: id,
          lineNo: i + 1,
          accountId: l.accountId,
          debit: l.side === 'DEBIT' ? l.amount : ZERO,
          credit: l.side === 'CREDIT' ? l.amount : ZERO,
          vatCode: l.vatCode,
          description: l.description,
          reference: l.reference ?? null,
          correction: l.correction === true,
        })),
      );
      return draft;
    });
  }

  /** Deletes a draft (never a posted entry). Returns the id. */
  async deleteDraft(administrationId: string, draftId: string): Promise<string> {
    return this.db.transaction(async (m) => {
      await lockBooks(m, administrationId, 'share');
      const draft = await lockDraft(m, administrationId, draftId);
      if (!draft) throw ledgerError('DRAFT_NOT_FOUND', 'No such draft.', ['input', 'draftId']);
      await scoped(m, DraftEntryEntity, administrationId).delete({ id: draft.id });
      return draft.id;
    });
  }

  /**
   * Posts a draft with every check of postJournalEntry (blocked accounts, VAT codes, locked
   * period, balance); the entry keeps the draft's id and the draft is gone. Problems in the
   * draft's lines point at ["draft", "lines", "<n>", ...].
   */
  async postDraft(
    administrationId: string,
    draftId: string,
    idempotencyKey: string | null | undefined,
    actorId: string | null,
  ): Promise<JournalEntryEntity> {
    const errors = new ErrorList();
    const key = checkIdempotencyKey(idempotencyKey, ['input', 'idempotencyKey'], errors);
    const claim = key
      ? idempotencyClaim(key, 'POST_DRAFT', { draftId: draftId.trim().toLowerCase() })
      : null;
    const replay = async (existing: JournalEntryEntity) => {
      requireSameRequest(existing, claim!);
      return existing;
    };
    if (claim) {
      const existing = await this.byIdempotencyKey(administrationId, claim.key);
      if (existing) return replay(existing);
    }
    return this.idempotent(administrationId, claim, replay, () =>
      this.db.transaction(async (m) => {
        await lockBooks(m, administrationId, 'share');
        const draft = await lockDraft(m, administrationId, draftId);
        if (!draft) throw ledgerError('DRAFT_NOT_FOUND', 'No such draft.', ['input', 'draftId']);
        const lines = await scoped(m, DraftEntryLineEntity, administrationId).find({
          where: { draftId: draft.id },
          order: { lineNo: 'ASC' },
        });
        if (lines.length === 0)
          errors.add('NO_LINES', 'The draft has no lines.', ['draft', 'lines']);
        const accounts =
          lines.length === 0
            ? []
            : await scoped(m, AccountEntity, administrationId)
                .createQueryBuilder('a')
                .andWhere('a.id IN (:...ids)', { ids: [...new Set(lines.map((l) => l.accountId))] })
                .setLock('for_key_share')
                .getMany();
        const accountById = new Map(accounts.map((a) => [a.id, a]));
        const rules = await findVatRules(
          m,
          administrationId,
          lines.map((l) => l.vatCode),
        );
        const resolved: ResolvedLine[] = [];
        lines.forEach((l, i) => {
          const at = ['draft', 'lines', String(i)];
          const account = accountById.get(l.accountId);
          if (!account || account.blocked) {
            errors.add('ACCOUNT_BLOCKED', `Account ${account?.code ?? '?'} is blocked.`, [
              ...at,
              'accountCode',
            ]);
            return;
          }
          const vat = vatRuleFor(l.vatCode, rules, [...at, 'vatCode'], errors);
          if (vat === undefined) return;
          const side = l.debit.isZero() ? 'CREDIT' : 'DEBIT';
          if (!checkVatDirection(vat, side, l.correction, [...at, 'vatCode'], errors)) return;
          resolved.push({
            accountId: l.accountId,
            side,
            amount: l.debit.isZero() ? l.credit : l.debit,
            vat,
            vatCode: l.vatCode,
            description: l.description,
            reference: l.reference,
            correction: l.correction,
          });
        });
        await checkNotLocked(m, administrationId, draft.entryDate, ['draft', 'date'], errors);
        errors.throwIfAny();
        const booked = expandVat(resolved);
        requireBalance(booked, ['draft', 'lines']);
        const entry = await this.book(
          m,
          administrationId,
          {
            id: draft.id,
            date: draft.entryDate,
            description: draft.description,
            journalId: draft.journalId,
            idempotencyKey: key,
            idempotency: claim,
            reversesEntryId: null,
            actorId,
            offsetOpenItems: true,
          },
          booked,
        );
        await scoped(m, DraftEntryEntity, administrationId).delete({ id: draft.id });
        return entry;
      }),
    );
  }

  // ------------------------------------------------------------------ reads

  async byId(administrationId: string, id: string): Promise<JournalEntryEntity | null> {
    if (!isUuid(administrationId) || !isUuid(id)) return null;
    return scoped(this.db.manager, JournalEntryEntity, administrationId).findOneBy({ id });
  }

  async byIdempotencyKey(
    administrationId: string,
    key: string,
  ): Promise<JournalEntryEntity | null> {
    if (!isUuid(administrationId)) return null;
    return scoped(this.db.manager, JournalEntryEntity, administrationId).findOneBy({
      idempotencyKey: key,
    });
  }

  /** Entries of many administrations by id (for the per-request loader). */
  async byIds(administrationId: string, ids: readonly string[]): Promise<JournalEntryEntity[]> {
    const valid = ids.filter(isUuid);
    if (!isUuid(administrationId) || valid.length === 0) return [];
    return scoped(this.db.manager, JournalEntryEntity, administrationId).findBy({ id: In(valid) });
  }

  /** The reversals of entries (for the per-request loader). */
  async reversalsOf(
    administrationId: string,
    ids: readonly string[],
  ): Promise<JournalEntryEntity[]> {
    const valid = ids.filter(isUuid);
    if (!isUuid(administrationId) || valid.length === 0) return [];
    return scoped(this.db.manager, JournalEntryEntity, administrationId).findBy({
      reversesEntryId: In(valid),
    });
  }

  /** Lines of many entries of one administration, in line order. */
  async linesOf(
    administrationId: string,
    entryIds: readonly string[],
  ): Promise<JournalEntryLineEntity[]> {
    const valid = entryIds.filter(isUuid);
    if (!isUuid(administrationId) || valid.length === 0) return [];
    return scoped(this.db.manager, JournalEntryLineEntity, administrationId).find({
      where: { entryId: In(valid) },
      order: { entryId: 'ASC', lineNo: 'ASC' },
    });
  }

  /** Posted entries, newest first (date, then number), keyset-paginated on (date, sequence). */
  async entries(
    administrationId: string,
    args: {
      first?: number | null;
      after?: string | null;
      from?: string | null;
      to?: string | null;
      updatedSince?: Date | null;
    },
  ): Promise<Page<JournalEntryEntity>> {
    const size = pageSize(args.first);
    const from = queryDate(args.from, 'from');
    const to = queryDate(args.to, 'to');
    const base = scoped(this.db.manager, JournalEntryEntity, administrationId).createQueryBuilder(
      'e',
    );
    if (from) base.andWhere('e.entryDate >= CAST(:from AS date)', { from });
    if (to) base.andWhere('e.entryDate <= CAST(:to AS date)', { to });
    if (args.updatedSince) base.andWhere('e.postedAt >= :since', { since: args.updatedSince });
    const totalCount = await base.clone().getCount();
    const page = base
      .clone()
      .orderBy('e.entryDate', 'DESC')
      .addOrderBy('e.sequence', 'DESC')
      .limit(size + 1);
    if (args.after) {
      const [date, sequence] = decodeCursor(args.after, 2);
      if (!isCalendarDate(date) || typeof sequence !== 'number') {
        throw new GraphQLError('Invalid cursor.', { extensions: { code: 'BAD_USER_INPUT' } });
      }
      page.andWhere('(e.entryDate, e.sequence) < (CAST(:afterDate AS date), :afterSequence)', {
        afterDate: date,
        afterSequence: sequence,
      });
    }
    const rows = size === 0 ? [] : await page.getMany();
    return toPage(rows, size, (e) => [e.entryDate, e.sequence], totalCount, Boolean(args.after));
  }

  async draftById(administrationId: string, id: string): Promise<DraftEntryEntity | null> {
    if (!isUuid(administrationId) || !isUuid(id)) return null;
    return scoped(this.db.manager, DraftEntryEntity, administrationId).findOneBy({ id });
  }

  /** Drafts, newest date first, keyset-paginated on (date, id). */
  async drafts(
    administrationId: string,
    args: { first?: number | null; after?: string | null },
  ): Promise<Page<DraftEntryEntity>> {
    const size = pageSize(args.first);
    const base = scoped(this.db.manager, DraftEntryEntity, administrationId).createQueryBuilder(
      'd',
    );
    const totalCount = await base.clone().getCount();
    const page = base
      .clone()
      .orderBy('d.entryDate', 'DESC')
      .addOrderBy('d.id', 'DESC')
      .limit(size + 1);
    if (args.after) {
      const [date, id] = decodeCursor(args.after, 2);
      if (!isCalendarDate(date) || !isUuid(id)) {
        throw new GraphQLError('Invalid cursor.', { extensions: { code: 'BAD_USER_INPUT' } });
      }
      page.andWhere('(d.entryDate, d.id) < (CAST(:afterDate AS date), CAST(:afterId AS uuid))', {
        afterDate: date,
        afterId: id,
      });
    }
    const rows = size === 0 ? [] : await page.getMany();
    return toPage(rows, size, (d) => [d.entryDate, d.id], totalCount, Boolean(args.after));
  }

  async draftLinesOf(
    administrationId: string,
    draftIds: readonly string[],
  ): Promise<DraftEntryLineEntity[]> {
    const valid = draftIds.filter(isUuid);
    if (!isUuid(administrationId) || valid.length === 0) return [];
    return scoped(this.db.manager, DraftEntryLineEntity, administrationId).find({
      where: { draftId: In(valid) },
      order: { draftId: 'ASC', lineNo: 'ASC' },
    });
  }
}

async function lockDraft(
  m: EntityManager,
  administrationId: string,
  draftId: string,
): Promise<DraftEntryEntity | null> {
  if (!isUuid(draftId)) return null;
  return scoped(m, DraftEntryEntity, administrationId)
    .createQueryBuilder('d')
    .andWhere('d.id = :draftId', { draftId })
    .setLock('pessimistic_write')
    .getOne();
}

/**
 * Looks up what parsed lines name (accounts, VAT codes, the journal; and whether `date` is
 * locked) in one statement, after lockBooks: see postingContext. Reports unknown (and,
 * when posting, blocked) accounts and VAT codes per line, an unknown journal and a locked
 * period; returns the lines that resolved.
 */
async function resolveInTransaction(
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

async function findVatRules(
  m: EntityManager,
  administrationId: string,
  codes: readonly (string | null)[],
): Promise<Map<string, VatCodeEntity>> {
  const wanted = [...new Set(codes.filter((c): c is string => c !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await scoped(m, VatCodeEntity, administrationId).findBy({ code: In(wanted) });
  return new Map(rows.map((r) => [r.code, r]));
}

/** The VAT rule of a line's code: null without a code, undefined after reporting a problem. */
function vatRuleFor(
  code: string | null,
  rules: Map<string, VatRule & { blocked: boolean }>,
  field: string[],
  errors: ErrorList,
  refuseBlocked = true,
): VatRule | null | undefined {
  if (code === null) return null;
  const rule = rules.get(code);
  if (!rule) {
    errors.add('UNKNOWN_VAT_CODE', `There is no VAT code "${code}".`, field);
    return undefined;
  }
  if (refuseBlocked && rule.blocked) {
    errors.add('VAT_CODE_BLOCKED', `VAT code ${code} is blocked.`, field);
    return undefined;
  }
  return {
    code: rule.code,
    rate: rule.rate,
    direction: rule.direction,
    reverseCharge: rule.reverseCharge,
    vatAccountId: rule.vatAccountId,
    inputVatAccountId: rule.inputVatAccountId,
  };
}

/**
 * VAT_CODE_DIRECTION when a line's VAT code is on the other side than its direction (see
 * vatSide) and the line is not marked as a correction; false after reporting.
 */
function checkVatDirection(
  vat: VatRule | null,
  side: Side,
  correction: boolean,
  field: string[],
  errors: ErrorList,
): boolean {
  if (!vat || correction || side === vatSide(vat.direction)) return true;
  errors.add(
    'VAT_CODE_DIRECTION',
    vat.direction === 'SALES'
      ? `${vat.code} is a sales code: it goes on a credited line (turnover). A debit with it is a credit note: mark the line as a correction.`
      : `${vat.code} is a purchase code: it goes on a debited line (costs, assets). A credit with it is a purchase credit note: mark the line as a correction.`,
    field,
  );
  return false;
}

/** PERIOD_LOCKED when `date` falls in a locked period (call after lockBooks). */
async function checkNotLocked(
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
