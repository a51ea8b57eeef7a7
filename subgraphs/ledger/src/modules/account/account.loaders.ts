import { perAdministrationLoader } from '../common/loaders.js';
import type { AccountService } from './account.service.js';

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
