import DataLoader from 'dataloader';
import type { OpsService } from './ops.service.js';
import type { OfficeUsage } from './ops.type.js';

/** Usage counts per office, one query for a page of offices. */
export function createOfficeUsageLoader(service: OpsService) {
  return new DataLoader<string, OfficeUsage | null>(async (ids) => {
    const usage = await service.usageOf(ids);
    return ids.map((id) => usage.get(id) ?? null);
  });
}
