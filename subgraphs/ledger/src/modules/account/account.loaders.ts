import DataLoader from 'dataloader';
import { isUuid } from '@kantoor/platform';
import type { AccountEntity } from './account.entity.js';
import type { AccountService } from './account.service.js';

/** Per request: accounts per administration, one query for a page of administrations. */
export function createAccountsLoader(service: AccountService) {
  return new DataLoader<string, AccountEntity[]>(async (ids) => {
    const rows = await service.accountsOf(ids.filter(isUuid));
    const byAdministration = new Map<string, AccountEntity[]>();
    for (const row of rows) {
      const list = byAdministration.get(row.administrationId) ?? [];
      list.push(row);
      byAdministration.set(row.administrationId, list);
    }
    return ids.map((id) => byAdministration.get(id.toLowerCase()) ?? []);
  });
}
