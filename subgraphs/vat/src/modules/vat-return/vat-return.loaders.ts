import DataLoader from 'dataloader';
import { isUuid } from '@kantoor/platform';
import type { VatReturnEntity } from './vat-return.entity.js';
import type { VatReturnService } from './vat-return.service.js';

export function createVatReturnsLoader(service: VatReturnService) {
  return new DataLoader<string, VatReturnEntity[]>(async (ids) => {
    const rows = await service.returnsOf(ids.filter(isUuid));
    const grouped = new Map<string, VatReturnEntity[]>();
    for (const row of rows)
      grouped.set(row.administrationId, [...(grouped.get(row.administrationId) ?? []), row]);
    return ids.map((id) => grouped.get(id.toLowerCase()) ?? []);
  });
}
