import type { BaseContext, SubgraphRuntime } from '@kantoor/platform';
import type DataLoader from 'dataloader';
import type { AccountEntity } from './modules/account/account.entity.js';
import { createAccountsLoader } from './modules/account/account.loaders.js';
import { AccountService } from './modules/account/account.service.js';

export interface LedgerContext extends BaseContext {
  loaders: { accounts: DataLoader<string, AccountEntity[]> };
}

export function createLedgerContext(base: BaseContext, runtime: SubgraphRuntime): LedgerContext {
  return {
    ...base,
    loaders: { accounts: createAccountsLoader(new AccountService(runtime.dataSource)) },
  };
}
