import { createHash, randomUUID } from 'node:crypto';
import {
  decodeCursor,
  DomainError,
  DomainErrors,
  isCalendarDate,
  isUniqueViolation,
  isUuid,
  MoneyDecimal,
  pageSize,
  scoped,
  toPage,
  type Decimal,
  type EventBus,
  type Page,
} from '@kantoor/platform';
import { GraphQLError } from 'graphql';
import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import type { DataSource, EntityManager } from 'typeorm';
import { ledgerConfig } from '../../config.js';
import { AccountEntity, JournalEntity, VatCodeEntity } from '../account/account.entity.js';
import { lockBooks } from '../account/books.service.js';
import { ErrorList, ledgerError, type LedgerErrorCode } from '../common/ledger.errors.js';
import {
  checkText,
  MAX_DESCRIPTION_LENGTH,
  MAX_NAME_LENGTH,
  optionalText,
} from '../common/ledger.validation.js';
import { JournalEntryEntity } from '../entry/entry.entity.js';
import type { EntryService } from '../entry/entry.service.js';
import { dedupeKeys, splitGross } from './bank.calc.js';
import { BankRuleEntity, BankTransactionEntity } from './bank.entity.js';
import type { OpenItemStatus } from './bank.type.js';
import { parseCamt053 } from './camt053.parser.js';
import { publishOpenItemSettled } from './open-items.events.js';
import { listBankStatements, type BankStatementRow } from './bank-statements.sql.js';
import {
  countOpenItems,
  insertSettlement,
  listOpenItems,
  lockOpenItem,
  parseOpenItemId,
  type OpenItemRow,
} from './open-items.sql.js';

/** The default of the largest statement file read (KANTOOR_LEDGER_MAX_STATEMENT_BYTES). */
export const MAX_STATEMENT_BYTES = 5 * 1024 * 1024;
const MAX_RULE_TEXT = 200;

export interface NewBankAccountValues {
  iban: string;
  name?: string | null;
  accountCode?: string | null;
  journalCode?: string | null;
}

export interface ImportResult {
  bankAccount: JournalEntity;
  importId: string;
  statementIds: string[];
  /** Booked entries in the file. */
  transactionCount: number;
  /** Stored by this import. */
  newCount: number;
  /** Already known from an earlier (or a concurrent) import: not stored again. */
  knownCount: number;
  /** Entries not booked yet (pending, information only): left out. */
  skippedCount: number;
}

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

export interface NewRuleValues {
  counterpartyIban?: string | null;
  descriptionContains?: string | null;
  accountCode: string;
  vatCode?: string | null;
}

export type TransactionStatus = 'UNPROCESSED' | 'PROCESSED' | 'ALL';

export interface UnprocessedCount {
  administrationId: string;
  journalId: string;
  count: number;
}

/** A line booked by hand on a bank account, not linked to a bank transaction. */
export interface HandBookedBankLine {
  administrationId: string;
  entryId: string;
  /** The bank journal whose ledger account the line is on. */
  journalId: string;
  date: string;
  /** debit - credit: money in > 0, like a transaction's amount. */
  amount: Decimal;
}

/** An IBAN in electronic format ("NL91ABNA0417164300"); null after reporting INVALID_IBAN. */
export function checkIban(
  value: string | null | undefined,
  field: string[],
  errors: ErrorList,
): string | null {
  const iban = electronicFormatIBAN(value ?? '') ?? '';
  if (!isValidIBAN(iban)) {
    errors.add('INVALID_IBAN', `"${value ?? ''}" is not a valid IBAN.`, field);
    return null;
  }
  return iban;
}

