import {
  isForeignKeyViolation,
  isUniqueViolation,
  isUuid,
  scoped,
  scopedMany,
  type ScopedRepository,
} from '@kantoor/platform';
import type { DataSource, EntityManager } from 'typeorm';
import { ErrorList, ledgerError } from '../common/ledger.errors.js';
import {
  checkText,
  isAccountCode,
  isRgsCode,
  MAX_NAME_LENGTH,
} from '../common/ledger.validation.js';
import { DraftEntryLineEntity, JournalEntryLineEntity } from '../entry/entry.entity.js';
import { AccountEntity, JournalEntity, VatCodeEntity } from './account.entity.js';
import type { AccountType } from './account.type.js';
import { isAccountOfBankRule } from './account.sql.js';
import { lockBooks } from './books.service.js';
import { RGS_LEVEL4_CODES } from './rgs-codes.data.js';

export interface NewAccountValues {
  code: string;
  name: string;
  type: AccountType;
  rgsCode?: string | null;
}

/** undefined keeps a value; rgsCode null clears it. */
export interface AccountChanges {
  code?: string | null;
  name?: string | null;
  type?: AccountType | null;
  rgsCode?: string | null;
}

/** Checks an account code; null after reporting. */
export function checkAccountCode(
  value: string | null | undefined,
  field: string[],
  errors: ErrorList,
): string | null {
  const code = (value ?? '').trim();
  if (!isAccountCode(code)) {
    errors.add('INVALID_ACCOUNT_CODE', 'An account code has 1 to 10 letters or digits.', field);
    return null;
  }
  return code;
}

/**
 * Checks an RGS code (empty means none): well-formed (INVALID_RGS_CODE) and one of the level-4
 * codes of RGS 3.5 (UNKNOWN_RGS_CODE; a level-2/3 group such as "WBedKan" or a code that RGS
 * does not have is refused, an account maps to one level-4 code). Undefined after reporting.
 */
export function checkRgsCode(
  value: string | null | undefined,
  field: string[],
  errors: ErrorList,
): string | null | undefined {
  const code = (value ?? '').trim();
  if (code.length === 0) return null;
  if (!isRgsCode(code)) {
    errors.add(
      'INVALID_RGS_CODE',
      `"${code}" is not an RGS code (B or W, then 3-character segments, e.g. "BLimBanRba").`,
      field,
    );
    return undefined;
  }
  if (!RGS_LEVEL4_CODES.has(code)) {
    errors.add(
      'UNKNOWN_RGS_CODE',
      `"${code}" is not a level-4 code of RGS 3.5 (e.g. "BLimBanRba"; groups such as "BLimBan" are not accounts).`,
      field,
    );
    return undefined;
  }
  return code;
}

/**
 * Saves an account; a concurrent insert of the same code (the unique index) becomes the
 * userError DUPLICATE_ACCOUNT_CODE instead of a database error.
 */
async function saveAccount(
  accounts: ScopedRepository<AccountEntity>,
  account: AccountEntity,
): Promise<AccountEntity> {
  try {
    return await accounts.save(account);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw ledgerError('DUPLICATE_ACCOUNT_CODE', `Account ${account.code} exists already.`, [
        'input',
        'code',
      ]);
    }
    throw error;
  }
}

/**
 * Checks the changeable parts of an account (of an administration or a template): a new
 * code, a name, an RGS code. `undefined` leaves a value as it is; problems go to `errors`.
 */
export function checkAccountChanges(
  changes: { code?: string | null; name?: string | null; rgsCode?: string | null },
  codeField: string[],
  errors: ErrorList,
): { code?: string; name?: string; rgsCode?: string | null } {
  const code =
    changes.code === undefined || changes.code === null
      ? undefined
      : (checkAccountCode(changes.code, codeField, errors) ?? undefined);
  const name =
    changes.name === undefined || changes.name === null
      ? undefined
      : (checkText(
          changes.name,
          ['input', 'name'],
          errors,
          { empty: 'EMPTY_NAME' },
          MAX_NAME_LENGTH,
        ) ?? undefined);
  const rgsCode =
    changes.rgsCode === undefined
      ? undefined
      : checkRgsCode(changes.rgsCode, ['input', 'rgsCode'], errors);
  return { code, name, rgsCode };
}

