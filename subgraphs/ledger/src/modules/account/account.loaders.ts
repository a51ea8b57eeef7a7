import type { LedgerContext } from '../../context.js';
import { perAdministrationLoader } from '../common/ledger.loaders.js';
import type { AccountService } from './account.service.js';
import { Account } from './account.type.js';

/** Per request: accounts per administration, one query for a page of administrations. */
export function createAccountsLoader(service: AccountService) {
  return perAdministrationLoader((ids) => service.accountsOf(ids));
}

export function createVatCodesLoader(service: AccountService) {
  return perAdministrationLoader((ids) => service.vatCodesOf(ids));
}

export function createJournalsLoader(service: AccountService) {
  return perAdministrationLoader((ids) => service.journalsOf(ids));
}

/** An account of an administration by id, through the per-request accounts loader. */
export async function accountById(
  ctx: LedgerContext,
  administrationId: string,
  accountId: string | null,
): Promise<Account | null> {
  if (!accountId) return null;
  const accounts = await ctx.loaders.accounts.load(administrationId);
  const row = accounts.find((a) => a.id === accountId);
  return row ? Account.from(row) : null;
}
