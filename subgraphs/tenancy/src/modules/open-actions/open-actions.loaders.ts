import { isUuid, settledLoader } from '@kantoor/platform';
import type { OpenActionsRow, OpenActionsService } from './open-actions.service.js';
import { openActionsDay } from './open-actions.sql.js';

/** Per request: the open actions of every administration it shows, one query, one day. */
export function createOpenActionsLoader(service: OpenActionsService, day = openActionsDay()) {
  return settledLoader<string, OpenActionsRow | null>(async (ids) => {
    const rows = await service.byIds(
      ids.filter(isUuid).map((id) => id.toLowerCase()),
      day,
    );
    const byId = new Map(rows.map((r) => [r.administrationId, r]));
    return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
  });
}
