import { perAdministrationArgsLoader } from '../common/ledger.loaders.js';
import type { ReportService } from './report.service.js';

/** Trial balances per administration and period: one call per period for a page. */
export function createTrialBalanceLoader(service: ReportService) {
  return perAdministrationArgsLoader((ids, a: { from: string; to: string }) =>
    service.trialBalances(ids, a.from, a.to),
  );
}

/** Balance sheets per administration, date and RGS level: one call per set of arguments. */
export function createBalanceSheetLoader(service: ReportService) {
  return perAdministrationArgsLoader((ids, a: { date: string; rgsLevel: number }) =>
    service.balanceSheets(ids, a.date, a.rgsLevel),
  );
}

/** Profit and loss per administration, period and RGS level: one call per set of arguments. */
export function createProfitAndLossLoader(service: ReportService) {
  return perAdministrationArgsLoader((ids, a: { from: string; to: string; rgsLevel: number }) =>
    service.profitAndLosses(ids, a.from, a.to, a.rgsLevel),
  );
}