/** The chart of accounts of administrations: reads for the loaders, and its upkeep. */
export class AccountService {
  constructor(private readonly db: DataSource) {}

  /** Accounts of many administrations in one query, ordered by code. */
  async accountsOf(administrationIds: readonly string[]): Promise<AccountEntity[]> {
    const ids = administrationIds.filter(isUuid);
    if (ids.length === 0) return [];
    return scopedMany(this.db.manager, AccountEntity, ids, 'a').orderBy('a.code', 'ASC').getMany();
  }

  /** VAT codes of many administrations in one query, ordered by code. */
  async vatCodesOf(administrationIds: readonly string[]): Promise<VatCodeEntity[]> {
    const ids = administrationIds.filter(isUuid);
    if (ids.length === 0) return [];
    return scopedMany(this.db.manager, VatCodeEntity, ids, 'v').orderBy('v.code', 'ASC').getMany();
  }

  /** Journals of many administrations in one query, ordered by code. */
  async journalsOf(administrationIds: readonly string[]): Promise<JournalEntity[]> {
    const ids = administrationIds.filter(isUuid);
    if (ids.length === 0) return [];
    return scopedMany(this.db.manager, JournalEntity, ids, 'j').orderBy('j.code', 'ASC').getMany();
  }

  /** Adds an account to an administration's chart. */
  async create(administrationId: string, values: NewAccountValues): Promise<AccountEntity> {
    const errors = new ErrorList();
    const code = checkAccountCode(values.code, ['input', 'code'], errors);
    const name = checkText(
      values.name,
      ['input', 'name'],
      errors,
      { empty: 'EMPTY_NAME' },
      MAX_NAME_LENGTH,
    );
    const rgsCode = checkRgsCode(values.rgsCode, ['input', 'rgsCode'], errors);
    return this.db.transaction(async (m) => {
      await lockBooks(m, administrationId, 'share');
      const accounts = scoped(m, AccountEntity, administrationId);
      if (code && (await accounts.findOneBy({ code }))) {
        errors.add('DUPLICATE_ACCOUNT_CODE', `Account ${code} exists already.`, ['input', 'code']);
      }
      errors.throwIfAny();
      return saveAccount(
        accounts,
        accounts.create({
          code: code!,
          name: name!,
          type: values.type,
          rgsCode: rgsCode ?? null,
          blocked: false,
        }),
      );
    });
  }

  /**
   * Renames an account, changes its type or RGS code, or (without bookings) its code. The
   * account row is locked first: a posting that resolves the old code concurrently either
   * committed before (and the code change is refused) or finds the code gone.
   */
  async update(
    administrationId: string,
    accountId: string,
    changes: AccountChanges,
  ): Promise<AccountEntity> {
    const errors = new ErrorList();
    const { code, name, rgsCode } = checkAccountChanges(changes, ['input', 'code'], errors);
    return this.db.transaction(async (m) => {
      const account = await this.lockAccount(m, administrationId, accountId);
      const accounts = scoped(m, AccountEntity, administrationId);
      if (code && code !== account.code) {
        if (await hasBookings(m, administrationId, account.id)) {
          errors.add(
            'ACCOUNT_HAS_BOOKINGS',
            `Account ${account.code} has bookings; its code cannot change.`,
            ['input', 'code'],
          );
        } else if (await accounts.findOneBy({ code })) {
          errors.add('DUPLICATE_ACCOUNT_CODE', `Account ${code} exists already.`, [
            'input',
            'code',
          ]);
        }
      }
      errors.throwIfAny();
      if (code) account.code = code;
      if (name) account.name = name;
      if (changes.type) account.type = changes.type;
      if (rgsCode !== undefined) account.rgsCode = rgsCode;
      return saveAccount(accounts, account);
    });
  }

