import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { Permission } from '../auth/permissions.js';
import { isUuid, type Viewer } from '../auth/viewer.js';

export type PermissionLoader = DataLoader<string, ReadonlySet<Permission>>;

const NONE: ReadonlySet<Permission> = new Set();

/**
 * Per request: the viewer's effective permissions per administration, from tenancy's
 * published `tenancy.effective_permissions` view. All administrations a request touches
 * are loaded in one query; nothing is cached across requests, so a revoked grant takes
 * effect on the next one. API tokens are cut down to their scope.
 */
export function createPermissionLoader(db: DataSource, viewer: Viewer): PermissionLoader {
  return new DataLoader<string, ReadonlySet<Permission>>(async (ids) => {
    if (viewer.kind !== 'user') return ids.map(() => NONE);
    const valid = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
    const byAdministration = new Map<string, Set<Permission>>();
    if (valid.length > 0) {
      const rows: { administration_id: string; permission: Permission }[] = await db.query(
        `SELECT administration_id::text AS administration_id, permission
           FROM tenancy.effective_permissions
          WHERE user_id = $1::uuid AND administration_id = ANY($2::uuid[])`,
        [viewer.userId, valid],
      );
      for (const row of rows) {
        if (viewer.scope && !viewer.scope.has(row.permission)) continue;
        let set = byAdministration.get(row.administration_id);
        if (!set) byAdministration.set(row.administration_id, (set = new Set()));
        set.add(row.permission);
      }
    }
    return ids.map((id) => (isUuid(id) ? (byAdministration.get(id.toLowerCase()) ?? NONE) : NONE));
  });
}
