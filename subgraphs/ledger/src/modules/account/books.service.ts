import { randomUUID } from 'node:crypto';
import { isUuid, MoneyDecimal } from '@kantoor/platform';
import type { EntityManager } from 'typeorm';
import { insertScoped } from '../common/ledger.sql.js';
import { ledgerError } from '../common/ledger.errors.js';
import { AccountEntity, JournalEntity, VatCodeEntity } from './account.entity.js';
import { insertBooksRow, lockBooksRow, updateBooksArchived } from './account.sql.js';
import type { ChartSpec } from './default-chart.data.js';

export interface BooksOrigin {
  officeId: string | null;
  chartSource: 'KANTOOR_DEFAULT' | 'OFFICE_TEMPLATE';
  chartTemplateId: string | null;
}

/**
 * Opens the books of a new administration with a copy of `chart` (accounts, VAT codes,
 * journals): copied, not referenced, so later template edits never rewrite existing books.
 * Exactly once per administration: the books row is the guard (a second delivery of the
 * event finds it and changes nothing). Returns false when the books were already open.
 */
export async function openBooks(
  manager: EntityManager,
  administrationId: string,
  chart: ChartSpec,
  origin: BooksOrigin,
): Promise<boolean> {
  if (!(await insertBooksRow(manager, administrationId, origin))) return false;

  const accountIds = new Map<string, string>();
  for (const account of chart.accounts) accountIds.set(account.code, randomUUID());
  const idOf = (code: string | null) => {
    if (code === null) return null;
    const id = accountIds.get(code);
    if (!id) throw new Error(`chart: no account ${code}`);
    return id;
  };
  await insertScoped<AccountEntity>(
    manager,
    AccountEntity,
    administrationId,
    chart.accounts.map((a) => ({
      id: accountIds.get(a.code)!,
      code: a.code,
      name: a.name,
      type: a.type,
      rgsCode: a.rgsCode,
      blocked: false,
    })),
  );
  await insertScoped<VatCodeEntity>(
    manager,
    VatCodeEntity,
    administrationId,
    chart.vatCodes.map((v) => ({
      id: randomUUID(),
      code: v.code,
      description: v.description,
      rate: new MoneyDecimal(v.rate),
      direction: v.direction,
      reverseCharge: v.reverseCharge,
      vatAccountId: idOf(v.vatAccountCode),
      inputVatAccountId: idOf(v.inputVatAccountCode),
      turnoverBox: v.turnoverBox,
      vatBox: v.vatBox,
      exemptionGround: v.exemptionGround ?? null,
      blocked: false,
    })),
  );
  await insertScoped<JournalEntity>(
    manager,
    JournalEntity,
    administrationId,
    chart.journals.map((j) => ({
      id: randomUUID(),
      code: j.code,
      name: j.name,
      type: j.type,
      accountId: idOf(j.accountCode),
      iban: null,
    })),
  );
  return true;
}

/**
 * Locks the books row of an administration for this transaction: FOR SHARE by every
 * posting (postings do not wait for each other here), FOR UPDATE by lockPeriod, so a lock
 * and a posting are ordered: a posting either commits before the lock is taken, or waits
 * for it and then sees the locked period. BOOKS_NOT_OPEN when the ledger has not opened
 * the books (yet).
 */
export async function lockBooks(
  manager: EntityManager,
  administrationId: string,
  mode: 'share' | 'update',
  field: string[] = ['input', 'administrationId'],
  options: { allowArchived?: boolean } = {},
): Promise<void> {
  const books = isUuid(administrationId)
    ? await lockBooksRow(manager, administrationId, mode)
    : null;
  if (!books) {
    throw ledgerError(
      'BOOKS_NOT_OPEN',
      'The books of this administration are not open (it has no ledger, or it was created a moment ago).',
      field,
    );
  }
  if (books.archived && !options.allowArchived) {
    throw ledgerError(
      'ADMINISTRATION_ARCHIVED',
      'The administration is archived: its books are read-only until it is unarchived.',
      field,
    );
  }
}

/**
 * Tenancy archived (or unarchived) an administration at `occurredAt`: kept on the books row
 * unless a later archive event was applied already. Without books nothing happens.
 */
export async function setBooksArchived(
  manager: EntityManager,
  administrationId: string,
  archived: boolean,
  occurredAt: Date,
): Promise<void> {
  await updateBooksArchived(manager, administrationId, archived, occurredAt);
}
