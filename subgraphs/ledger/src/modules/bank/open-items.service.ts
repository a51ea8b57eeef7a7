import {
  isUniqueViolation,
  isUuid,
  MoneyDecimal,
  scoped,
  type Decimal,
  type EventBus,
} from '@kantoor/platform';
import type { DataSource, EntityManager } from 'typeorm';
import { lockBooks } from '../account/books.service.js';
import { ledgerError } from '../common/ledger.errors.js';
import { MAX_DESCRIPTION_LENGTH } from '../common/ledger.validation.js';
import type { JournalEntryEntity } from '../entry/entry.entity.js';
import type { EntryService } from '../entry/entry.service.js';
import { bankLedger, bookBankTransaction } from './bank-booking.service.js';
import { BankTransactionEntity } from './bank.entity.js';
import { markProcessed } from './bank.sql.js';
import { publishOpenItemSettled } from './open-items.events.js';
import {
  insertSettlement,
  lockOpenItem,
  parseOpenItemId,
  type OpenItemRow,
} from './open-items.sql.js';

export interface SettleTogetherValues {
  openItemIds: readonly string[];
  transactionId?: string | null;
  date?: string | null;
  description?: string | null;
}

export interface SettleTogetherResult {
  items: OpenItemRow[];
  entry: JournalEntryEntity | null;
  transaction: BankTransactionEntity | null;
}

const MAX_ITEMS = 200;
const ZERO = new MoneyDecimal(0);

/** Amount of an item signed from the receivable's point of view (DEBIT +, CREDIT -). */
const signed = (item: OpenItemRow, amount: Decimal): Decimal =>
  item.side === 'DEBIT' ? amount : amount.negated();

/**
 * Settling several open items together (issue 13, item 3): one payment across several
 * invoices (and credit notes), or open items that cancel each other out without money.
 */
export class OpenItemService {
  constructor(
    private readonly db: DataSource,
    private readonly entries: EntryService,
    private readonly events: Pick<EventBus, 'publish'>,
  ) {}

  /**
   * With `transactionId`: books the bank transaction as one entry in its bank journal, the
   * bank against one line per item (the item's account and reference), and records a PAYMENT
   * settlement per item. Every item is settled in full except the last one given, which takes
   * what remains of the payment (a partial payment; it must stay > 0 and within its open
   * amount). Items on both sides may be mixed (a customer paying two invoices less a credit
   * note). Without `transactionId`: the items must cancel out exactly (per account: as much
   * DEBIT as CREDIT open); they are offset against each other (OFFSET settlements), no entry.
   * Exactly once: the items' lines are locked FOR UPDATE, the transaction row too.
   * Codes: OPEN_ITEM_NOT_FOUND, OPEN_ITEM_SETTLED, OPEN_ITEM_MISMATCH, NO_LINES, TOO_MANY_LINES,
   * BANK_TRANSACTION_NOT_FOUND, ALREADY_PROCESSED, and the posting path's.
   */
  async settleTogether(
    administrationId: string,
    values: SettleTogetherValues,
    actorId: string | null,
  ): Promise<SettleTogetherResult> {
    const field = ['input', 'openItemIds'];
    const ids = [...new Set(values.openItemIds.map((id) => id.trim()))];
    if (ids.length < 2 && !values.transactionId) {
      throw ledgerError('NO_LINES', 'Give at least two open items to offset.', field);
    }
    if (ids.length === 0) throw ledgerError('NO_LINES', 'Give at least one open item.', field);
    if (ids.length > MAX_ITEMS) {
      throw ledgerError('TOO_MANY_LINES', `At most ${MAX_ITEMS} open items at once.`, field);
    }
    const parsed = ids.map((id) => parseOpenItemId(id));
    if (parsed.some((p) => p === null)) {
      throw ledgerError('OPEN_ITEM_NOT_FOUND', 'No such open item.', field);
    }
    try {
      return await this.db.transaction(async (m) => {
        await lockBooks(m, administrationId, 'share');
        const tx = values.transactionId
          ? await lockTransaction(m, administrationId, values.transactionId)
          : null;
        // Lock in a fixed order (entry, line), so two overlapping requests cannot deadlock.
        const order = [...parsed.entries()].sort(([, a], [, b]) =>
          a!.entryId === b!.entryId ? a!.lineNo - b!.lineNo : a!.entryId < b!.entryId ? -1 : 1,
        );
        const items: OpenItemRow[] = new Array<OpenItemRow>(ids.length);
        for (const [index, id] of order) {
          const item = await lockOpenItem(m, administrationId, id!);
          if (!item)
            throw ledgerError('OPEN_ITEM_NOT_FOUND', `No such open item: ${ids[index]}.`, field);
          if (item.openAmount.lessThanOrEqualTo(0)) {
            throw ledgerError(
              'OPEN_ITEM_SETTLED',
              `Open item ${item.reference} is settled already.`,
              field,
            );
          }
          items[index] = item;
        }
        if (tx) return this.payTogether(m, administrationId, tx, items, values, actorId);
        return {
          items: await offsetTogether(m, administrationId, items),
          entry: null,
          transaction: null,
        };
      });
    } catch (error) {
      if (isUniqueViolation(error, 'bank_transactions_entry')) {
        throw ledgerError('ALREADY_PROCESSED', 'This transaction was booked a moment ago.', [
          'input',
          'transactionId',
        ]);
      }
      throw error;
    }
  }