/** Links the transaction to its entry (once: the unique entry_id and the row lock). */
export async function markProcessed(
  m: EntityManager,
  administrationId: string,
  tx: BankTransactionEntity,
  entry: JournalEntryEntity,
  actorId: string | null,
): Promise<{ transaction: BankTransactionEntity; entry: JournalEntryEntity }> {
  const processedAt = new Date();
  await m.query(
    `UPDATE ledger.bank_transactions SET entry_id = $3, processed_at = $4, processed_by = $5
      WHERE administration_id = $1 AND id = $2 AND entry_id IS NULL`,
    [administrationId, tx.id, entry.id, processedAt, actorId],
  );
  Object.assign(tx, { entryId: entry.id, processedAt, processedBy: actorId });
  return { transaction: tx, entry };
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

/** "Jansen BV: factuur 2026-014", or the date and amount when the bank said nothing. */
export function defaultDescription(tx: BankTransactionEntity): string {
  const parts = [tx.counterpartyName, tx.remittance].filter((p): p is string => !!p);
  const text =
    parts.length > 0 ? parts.join(': ') : `Bank ${tx.bookingDate} ${tx.amount.toFixed(2)}`;
  return text.slice(0, MAX_DESCRIPTION_LENGTH);
}

/**
 * Bank accounts, statement import (CAMT.053), processing transactions into bank-journal
 * entries, and booking rules. Each write runs its checks and writes in one transaction.
 */
export class BankService {
  constructor(
    private readonly db: DataSource,
    private readonly entries: EntryService,
    private readonly events: Pick<EventBus, 'publish'>,
  ) {}

  // ------------------------------------------------------------------ bank accounts

  /**
   * Makes a BANK journal the bank account of `iban` and books it on a balance-sheet ledger
   * account (default: the journal's account, else 1100 Bank). The journal is `journalCode`
   * (an existing BANK journal without an IBAN), or else the first such journal (the default
   * chart's "BNK"), or else a new journal "BNK2", "BNK3", ...
   */
  async createBankAccount(
    administrationId: string,
    values: NewBankAccountValues,
  ): Promise<JournalEntity> {
    const errors = new ErrorList();
    const iban = checkIban(values.iban, ['input', 'iban'], errors);
    const name =
      values.name === null || values.name === undefined
        ? null
        : checkText(
            values.name,
            ['input', 'name'],
            errors,
            { empty: 'EMPTY_NAME' },
            MAX_NAME_LENGTH,
          );
    const journalCode = values.journalCode?.trim() ? values.journalCode.trim().toUpperCase() : null;
    try {
      return await this.db.transaction(async (m) => {
        await lockBooks(m, administrationId, 'share');
        const journals = scoped(m, JournalEntity, administrationId);
        if (iban && (await journals.findOneBy({ iban }))) {
          errors.add(
            'DUPLICATE_IBAN',
            `${iban} is a bank account of this administration already.`,
            ['input', 'iban'],
          );
        }
        let journal: JournalEntity | null = null;
        if (journalCode) {
          journal = await journals
            .createQueryBuilder('j')
            .andWhere('j.code = :journalCode', { journalCode })
            .setLock('pessimistic_write')
            .getOne();
          if (!journal) {
            errors.add('UNKNOWN_JOURNAL', `There is no journal "${journalCode}".`, [
              'input',
              'journalCode',
            ]);
          } else if (journal.type !== 'BANK' || journal.iban !== null) {
            errors.add(
              'JOURNAL_IN_USE',
              journal.iban
                ? `Journal ${journal.code} is the bank account ${journal.iban} already.`
                : `Journal ${journal.code} is no bank journal.`,
              ['input', 'journalCode'],
            );
          }
        } else {
          journal = await journals
            .createQueryBuilder('j')
            .andWhere("j.type = 'BANK' AND j.iban IS NULL")
            .orderBy('j.code', 'ASC')
            .limit(1)
            .setLock('pessimistic_write')
            .getOne();
        }
        const accounts = scoped(m, AccountEntity, administrationId);
        const wantedCode = values.accountCode?.trim() || null;
        const account = wantedCode
          ? await accounts.findOneBy({ code: wantedCode })
          : journal?.accountId
            ? await accounts.findOneBy({ id: journal.accountId })
            : await accounts.findOneBy({ code: '1100' });
        if (!account) {
          errors.add('UNKNOWN_ACCOUNT', `There is no account "${wantedCode ?? '1100'}".`, [
            'input',
            'accountCode',
          ]);
        } else if (account.blocked) {
          errors.add('ACCOUNT_BLOCKED', `Account ${account.code} is blocked.`, [
            'input',
            'accountCode',
          ]);
        } else if (account.type !== 'ASSET' && account.type !== 'LIABILITY') {
          errors.add(
            'NOT_A_BALANCE_SHEET_ACCOUNT',
            `A bank account is booked on an asset or liability account; ${account.code} is ${account.type}.`,
            ['input', 'accountCode'],
          );
        }
        errors.throwIfAny();
        if (!journal) {
          const taken = new Set((await journals.find()).map((j) => j.code));
          let n = 2;
          while (taken.has(`BNK${n}`)) n += 1;
          journal = journals.create({
            id: randomUUID(),
            code: `BNK${n}`,
            name: name ?? `Bank ${iban}`,
            type: 'BANK',
            accountId: null,
            iban: null,
          });
        }
        journal.iban = iban!;
        journal.accountId = account!.id;
        if (name) journal.name = name;
        return journals.save(journal);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'journals_iban')) {
        throw ledgerError('DUPLICATE_IBAN', `${iban} was made a bank account a moment ago.`, [
          'input',
          'iban',
        ]);
      }
      if (isUniqueViolation(error)) {
        throw ledgerError(
          'JOURNAL_IN_USE',
          'Another bank account was made at the same time; try again.',
          ['input', 'journalCode'],
        );
      }
      throw error;
    }
  }

  // ------------------------------------------------------------------ import

  /**
   * Reads a CAMT.053 statement into the bank account's transactions. Refused as a whole
   * (nothing stored) when the file is too large, no CAMT.053, malformed, or for another IBAN.
   * Transactions known from an earlier or a concurrent import are not stored again (the
   * dedupe key's unique index with ON CONFLICT DO NOTHING; see dedupeKeys).
   */
  async importStatement(
    administrationId: string,
    bankAccountId: string,
    camt053: string,
    actorId: string | null,
  ): Promise<ImportResult> {
    const bytes = Buffer.byteLength(camt053 ?? '', 'utf8');
    const max = ledgerConfig().maxStatementBytes; // KANTOOR_LEDGER_MAX_STATEMENT_BYTES
    if (bytes > max) {
      throw ledgerError(
        'FILE_TOO_LARGE',
        `The file has ${bytes} bytes; at most ${max} are read at once. Split it per month.`,
        ['input', 'camt053'],
      );
    }
    const document = parseCamt053(camt053);
    return this.db.transaction(async (m) => {
      await lockBooks(m, administrationId, 'share');
      const journal = await this.bankJournal(m, administrationId, bankAccountId);
      document.statements.forEach((statement, s) => {
        if (statement.iban !== journal.iban) {
          throw ledgerError(
            'IBAN_MISMATCH',
            `Statement ${s + 1} is for ${statement.iban}, not for this bank account (${journal.iban}).`,
            ['input', 'camt053', 'Stmt', String(s), 'Acct', 'Id', 'IBAN'],
          );
        }
      });
      const entries = document.statements.flatMap((statement) => statement.entries);
      const keys = dedupeKeys(journal.iban!, entries);
      const importId = randomUUID();
      const statementIds = document.statements
        .map((statement) => statement.id)
        .filter((id): id is string => id !== null);
      await m.query(
        `INSERT INTO ledger.bank_imports
           (id, administration_id, journal_id, file_sha256, statement_ids, entries_in_file, entries_new, imported_by)
         VALUES ($1, $2, $3, $4, $5, $6, 0, $7)`,
        [
          importId,
          administrationId,
          journal.id,
          createHash('sha256').update(camt053, 'utf8').digest('hex'),
          statementIds,
          entries.length,
          actorId,
        ],
      );
      const inserted: unknown[] =
        entries.length === 0
          ? []
          : await m.query(
              `INSERT INTO ledger.bank_transactions
                 (administration_id, journal_id, import_id, dedupe_key, booking_date, value_date, amount,
                  counterparty_name, counterparty_iban, remittance, end_to_end_id, bank_reference)
               SELECT $1, $2, $3, t.dedupe_key, t.booking_date, t.value_date, t.amount,
                      t.counterparty_name, t.counterparty_iban, t.remittance, t.end_to_end_id, t.bank_reference
                 FROM unnest($4::text[], $5::date[], $6::date[], $7::numeric[], $8::text[], $9::text[],
                             $10::text[], $11::text[], $12::text[])
                   AS t(dedupe_key, booking_date, value_date, amount, counterparty_name, counterparty_iban,
                        remittance, end_to_end_id, bank_reference)
               ON CONFLICT ON CONSTRAINT bank_transactions_dedupe DO NOTHING
               RETURNING id`,
              [
                administrationId,
                journal.id,
                importId,
                keys,
                entries.map((e) => e.bookingDate),
                entries.map((e) => e.valueDate),
                entries.map((e) => e.amount.toFixed(2)),
                entries.map((e) => e.counterpartyName),
                entries.map((e) => e.counterpartyIban),
                entries.map((e) => e.remittance),
                entries.map((e) => e.endToEndId),
                entries.map((e) => e.bankReference),
              ],
            );
      await m.query(
        `UPDATE ledger.bank_imports SET entries_new = $3 WHERE administration_id = $1 AND id = $2`,
        [administrationId, importId, inserted.length],
      );
      // The balances the bank declares (OPBD/CLBD), checked when read (issue 13, item 10).
      const declared = document.statements.filter((st) => st.closingBalance !== null);
      if (declared.length > 0) {
        await m.query(
          `INSERT INTO ledger.bank_statements
             (administration_id, journal_id, import_id, statement_id, opening_date, opening_balance,
              closing_date, closing_balance, entries_total)
           SELECT $1, $2, $3, t.statement_id, t.opening_date, t.opening_balance, t.closing_date,
                  t.closing_balance, t.entries_total
             FROM unnest($4::text[], $5::date[], $6::numeric[], $7::date[], $8::numeric[], $9::numeric[])
               AS t(statement_id, opening_date, opening_balance, closing_date, closing_balance, entries_total)
           ON CONFLICT DO NOTHING`,
          [
            administrationId,
            journal.id,
            importId,
            declared.map((st) => st.id),
            declared.map((st) => st.openingBalance?.date ?? null),
            declared.map((st) => st.openingBalance?.amount.toFixed(2) ?? null),
            declared.map((st) => st.closingBalance!.date),
            declared.map((st) => st.closingBalance!.amount.toFixed(2)),
            declared.map((st) => st.entriesTotal.toFixed(2)),
          ],
        );
      }
      return {
        bankAccount: journal,
        importId,
        statementIds,
        transactionCount: entries.length,
        newCount: inserted.length,
        knownCount: entries.length - inserted.length,
        skippedCount: document.skipped,
      };
    });
  }

  private async bankJournal(
    m: EntityManager,
    administrationId: string,
    bankAccountId: string,
  ): Promise<JournalEntity> {
    const journal = isUuid(bankAccountId)
      ? await scoped(m, JournalEntity, administrationId).findOneBy({ id: bankAccountId })
      : null;
    if (!journal || journal.type !== 'BANK' || !journal.iban) {
      throw ledgerError('BANK_ACCOUNT_NOT_FOUND', 'No such bank account.', [
        'input',
        'bankAccountId',
      ]);
    }
    return journal;
  }

  // ------------------------------------------------------------------ processing

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
          const [done] = (await m.query(
            `SELECT number FROM ledger.journal_entries WHERE administration_id = $1 AND id = $2`,
            [administrationId, tx.entryId],
          )) as { number: string }[];
          throw ledgerError(
            'ALREADY_PROCESSED',
            `This transaction was booked already (entry ${done?.number ?? tx.entryId}).`,
            ['input', 'transactionId'],
          );
        }
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
        if (entryId !== null) {
          return this.linkToEntry(m, administrationId, tx, journal, entryId, actorId);
        }
        if (openItemId !== null) {
          return this.settleOpenItem(
            m,
            administrationId,
            tx,
            journal.code,
            bankAccount.code,
            {
              ...values,
              openItemId,
            },
            actorId,
          );
        }
        const vatCode = values.vatCode?.trim() ? values.vatCode.trim().toUpperCase() : null;
        const rule = vatCode
          ? await scoped(m, VatCodeEntity, administrationId).findOneBy({ code: vatCode })
          : null;
        const gross = tx.amount.abs();
        const { net, vat } = splitGross(gross, rule);
        const moneyIn = tx.amount.isPositive();
        const side = (amount: Decimal, debit: boolean) =>
          debit ? { debit: amount } : { credit: amount };
        const entry = await this.entries.postIn(
          m,
          administrationId,
          {
            date: values.date ?? tx.bookingDate,
            description: values.description ?? defaultDescription(tx),
            journalCode: journal.code,
            lines: [
              {
                accountCode: bankAccount.code,
                ...side(gross, moneyIn),
                description: tx.counterpartyName,
              },
              {
                accountCode: accountCode ?? '',
                ...side(net, !moneyIn),
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
    const [check] = (await m.query(
      `SELECT EXISTS (SELECT 1 FROM ledger.journal_entry_lines l
                       WHERE l.administration_id = $1 AND l.entry_id = $2 AND l.account_id = $3
                         AND l.debit - l.credit = $4::numeric) AS amount_ok,
              ($5::uuid IS NOT NULL OR EXISTS (SELECT 1 FROM ledger.journal_entries r
                       WHERE r.administration_id = $1 AND r.reverses_entry_id = $2)) AS reversed,
              EXISTS (SELECT 1 FROM ledger.bank_transactions t
                       WHERE t.administration_id = $1 AND t.entry_id = $2) AS linked`,
      [administrationId, entry.id, journal.accountId, tx.amount.toFixed(2), entry.reversesEntryId],
    )) as { amount_ok: boolean; reversed: boolean; linked: boolean }[];
    if (check!.linked) {
      throw ledgerError(
        'ALREADY_PROCESSED',
        `${entry.number} is linked to another bank transaction already.`,
        field,
      );
    }
    if (!check!.amount_ok || check!.reversed) {
      throw ledgerError(
        'ENTRY_MISMATCH',
        check!.reversed
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
    journalCode: string,
    bankAccountCode: string,
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
    const side = (amount: Decimal, debit: boolean) =>
      debit ? { debit: amount } : { credit: amount };
    const entry = await this.entries.postIn(
      m,
      administrationId,
      {
        date: values.date ?? tx.bookingDate,
        description: values.description ?? defaultDescription(tx),
        journalCode,
        lines: [
          {
            accountCode: bankAccountCode,
            ...side(gross, moneyIn),
            description: tx.counterpartyName,
          },
          {
            accountCode: item.accountCode,
            ...side(gross, !moneyIn),
            description: `${item.reference}`.slice(0, MAX_DESCRIPTION_LENGTH),
            // The settlement line keeps the item's reference (issue 13, item 10).
            reference: item.reference,
          },
        ],
      },
      actorId,
      { offsetOpenItems: false },
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

  // ------------------------------------------------------------------ open items

  /** An administration's open items, oldest first; `after` an open item id. */
  async openItems(
    administrationId: string,
    args: { status?: OpenItemStatus | null; first?: number | null; after?: string | null },
  ): Promise<{ rows: OpenItemRow[]; totalCount: number; limit: number }> {
    const limit = pageSize(args.first);
    let after: { entryId: string; lineNo: number } | null = null;
    if (args.after) {
      after = parseOpenItemId(args.after);
      if (!after) {
        throw new GraphQLError('after: not an open item id.', {
          extensions: { code: 'BAD_USER_INPUT' },
        });
      }
    }
    const open = (args.status ?? 'OPEN') === 'OPEN';
    const [rows, totalCount] = await Promise.all([
      limit === 0
        ? Promise.resolve([])
        : listOpenItems(this.db.manager, [administrationId], { open, after, limit: limit + 1 }),
      countOpenItems(this.db.manager, administrationId, open),
    ]);
    return { rows, totalCount, limit };
  }

  /** The open items (open amount > 0) of administrations, for suggestions. */
  async openItemsOf(administrationIds: readonly string[]): Promise<OpenItemRow[]> {
    return listOpenItems(this.db.manager, administrationIds, { open: true });
  }

  // ------------------------------------------------------------------ rules

  /** A booking rule; rules are tried in the order they were made. */
  async createRule(
    administrationId: string,
    values: NewRuleValues,
    actorId: string | null,
  ): Promise<BankRuleEntity> {
    const errors = new ErrorList();
    const iban =
      values.counterpartyIban === null ||
      values.counterpartyIban === undefined ||
      values.counterpartyIban.trim() === ''
        ? null
        : checkIban(values.counterpartyIban, ['input', 'counterpartyIban'], errors);
    const contains = optionalText(
      values.descriptionContains,
      ['input', 'descriptionContains'],
      errors,
    );
    if (contains && contains.length > MAX_RULE_TEXT) {
      errors.add('TEXT_TOO_LONG', `At most ${MAX_RULE_TEXT} characters.`, [
        'input',
        'descriptionContains',
      ]);
    }
    const ibanGiven = !!values.counterpartyIban?.trim();
    if (!ibanGiven && !contains) {
      errors.add(
        'RULE_NEEDS_CONDITION',
        'A rule names a counterparty IBAN, a text the description contains, or both.',
        ['input'],
      );
    }
    const vatCode = values.vatCode?.trim() ? values.vatCode.trim().toUpperCase() : null;
    return this.db.transaction(async (m) => {
      await lockBooks(m, administrationId, 'share');
      const account = await scoped(m, AccountEntity, administrationId).findOneBy({
        code: (values.accountCode ?? '').trim(),
      });
      if (!account) {
        errors.add('UNKNOWN_ACCOUNT', `There is no account "${values.accountCode}".`, [
          'input',
          'accountCode',
        ]);
      } else if (account.blocked) {
        errors.add('ACCOUNT_BLOCKED', `Account ${account.code} is blocked.`, [
          'input',
          'accountCode',
        ]);
      }
      if (vatCode) {
        const vat = await scoped(m, VatCodeEntity, administrationId).findOneBy({ code: vatCode });
        if (!vat) {
          errors.add('UNKNOWN_VAT_CODE', `There is no VAT code "${vatCode}".`, [
            'input',
            'vatCode',
          ]);
        } else if (vat.blocked) {
          errors.add('VAT_CODE_BLOCKED', `VAT code ${vatCode} is blocked.`, ['input', 'vatCode']);
        }
      }
      errors.throwIfAny();
      const [row] = (await m.query(
        `INSERT INTO ledger.bank_rules
           (administration_id, counterparty_iban, description_contains, account_id, vat_code, created_by)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [
          administrationId,
          iban,
          contains && contains.length > 0 ? contains : null,
          account!.id,
          vatCode,
          actorId,
        ],
      )) as { id: string }[];
      return (await scoped(m, BankRuleEntity, administrationId).findOneBy({ id: row!.id }))!;
    });
  }

  /** Deletes a rule; transactions it suggested for are simply suggested anew. */
  async deleteRule(administrationId: string, ruleId: string): Promise<string> {
    return this.db.transaction(async (m) => {
      await lockBooks(m, administrationId, 'share');
      const deleted = isUuid(ruleId)
        ? await scoped(m, BankRuleEntity, administrationId).delete({ id: ruleId })
        : 0;
      if (deleted === 0) {
        throw ledgerError('BANK_RULE_NOT_FOUND', 'No such rule.', ['input', 'ruleId']);
      }
      return ruleId;
    });
  }

  // ------------------------------------------------------------------ reads

  /** Rules of many administrations in one query, in the order they are tried. */
  async rulesOf(administrationIds: readonly string[]): Promise<BankRuleEntity[]> {
    const ids = administrationIds.filter(isUuid);
    if (ids.length === 0) return [];
    return this.db
      .getRepository(BankRuleEntity)
      .createQueryBuilder('r')
      .where('r.administration_id = ANY(CAST(:ids AS uuid[]))', { ids })
      .orderBy('r.position', 'ASC')
      .getMany();
  }

  /** Unprocessed transactions per bank account of many administrations, in one query. */
  async unprocessedCountsOf(administrationIds: readonly string[]): Promise<UnprocessedCount[]> {
    const ids = administrationIds.filter(isUuid);
    if (ids.length === 0) return [];
    const rows: { administration_id: string; journal_id: string; n: number }[] =
      await this.db.query(
        `SELECT administration_id::text, journal_id::text, count(*)::int AS n
         FROM ledger.bank_transactions
        WHERE administration_id = ANY($1::uuid[]) AND entry_id IS NULL
        GROUP BY administration_id, journal_id`,
        [ids],
      );
    return rows.map((r) => ({
      administrationId: r.administration_id,
      journalId: r.journal_id,
      count: r.n,
    }));
  }

  /**
   * Entries booked by hand on a bank account (a line on the ledger account of a BANK journal
   * with an IBAN) that no bank transaction is linked to, not reversed and no reversal: what an
   * imported transaction of the same amount may already be (issue 13, item 10). One query for
   * many administrations.
   */
  async handBookedBankLinesOf(administrationIds: readonly string[]): Promise<HandBookedBankLine[]> {
    const ids = administrationIds.filter(isUuid);
    if (ids.length === 0) return [];
    const rows = (await this.db.query(
      `SELECT l.administration_id::text AS administration_id, l.entry_id::text AS entry_id,
              j.id::text AS journal_id, to_char(l.entry_date, 'YYYY-MM-DD') AS entry_date,
              (l.debit - l.credit)::text AS amount
         FROM ledger.journals j
         JOIN ledger.journal_entry_lines l
           ON l.administration_id = j.administration_id AND l.account_id = j.account_id
         JOIN ledger.journal_entries e ON e.administration_id = l.administration_id AND e.id = l.entry_id
        WHERE j.administration_id = ANY($1::uuid[]) AND j.type = 'BANK' AND j.iban IS NOT NULL
          AND e.reverses_entry_id IS NULL
          AND NOT EXISTS (SELECT 1 FROM ledger.journal_entries r
                           WHERE r.administration_id = e.administration_id AND r.reverses_entry_id = e.id)
          AND NOT EXISTS (SELECT 1 FROM ledger.bank_transactions t
                           WHERE t.administration_id = e.administration_id AND t.entry_id = e.id)
        ORDER BY l.entry_date, l.entry_id`,
      [ids],
    )) as {
      administration_id: string;
      entry_id: string;
      journal_id: string;
      entry_date: string;
      amount: string;
    }[];
    return rows.map((r) => ({
      administrationId: r.administration_id,
      entryId: r.entry_id,
      journalId: r.journal_id,
      date: r.entry_date,
      amount: new MoneyDecimal(r.amount),
    }));
  }

  /** Bank statements (with their checks) of many administrations in one query. */
  async statementsOf(administrationIds: readonly string[]): Promise<BankStatementRow[]> {
    const ids = administrationIds.filter(isUuid);
    if (ids.length === 0) return [];
    return listBankStatements(this.db.manager, ids);
  }

  /** A bank account's transactions, oldest first (booking date, id), keyset-paginated. */
  async transactions(
    administrationId: string,
    journalId: string,
    args: { status?: TransactionStatus | null; first?: number | null; after?: string | null },
  ): Promise<Page<BankTransactionEntity>> {
    const size = pageSize(args.first);
    const base = scoped(this.db.manager, BankTransactionEntity, administrationId)
      .createQueryBuilder('t')
      .andWhere('t.journalId = :journalId', { journalId });
    const status = args.status ?? 'UNPROCESSED';
    if (status === 'UNPROCESSED') base.andWhere('t.entryId IS NULL');
    if (status === 'PROCESSED') base.andWhere('t.entryId IS NOT NULL');
    const totalCount = await base.clone().getCount();
    const page = base
      .clone()
      .orderBy('t.bookingDate', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .limit(size + 1);
    if (args.after) {
      const [date, id] = decodeCursor(args.after, 2);
      if (!isCalendarDate(date) || !isUuid(id)) {
        throw new GraphQLError('Invalid cursor.', { extensions: { code: 'BAD_USER_INPUT' } });
      }
      page.andWhere('(t.bookingDate, t.id) > (CAST(:afterDate AS date), CAST(:afterId AS uuid))', {
        afterDate: date,
        afterId: id,
      });
    }
    const rows = size === 0 ? [] : await page.getMany();
    return toPage(rows, size, (t) => [t.bookingDate, t.id], totalCount, Boolean(args.after));
  }
}
