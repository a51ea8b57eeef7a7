import type { BaseContext, SubgraphRuntime } from '@kantoor/platform';
import {
  createAccountsLoader,
  createJournalsLoader,
  createVatCodesLoader,
} from './modules/account/account.loaders.js';
import { AccountService } from './modules/account/account.service.js';
import {
  createDraftLinesLoader,
  createEntriesLoader,
  createEntryLinesLoader,
  createReversalsLoader,
} from './modules/entry/entry.loaders.js';
import { EntryService } from './modules/entry/entry.service.js';
import { PeriodService } from './modules/period/period.service.js';
import { ReportService } from './modules/report/report.service.js';
import { createLedgerStatusLoader } from './modules/status/status.loaders.js';
import { StatusService } from './modules/status/status.service.js';
import { createTemplateContentsLoader } from './modules/template/template.loaders.js';
import { TemplateService } from './modules/template/template.service.js';

export interface LedgerServices {
  accounts: AccountService;
  entries: EntryService;
  periods: PeriodService;
  reports: ReportService;
  status: StatusService;
  templates: TemplateService;
}

export function createLedgerServices(runtime: Pick<SubgraphRuntime, 'dataSource'>): LedgerServices {
  const db = runtime.dataSource;
  return {
    accounts: new AccountService(db),
    entries: new EntryService(db),
    periods: new PeriodService(db),
    reports: new ReportService(db),
    status: new StatusService(db),
    templates: new TemplateService(db),
  };
}

export function createLedgerLoaders(services: LedgerServices) {
  return {
    accounts: createAccountsLoader(services.accounts),
    vatCodes: createVatCodesLoader(services.accounts),
    journals: createJournalsLoader(services.accounts),
    entries: createEntriesLoader(services.entries),
    entryLines: createEntryLinesLoader(services.entries),
    reversals: createReversalsLoader(services.entries),
    draftLines: createDraftLinesLoader(services.entries),
    ledgerStatus: createLedgerStatusLoader(services.status),
    templateContents: createTemplateContentsLoader(services.templates),
  };
}

export type LedgerLoaders = ReturnType<typeof createLedgerLoaders>;

export interface LedgerContext extends BaseContext {
  services: LedgerServices;
  loaders: LedgerLoaders;
}

export function createLedgerContext(base: BaseContext, runtime: SubgraphRuntime): LedgerContext {
  const services = createLedgerServices(runtime);
  return { ...base, services, loaders: createLedgerLoaders(services) };
}
