import DataLoader from 'dataloader';
import type { CustomerEntity } from './customer.entity.js';
import type { CustomerService } from './customer.service.js';

export interface AdministrationKey {
  administrationId: string;
  id: string;
}
export const keyOf = (k: AdministrationKey) =>
  `${k.administrationId.toLowerCase()}:${k.id.toLowerCase()}`;

/** Customers by (administration, id), one query per request tick. */
export function createCustomerLoader(service: CustomerService) {
  return new DataLoader<AdministrationKey, CustomerEntity | null, string>(
    async (keys) => {
      const rows = await service.byIds(keys);
      const byKey = new Map(rows.map((r) => [keyOf(r), r]));
      return keys.map((k) => byKey.get(keyOf(k)) ?? null);
    },
    { cacheKeyFn: keyOf },
  );
}
