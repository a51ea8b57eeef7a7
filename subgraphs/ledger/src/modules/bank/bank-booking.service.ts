import { scoped, type Decimal } from '@kantoor/platform';
import type { EntityManager } from 'typeorm';
import { AccountEntity, JournalEntity } from '../account/account.entity.js';
import { ledgerError } from '../common/ledger.errors.js';
import type { LineInput } from '../entry/entry.calc.js';
import type { JournalEntryEntity } from '../entry/entry.entity.js';
import type { EntryService } from '../entry/entry.service.js';
import { defaultDescription } from './bank.calc.js';
import type { BankTransactionEntity } from './bank.entity.js';

/**
 * The bank journal of a transaction and the ledger account behind it: where its booking goes.
 * BANK_ACCOUNT_NOT_FOUND (on transactionId) when the journal has no ledger account.
 */
export async function bankLedger(
  m: EntityManager,
  administrationId: string,
  tx: BankTransactionEntity,
): Promise<{ journal: JournalEntity; bankAccount: AccountEntity }> {
  const journal = await scoped(m, JournalEntity, administrationId).findOneBy({
    id: tx.journalId,
  });
  const bankAccount = journal?.accountId
    ? await scoped(m, AccountEntity, administrationId).findOneBy({ id: journal.accountId })
    : null;
  if (!journal || !bankAccount) {
    throw ledgerError('BANK_ACCOUNT_NOT_FOUND', 'The bank account has no ledger account.', [
      'input',
      'transactionId',
    ]);
  }
  return { journal, bankAccount };
}

/** A line against the bank line: a posting line with its amount and, where it matters, its side. */
export interface CounterLine extends Omit<LineInput, 'debit' | 'credit'> {
  amount: Decimal;
  /**
   * Default: the other side of the bank line (credit for money in, debit for money out). A
   * caller mixing items of both sides in one payment (settleOpenItems) names it per line.
   */
  side?: 'DEBIT' | 'CREDIT';
}

export interface BankBooking {
  tx: BankTransactionEntity;
  /** Where the entry goes: the bank journal and its ledger account (bankLedger). */
  ledger: { journal: Pick<JournalEntity, 'code'>; bankAccount: Pick<AccountEntity, 'code'> };
  /**
   * What the caller's input says of the entry: date (default: the bank's booking date) and
   * description (default: counterparty and remittance information, defaultDescription).
   */
  given: { date?: string | null; description?: string | null };
  counterLines: readonly CounterLine[];
  /** False where the caller records the settlements of the counter lines itself. */
  offsetOpenItems?: boolean;
}

/**
 * Books a bank transaction as one journal entry in its bank journal, through the posting path
 * of postJournalEntry inside the caller's transaction `m` (every check: accounts, VAT codes,
 * locked period, balance): line 1 the bank's ledger account for the whole amount (debit money
 * in, credit money out), then the counter lines in the order given. The caller has locked the
 * transaction row and marks it processed (markProcessed) in the same transaction: exactly once.
 */
export function bookBankTransaction(
  entries: Pick<EntryService, 'postIn'>,
  m: EntityManager,
  administrationId: string,
  booking: BankBooking,
  actorId: string | null,
): Promise<JournalEntryEntity> {
  const { tx, ledger, given } = booking;
  const moneyIn = tx.amount.isPositive();
  const side = (amount: Decimal, debit: boolean) =>
    debit ? { debit: amount } : { credit: amount };
  const counter = booking.counterLines.map(({ amount, side: named, ...line }) => ({
    ...line,
    ...side(amount, named === undefined ? !moneyIn : named === 'DEBIT'),
  }));
  return entries.postIn(
    m,
    administrationId,
    {
      date: given.date ?? tx.bookingDate,
      description: given.description ?? defaultDescription(tx),
      journalCode: ledger.journal.code,
      lines: [
        {
          accountCode: ledger.bankAccount.code,
          ...side(tx.amount.abs(), moneyIn),
          description: tx.counterpartyName,
        },
        ...counter,
      ],
    },
    actorId,
    { offsetOpenItems: booking.offsetOpenItems },
  );
}
