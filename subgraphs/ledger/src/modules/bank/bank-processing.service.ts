import {
  DomainError,
  DomainErrors,
  isUniqueViolation,
  isUuid,
  scoped,
  type EventBus,
} from '@kantoor/platform';
import type { DataSource, EntityManager } from 'typeorm';
import { VatCodeEntity, type JournalEntity } from '../account/account.entity.js';
import { lockBooks } from '../account/books.service.js';
import { ledgerError, type LedgerErrorCode } from '../common/ledger.errors.js';
import { MAX_DESCRIPTION_LENGTH } from '../common/ledger.validation.js';
import { JournalEntryEntity } from '../entry/entry.entity.js';
import type { EntryService } from '../entry/entry.service.js';
import { bankLedger, bookBankTransaction, type BankBooking } from './bank-booking.service.js';
import { splitGross } from './bank.calc.js';
import { BankTransactionEntity } from './bank.entity.js';
import { entryLinkCheck, entryNumber, markProcessed } from './bank.sql.js';
import { publishOpenItemSettled } from './open-items.events.js';
import { insertSettlement, lockOpenItem, parseOpenItemId } from './open-items.sql.js';

export interface ProcessValues {
  transactionId: string;
  /** Exactly one of accountCode, openItemId and entryId (ACCOUNT_OR_OPEN_ITEM otherwise). */
  accountCode?: string | null;
  openItemId?: string | null;
  /** An entry booked by hand on the bank account that this transaction is (no new booking). */
  entryId?: string | null;
  vatCode?: string | null;
  /** The account line is a correction (e.g. a refund to a customer with a sales code). */
  correction?: boolean | null;
  description?: string | null;
  date?: string | null;
}

function notFound(): DomainError<LedgerErrorCode> {
  return ledgerError('BANK_TRANSACTION_NOT_FOUND', 'No such bank transaction.', [
    'input',
    'transactionId',
  ]);
}

/**
 * Where a posting problem of processBankTransaction points: the posting path reports on
 * ["input", "lines", "<n>", ...]; line 0 is the bank side, line 1 the caller's account.
 */
function processField(field: string[] | undefined): string[] | undefined {
  if (!field || field[0] !== 'input') return field;
  const [, what, line, leaf] = field;
  if (what === 'lines' && line === '1' && (leaf === 'accountCode' || leaf === 'vatCode')) {
    return ['input', leaf];
  }
  if (what === 'lines' && line === undefined) return ['input', 'vatCode'];
  if (what === 'date' || what === 'description' || what === 'openItemId') return field;
  return ['input', 'transactionId'];
}

function remapProcessErrors(error: unknown): unknown {
  const remap = (e: DomainError<LedgerErrorCode>) =>
    ledgerError(e.code, e.message, processField(e.field));
  if (error instanceof DomainErrors) return new DomainErrors(error.errors.map(remap));
  if (error instanceof DomainError) return remap(error as DomainError<LedgerErrorCode>);
  return error;
}

/**
 * Processing bank transactions: each one booked as a journal entry in its bank journal
 * (against an account, or settling an open item), or linked to an entry booked by hand.
 * Exactly once: the transaction row is locked and the entry and the mark commit together.
 */
export class BankProcessingService {
  constructor(
    private readonly db: DataSource,
    private readonly entries: EntryService,
    private readonly events: Pick<EventBus, 'publish'>,
  ) {}

