import type DataLoader from 'dataloader';
import { settledLoader } from '../graphql/settled-loader.js';
import type { DataSource } from 'typeorm';
import { isPermission, type Permission } from '../auth/permissions.js';
import { isUuid, type Viewer } from '../auth/viewer.js';
import { prepared } from '../db/prepared.js';
import { permissionRowsSql, type PermissionRow } from '../auth/permission-rows.js';

export type PermissionLoader = DataLoader<string, ReadonlySet<Permission>>;

const NONE: ReadonlySet<Permission> = new Set();

/**
 * Per request: the viewer's effective permissions per administration, from tenancy's
 * published `tenancy.effective_permissions` view. All administrations a request touches
 * are loaded in one query; nothing is cached across requests, so a revoked grant takes
 * effect on the next one. API tokens are cut down to their scope. Ids the request names in its
 * variables are read with the viewer (resolveViewerAndPermissions); any other id at its first use.
 */
export function createPermissionLoader(
  db: DataSource,
  viewer: Viewer,
  prefetched?: PrefetchedPermissions | null,
): PermissionLoader {
  const loader = settledLoader<string, ReadonlySet<Permission>>(async (ids) => {
    if (viewer.kind !== 'user') return ids.map(() => NONE);
    const valid = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
    const rows = valid.length > 0 ? await permissionRows(db, viewer.userId, valid) : [];
    const byAdministration = permissionsByAdministration(viewer, rows);
    return ids.map((id) => (isUuid(id) ? (byAdministration.get(id.toLowerCase()) ?? NONE) : NONE));
  });
  // Rows read for this very viewer (same user) while the viewer was being resolved.
  if (prefetched) primePermissions(loader, viewer, prefetched);
  return loader;
}

/**
 * Gives `loader` the answers for `prefetched.ids` from rows read for this very viewer (the
 * same user) elsewhere in the request, in the same shape as the loader's own query: cut to
 * the viewer's scope the same way; an id without a row has no permission. Rows read for
 * another user are ignored. Like every answer of the loader, they live for this request only.
 */
export function primePermissions(
  loader: PermissionLoader,
  viewer: Viewer,
  prefetched: PrefetchedPermissions,
): void {
  if (viewer.kind !== 'user' || prefetched.userId !== viewer.userId) return;
  const byAdministration = permissionsByAdministration(viewer, prefetched.rows);
  for (const id of prefetched.ids) {
    if (isUuid(id)) loader.prime(id.toLowerCase(), byAdministration.get(id.toLowerCase()) ?? NONE);
  }
}

// Prepared: planning the view's three-branch UNION cost as much as running it (db/prepared.ts).
const PERMISSIONS_OF = prepared(permissionRowsSql('$1', '$2'));

async function permissionRows(
  db: DataSource,
  userId: string,
  ids: readonly string[],
): Promise<PermissionRow[]> {
  return db.query(PERMISSIONS_OF, [userId, ids]);
}

function permissionsByAdministration(
  viewer: Extract<Viewer, { kind: 'user' }>,
  rows: readonly PermissionRow[],
): Map<string, ReadonlySet<Permission>> {
  const byAdministration = new Map<string, ReadonlySet<Permission>>();
  // Rows mostly repeat one list (an office ADMIN holds the same seven everywhere): one
  // read-only set per distinct list.
  const parsed = new Map<string, ReadonlySet<Permission>>();
  for (const row of rows) {
    let set = parsed.get(row.permissions);
    if (!set) {
      const permissions = new Set<Permission>();
      for (const permission of row.permissions.split(',')) {
        if (!isPermission(permission)) continue;
        if (viewer.scope && !viewer.scope.has(permission)) continue;
        permissions.add(permission);
      }
      parsed.set(row.permissions, (set = permissions));
    }
    if (set.size > 0) byAdministration.set(row.administration_id, set);
  }
  return byAdministration;
}

/** Permission rows of `userId` on `ids` (lower-case uuids), read before the viewer was known. */
export interface PrefetchedPermissions {
  userId: string;
  ids: string[];
  rows: PermissionRow[];
}

const MAX_PREFETCH = 100;

/**
 * The administration ids a request names in its variables: every `administrationId` value,
 * and the `id` of every Administration representation of an `_entities` call (at most 100,
 * lower-case). What the shield rules of such a request will ask the loader first.
 */
export function administrationIdsIn(variables: unknown): string[] {
  const found = new Set<string>();
  const walk = (value: unknown, depth: number): void => {
    if (found.size >= MAX_PREFETCH || depth > 6 || value === null || typeof value !== 'object') {
      return;
    }
    if (Array.isArray(value)) {
      for (const item of value) walk(item, depth + 1);
      return;
    }
    const record = value as Record<string, unknown>;
    if (record.__typename === 'Administration' && isUuid(record.id)) {
      found.add(record.id.toLowerCase());
    }
    for (const [key, item] of Object.entries(record)) {
      if (key === 'administrationId' && isUuid(item)) found.add(item.toLowerCase());
      else walk(item, depth + 1);
    }
  };
  walk(variables, 0);
  return [...found].slice(0, MAX_PREFETCH);
}
