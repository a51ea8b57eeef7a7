import { isUuid, settledLoader } from '@kantoor/platform';
import type { AdministrationEntity } from './administration.entity.js';
import type { AdministrationService } from './administration.service.js';

/** Per request: administrations by id, one query for all ids a request touches. */
export function createAdministrationLoader(service: AdministrationService) {
  return settledLoader<string, AdministrationEntity | null>(async (ids) => {
    const rows = await service.byIds(ids.filter(isUuid));
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
  });
}
