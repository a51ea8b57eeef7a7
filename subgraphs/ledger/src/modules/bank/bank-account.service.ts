import { randomUUID } from 'node:crypto';
import { isUniqueViolation, scoped } from '@kantoor/platform';
import type { DataSource } from 'typeorm';
import { AccountEntity, JournalEntity } from '../account/account.entity.js';
import { lockBooks } from '../account/books.service.js';
import { ErrorList, ledgerError } from '../common/ledger.errors.js';
import { checkText, MAX_NAME_LENGTH } from '../common/ledger.validation.js';
import { checkIban } from './bank.validation.js';

export interface NewBankAccountValues {
  iban: string;
  name?: string | null;
  accountCode?: string | null;
  journalCode?: string | null;
}

/** Bank accounts: a BANK journal with an IBAN, booked on a balance-sheet ledger account. */
export class BankAccountService {
  constructor(private readonly db: DataSource) {}

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
}