  /** Blocks (or unblocks) an account: a blocked account takes no new postings. */
  async setBlocked(
    administrationId: string,
    accountId: string,
    blocked: boolean,
  ): Promise<AccountEntity> {
    return this.db.transaction(async (m) => {
      const account = await this.lockAccount(m, administrationId, accountId);
      account.blocked = blocked;
      return scoped(m, AccountEntity, administrationId).save(account);
    });
  }

  /** Blocks (or unblocks) a VAT code: a blocked code takes no new postings. */
  async setVatCodeBlocked(
    administrationId: string,
    code: string,
    blocked: boolean,
  ): Promise<VatCodeEntity> {
    return this.db.transaction(async (m) => {
      await lockBooks(m, administrationId, 'share');
      const vatCodes = scoped(m, VatCodeEntity, administrationId);
      const vatCode = await vatCodes.findOneBy({ code: code.trim().toUpperCase() });
      if (!vatCode)
        throw ledgerError('VAT_CODE_NOT_FOUND', `There is no VAT code "${code}".`, [
          'input',
          'code',
        ]);
      vatCode.blocked = blocked;
      return vatCodes.save(vatCode);
    });
  }

  /**
   * Deletes an account without bookings (posted or draft) that no VAT code, journal or bank
   * booking rule uses.
   * An account with bookings can only be blocked.
   */
  async delete(administrationId: string, accountId: string): Promise<string> {
    try {
      return await this.db.transaction(async (m) => {
        const account = await this.lockAccount(m, administrationId, accountId);
        if (await hasBookings(m, administrationId, account.id)) {
          throw ledgerError(
            'ACCOUNT_HAS_BOOKINGS',
            `Account ${account.code} has bookings; block it instead.`,
            ['input', 'accountId'],
          );
        }
        const usedByVat = await scoped(m, VatCodeEntity, administrationId).findOneBy([
          { vatAccountId: account.id },
          { inputVatAccountId: account.id },
        ]);
        const usedByJournal = await scoped(m, JournalEntity, administrationId).findOneBy({
          accountId: account.id,
        });
        if (usedByVat || usedByJournal) {
          throw ledgerError(
            'ACCOUNT_IN_USE',
            `Account ${account.code} is the account of ${usedByVat ? `VAT code ${usedByVat.code}` : `journal ${usedByJournal!.code}`}.`,
            ['input', 'accountId'],
          );
        }
        if (await isAccountOfBankRule(m, administrationId, account.id)) {
          throw ledgerError(
            'ACCOUNT_IN_USE',
            `Account ${account.code} is the account of a bank booking rule; delete the rule first.`,
            ['input', 'accountId'],
          );
        }
        await scoped(m, AccountEntity, administrationId).delete({ id: account.id });
        return account.id;
      });
    } catch (error) {
      if (isForeignKeyViolation(error)) {
        throw ledgerError('ACCOUNT_HAS_BOOKINGS', 'The account was booked on a moment ago.', [
          'input',
          'accountId',
        ]);
      }
      throw error;
    }
  }

  private async lockAccount(
    m: EntityManager,
    administrationId: string,
    accountId: string,
  ): Promise<AccountEntity> {
    await lockBooks(m, administrationId, 'share');
    const account = isUuid(accountId)
      ? await scoped(m, AccountEntity, administrationId)
          .createQueryBuilder('a')
          .andWhere('a.id = :accountId', { accountId })
          .setLock('pessimistic_write')
          .getOne()
      : null;
    if (!account)
      throw ledgerError('ACCOUNT_NOT_FOUND', 'No such account.', ['input', 'accountId']);
    return account;
  }
}

/** Whether any posted or draft line books on the account (an index probe each). */
async function hasBookings(
  m: EntityManager,
  administrationId: string,
  accountId: string,
): Promise<boolean> {
  const posted = await scoped(m, JournalEntryLineEntity, administrationId)
    .createQueryBuilder('l')
    .andWhere('l.accountId = :accountId', { accountId })
    .getExists();
  if (posted) return true;
  return scoped(m, DraftEntryLineEntity, administrationId)
    .createQueryBuilder('l')
    .andWhere('l.accountId = :accountId', { accountId })
    .getExists();
}
