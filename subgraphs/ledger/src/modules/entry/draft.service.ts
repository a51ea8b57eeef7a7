import { randomUUID } from 'node:crypto';
import { isUuid, MoneyDecimal, scoped, type EventBus } from '@kantoor/platform';
import type { DataSource, EntityManager } from 'typeorm';
import { AccountEntity } from '../account/account.entity.js';
import { lockBooks } from '../account/books.service.js';
import { ErrorList, ledgerError } from '../common/ledger.errors.js';
import { insertScoped } from '../common/ledger.sql.js';
import { checkBookingDate, checkText } from '../common/ledger.validation.js';
import { ledgerConfig, type DateWindow } from '../../config.js';
import { expandVat, parseLines, type ResolvedLine } from './entry.calc.js';
import { DraftEntryEntity, DraftEntryLineEntity, type JournalEntryEntity } from './entry.entity.js';
import { idempotencyClaim } from './entry-idempotency.calc.js';
import {
  bookEntry,
  checkNotLocked,
  findVatRules,
  keyedWrite,
  resolveLines,
  sameEntry,
} from './entry-booking.service.js';
import type { PostEntryValues } from './entry.service.js';
import {
  checkIdempotencyKey,
  checkVatDirection,
  requireBalance,
  vatRuleFor,
} from './entry.validation.js';

export type DraftValues = Omit<PostEntryValues, 'idempotencyKey'>;

const ZERO = new MoneyDecimal(0);

/**
 * Drafts: entries saved before they are posted. A draft may be unbalanced, but its accounts
 * and VAT codes exist; posting one runs every check of postJournalEntry. Each write runs in
 * one transaction.
 */
export class DraftService {
  constructor(
    private readonly db: DataSource,
    private readonly dateWindow: DateWindow = ledgerConfig().dateWindow,
    /** Publishes "ledger.entry-posted" when a draft is posted (see entry.events.ts). */
    private readonly events: Pick<EventBus, 'publish'> | null = null,
  ) {}

  /** Saves a new draft; it may still be unbalanced, but its accounts and VAT codes exist. */
  async create(
    administrationId: string,
    values: DraftValues,
    actorId: string | null,
  ): Promise<DraftEntryEntity> {
    return this.save(administrationId, null, values, actorId);
  }

  /** Replaces a draft's date, description, journal and lines. */
  async update(
    administrationId: string,
    draftId: string,
    values: DraftValues,
  ): Promise<DraftEntryEntity> {
    return this.save(administrationId, draftId, values, null);
  }

  private async save(
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
      const { resolved, journalId } = await resolveLines(
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
  async delete(administrationId: string, draftId: string): Promise<string> {
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
  async post(
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
    return keyedWrite(this.db, administrationId, claim, sameEntry(claim), () =>
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
        const entry = await bookEntry(
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
          this.events,
        );
        await scoped(m, DraftEntryEntity, administrationId).delete({ id: draft.id });
        return entry;
      }),
    );
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
