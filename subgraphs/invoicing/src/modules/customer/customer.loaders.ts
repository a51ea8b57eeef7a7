import DataLoader from 'dataloader';
import { isUuid } from '@kantoor/platform';
import type { CustomerEntity } from './customer.entity.js';
import type { CustomerService } from './customer.service.js';

export function createCustomersLoader(service: CustomerService) {
  return new DataLoader<string, CustomerEntity[]>(async (ids) => {
    const rows = await service.customersOf(ids.filter(isUuid));
    const grouped = new Map<string, CustomerEntity[]>();
    for (const row of rows)
      grouped.set(row.administrationId, [...(grouped.get(row.administrationId) ?? []), row]);
    return ids.map((id) => grouped.get(id.toLowerCase()) ?? []);
  });
}
