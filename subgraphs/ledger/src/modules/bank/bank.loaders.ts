import { perAdministrationLoader } from '../common/ledger.loaders.js';
import type { BankReadService } from './bank-read.service.js';

/** Booking rules per administration, in the order they are tried: one query per page. */
export function createBankRulesLoader(service: BankReadService) {
  return perAdministrationLoader((ids) => service.rulesOf(ids));
}

/** Unprocessed transactions per bank account, grouped per administration: one query per page. */
export function createUnprocessedCountsLoader(service: BankReadService) {
  return perAdministrationLoader((ids) => service.unprocessedCountsOf(ids));
}

/** Open items with an open amount per administration (for suggestions): one query per page. */
export function createOpenItemsLoader(service: BankReadService) {
  return perAdministrationLoader((ids) => service.openItemsOf(ids));
}

/** Bank statements with their checks per administration: one query per page. */
export function createBankStatementsLoader(service: BankReadService) {
  return perAdministrationLoader((ids) => service.statementsOf(ids));
}

/** Lines booked by hand on bank accounts, not linked to a transaction (for suggestions). */
export function createHandBookedBankLinesLoader(service: BankReadService) {
  return perAdministrationLoader((ids) => service.handBookedBankLinesOf(ids));
}