  private async payTogether(
    m: EntityManager,
    administrationId: string,
    tx: BankTransactionEntity,
    items: OpenItemRow[],
    values: SettleTogetherValues,
    actorId: string | null,
  ): Promise<SettleTogetherResult> {
    const field = ['input', 'openItemIds'];
    // What the payment settles of each item: all of each, the last one the rest.
    const amounts = items.map((i) => i.openAmount);
    const last = items.length - 1;
    const others = items.slice(0, last).reduce((sum, i) => sum.plus(signed(i, i.openAmount)), ZERO);
    const rest = signed(items[last]!, tx.amount.minus(others));
    if (rest.lessThanOrEqualTo(0) || rest.greaterThan(items[last]!.openAmount)) {
      const total = others.plus(signed(items[last]!, items[last]!.openAmount));
      throw ledgerError(
        'OPEN_ITEM_MISMATCH',
        `The transaction's ${tx.amount.toFixed(2)} does not settle these items (together ${total.toFixed(2)}); the last item takes what remains, at most its open amount.`,
        field,
      );
    }
    amounts[last] = rest;
    const entry = await bookBankTransaction(
      this.entries,
      m,
      administrationId,
      {
        tx,
        ledger: await bankLedger(m, administrationId, tx),
        given: values,
        // A DEBIT item (receivable) is settled by a credit line, a CREDIT item by a debit line.
        counterLines: items.map((item, i) => ({
          accountCode: item.accountCode,
          amount: amounts[i]!,
          side: item.side === 'CREDIT' ? 'DEBIT' : 'CREDIT',
          reference: item.reference,
          description: item.reference.slice(0, MAX_DESCRIPTION_LENGTH),
        })),
        offsetOpenItems: false,
      },
      actorId,
    );
    for (const [i, item] of items.entries()) {
      // Line 1 is the bank; the items follow in the order given (no VAT lines in between).
      const settlementId = await insertSettlement(
        m,
        administrationId,
        item,
        entry.id,
        i + 2,
        amounts[i]!,
      );
      await publishOpenItemSettled(this.events, m, item, {
        administrationId,
        amount: amounts[i]!,
        date: entry.entryDate,
        settlementId,
      });
      item.openAmount = item.openAmount.minus(amounts[i]!);
    }
    const done = await markProcessed(m, administrationId, tx, entry, actorId);
    return { items, entry: done.entry, transaction: done.transaction };
  }
}

async function lockTransaction(
  m: EntityManager,
  administrationId: string,
  transactionId: string,
): Promise<BankTransactionEntity> {
  const tx = isUuid(transactionId)
    ? await scoped(m, BankTransactionEntity, administrationId)
        .createQueryBuilder('t')
        .andWhere('t.id = :id', { id: transactionId })
        .setLock('pessimistic_write')
        .getOne()
    : null;
  if (!tx) {
    throw ledgerError('BANK_TRANSACTION_NOT_FOUND', 'No such bank transaction.', [
      'input',
      'transactionId',
    ]);
  }
  if (tx.entryId) {
    throw ledgerError('ALREADY_PROCESSED', 'This transaction was booked already.', [
      'input',
      'transactionId',
    ]);
  }
  return tx;
}

/**
 * Offsets items that cancel out per account without money: each CREDIT item settles DEBIT
 * items of its account, oldest first (OFFSET settlements, the CREDIT item's line settling).
 */
async function offsetTogether(
  m: EntityManager,
  administrationId: string,
  items: OpenItemRow[],
): Promise<OpenItemRow[]> {
  const byAccount = new Map<string, OpenItemRow[]>();
  for (const item of items)
    byAccount.set(item.accountId, [...(byAccount.get(item.accountId) ?? []), item]);
  for (const group of byAccount.values()) {
    const net = group.reduce((sum, i) => sum.plus(signed(i, i.openAmount)), ZERO);
    if (!net.isZero()) {
      throw ledgerError(
        'OPEN_ITEM_MISMATCH',
        `The open items on account ${group[0]!.accountCode} do not cancel out (${net.toFixed(2)} remains); settle them with a bank transaction (transactionId) or book the difference first.`,
        ['input', 'openItemIds'],
      );
    }
  }
  const ordered = [...items].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (const credit of ordered.filter((i) => i.side === 'CREDIT')) {
    for (const debit of ordered.filter(
      (i) => i.side === 'DEBIT' && i.accountId === credit.accountId,
    )) {
      if (credit.openAmount.isZero()) break;
      if (debit.openAmount.isZero()) continue;
      const amount = MoneyDecimal.min(credit.openAmount, debit.openAmount) as Decimal;
      await insertSettlement(
        m,
        administrationId,
        debit,
        credit.entryId,
        credit.lineNo,
        amount,
        'OFFSET',
      );
      debit.openAmount = debit.openAmount.minus(amount);
      credit.openAmount = credit.openAmount.minus(amount);
    }
  }
  return items;
}