  /**
   * Books one bank transaction as a journal entry in its bank journal through the posting
   * path of postJournalEntry (every check: accounts, VAT codes, locked period, balance): the
   * bank's ledger account for the amount (debit money in, credit money out) against
   * `accountCode`. With a VAT code the amount includes VAT: the line carries the net amount
   * and the ledger adds the VAT line, VAT = gross - net (see splitGross). Exactly once: the
   * transaction row is locked, a processed one gives ALREADY_PROCESSED, and the entry and the
   * mark commit together.
   */
  async process(
    administrationId: string,
    values: ProcessValues,
    actorId: string | null,
  ): Promise<{ transaction: BankTransactionEntity; entry: JournalEntryEntity }> {
    const accountCode = values.accountCode?.trim() ? values.accountCode.trim() : null;
    const openItemId = values.openItemId?.trim() ? values.openItemId.trim() : null;
    const entryId = values.entryId?.trim() ? values.entryId.trim() : null;
    const given = [accountCode, openItemId, entryId].filter((v) => v !== null).length;
    if (given !== 1) {
      throw ledgerError(
        'ACCOUNT_OR_OPEN_ITEM',
        'Give exactly one of accountCode, openItemId and entryId.',
        [
          'input',
          accountCode === null ? 'accountCode' : openItemId === null ? 'entryId' : 'openItemId',
        ],
      );
    }
    if (entryId !== null && (values.vatCode?.trim() || values.date || values.description)) {
      throw ledgerError(
        'ACCOUNT_OR_OPEN_ITEM',
        'With entryId the transaction is linked to an entry booked already: no VAT code, date or description.',
        ['input', 'entryId'],
      );
    }
    if (openItemId !== null && values.vatCode?.trim()) {
      throw ledgerError(
        'ACCOUNT_OR_OPEN_ITEM',
        'A VAT code goes with accountCode; an open item is settled without VAT.',
        ['input', 'vatCode'],
      );
    }
    try {
      return await this.db.transaction(async (m) => {
        await lockBooks(m, administrationId, 'share');
        const tx = isUuid(values.transactionId)
          ? await scoped(m, BankTransactionEntity, administrationId)
              .createQueryBuilder('t')
              .andWhere('t.id = :id', { id: values.transactionId })
              .setLock('pessimistic_write')
              .getOne()
          : null;
        if (!tx) throw notFound();
        if (tx.entryId) {
          const done = await entryNumber(m, administrationId, tx.entryId);
          throw ledgerError(
            'ALREADY_PROCESSED',
            `This transaction was booked already (entry ${done ?? tx.entryId}).`,
            ['input', 'transactionId'],
          );
        }
        const ledger = await bankLedger(m, administrationId, tx);
        if (entryId !== null) {
          return this.linkToEntry(m, administrationId, tx, ledger.journal, entryId, actorId);
        }
        if (openItemId !== null) {
          return this.settleOpenItem(
            m,
            administrationId,
            tx,
            ledger,
            { ...values, openItemId },
            actorId,
          );
        }
        const vatCode = values.vatCode?.trim() ? values.vatCode.trim().toUpperCase() : null;
        const rule = vatCode
          ? await scoped(m, VatCodeEntity, administrationId).findOneBy({ code: vatCode })
          : null;
        const { net, vat } = splitGross(tx.amount.abs(), rule);
        const entry = await bookBankTransaction(
          this.entries,
          m,
          administrationId,
          {
            tx,
            ledger,
            given: values,
            counterLines: [
              {
                accountCode: accountCode ?? '',
                amount: net,
                vatCode,
                vatAmount: vat,
                correction: values.correction === true,
                description: tx.remittance?.slice(0, MAX_DESCRIPTION_LENGTH) ?? null,
              },
            ],
          },
          actorId,
        );
        return markProcessed(m, administrationId, tx, entry, actorId);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'bank_transactions_entry')) {
        throw ledgerError('ALREADY_PROCESSED', 'This transaction was booked a moment ago.', [
          'input',
          'transactionId',
        ]);
      }
      throw remapProcessErrors(error);
    }
  }

