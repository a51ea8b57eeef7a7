import DataLoader from 'dataloader';
import type { LedgerStatusData, StatusService } from './status.service.js';

/** Open actions per administration: one query for a page of administrations. */
export function createLedgerStatusLoader(service: StatusService) {
  return new DataLoader<string, LedgerStatusData | null>(async (ids) => {
    const status = await service.statusOf(ids);
    return ids.map((id) => status.get(id.toLowerCase()) ?? null);
  });
}
