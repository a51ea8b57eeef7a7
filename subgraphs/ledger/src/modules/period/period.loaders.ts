import { perAdministrationLoader } from '../common/ledger.loaders.js';
import type { PeriodService } from './period.service.js';

/** Locked periods per administration, oldest first: one query for a page of administrations. */
export function createLockedPeriodsLoader(service: PeriodService) {
  return perAdministrationLoader((ids) => service.lockedPeriodsOfMany(ids));
}

/** Fiscal years per administration: one query for a page of administrations. */
export function createFiscalYearsLoader(service: PeriodService) {
  return perAdministrationLoader((ids) => service.fiscalYearsOfMany(ids));
}