  /**
   * Links the transaction to an entry booked by hand on the bank account (no new booking):
   * the entry must have a line on the bank's ledger account of exactly the transaction's
   * amount (debit for money in), not be reversed or a reversal, and not be linked to another
   * transaction (the unique entry_id). Codes: ENTRY_NOT_FOUND, ENTRY_MISMATCH, ALREADY_PROCESSED.
   */
  private async linkToEntry(
    m: EntityManager,
    administrationId: string,
    tx: BankTransactionEntity,
    journal: JournalEntity,
    entryId: string,
    actorId: string | null,
  ): Promise<{ transaction: BankTransactionEntity; entry: JournalEntryEntity }> {
    const field = ['input', 'entryId'];
    const entry = isUuid(entryId)
      ? await scoped(m, JournalEntryEntity, administrationId).findOneBy({ id: entryId })
      : null;
    if (!entry) throw ledgerError('ENTRY_NOT_FOUND', 'No such journal entry.', field);
    const check = await entryLinkCheck(m, administrationId, entry, journal.accountId, tx.amount);
    if (check.linked) {
      throw ledgerError(
        'ALREADY_PROCESSED',
        `${entry.number} is linked to another bank transaction already.`,
        field,
      );
    }
    if (!check.amount_ok || check.reversed) {
      throw ledgerError(
        'ENTRY_MISMATCH',
        check.reversed
          ? `${entry.number} is reversed or a reversal.`
          : `${entry.number} has no line of ${tx.amount.toFixed(2)} on the bank account (debit money in, credit money out).`,
        field,
      );
    }
    return markProcessed(m, administrationId, tx, entry, actorId);
  }

  /**
   * Books the transaction against an open item, in the caller's transaction after the
   * transaction row is locked: the item's line is locked FOR UPDATE (concurrent settlements of
   * one item are ordered), checked (exists, still open, direction, amount <= open amount),
   * booked through the shared posting path (bank vs. the item's account, no VAT) and the
   * settlement recorded.
   */
  private async settleOpenItem(
    m: EntityManager,
    administrationId: string,
    tx: BankTransactionEntity,
    ledger: BankBooking['ledger'],
    values: ProcessValues & { openItemId: string },
    actorId: string | null,
  ): Promise<{ transaction: BankTransactionEntity; entry: JournalEntryEntity }> {
    const field = ['input', 'openItemId'];
    const id = parseOpenItemId(values.openItemId);
    const item = id ? await lockOpenItem(m, administrationId, id) : null;
    if (!item) throw ledgerError('OPEN_ITEM_NOT_FOUND', 'No such open item.', field);
    if (item.openAmount.lessThanOrEqualTo(0)) {
      throw ledgerError(
        'OPEN_ITEM_SETTLED',
        `Open item ${item.reference} is settled already.`,
        field,
      );
    }
    const gross = tx.amount.abs();
    const moneyIn = tx.amount.isPositive();
    if (moneyIn !== (item.side === 'DEBIT')) {
      throw ledgerError(
        'OPEN_ITEM_MISMATCH',
        moneyIn
          ? `Money coming in cannot settle ${item.reference}: it is settled by a payment going out.`
          : `Money going out cannot settle ${item.reference}: it is settled by a payment coming in.`,
        field,
      );
    }
    if (gross.greaterThan(item.openAmount)) {
      throw ledgerError(
        'OPEN_ITEM_MISMATCH',
        `The amount ${gross.toFixed(2)} exceeds the open amount ${item.openAmount.toFixed(2)} of ${item.reference}.`,
        field,
      );
    }
    const entry = await bookBankTransaction(
      this.entries,
      m,
      administrationId,
      {
        tx,
        ledger,
        given: values,
        counterLines: [
          {
            accountCode: item.accountCode,
            amount: gross,
            description: `${item.reference}`.slice(0, MAX_DESCRIPTION_LENGTH),
            // The settlement line keeps the item's reference (issue 13, item 10).
            reference: item.reference,
          },
        ],
        offsetOpenItems: false,
      },
      actorId,
    );
    // Line 2 is the item's account (no VAT code, so no VAT line in between).
    const settlementId = await insertSettlement(m, administrationId, item, entry.id, 2, gross);
    await publishOpenItemSettled(this.events, m, item, {
      administrationId,
      amount: gross,
      date: entry.entryDate,
      settlementId,
    });
    return markProcessed(m, administrationId, tx, entry, actorId);
  }
}
