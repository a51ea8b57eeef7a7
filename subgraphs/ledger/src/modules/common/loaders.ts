import DataLoader from 'dataloader';

/** Loader key of a row of one administration. */
export function rowKey(administrationId: string, id: string): string {
  return `${administrationId.toLowerCase()}:${id.toLowerCase()}`;
}

function splitKey(key: string): [string, string] {
  const at = key.indexOf(':');
  return [key.slice(0, at), key.slice(at + 1)];
}

/** Groups values of many administrations by administration id (for list fields). */
export function perAdministrationLoader<T extends { administrationId: string }>(
  load: (administrationIds: readonly string[]) => Promise<T[]>,
) {
  return new DataLoader<string, T[]>(async (ids) => {
    const rows = await load(ids);
    const by = new Map<string, T[]>();
    for (const row of rows) {
      const list = by.get(row.administrationId) ?? [];
      list.push(row);
      by.set(row.administrationId, list);
    }
    return ids.map((id) => by.get(id.toLowerCase()) ?? []);
  });
}

/**
 * A loader keyed by rowKey(administrationId, id): one query per administration a batch
 * touches (a page of entries is one administration: one query).
 */
export function scopedRowsLoader<T>(
  load: (administrationId: string, ids: string[]) => Promise<T[]>,
  keyOf: (row: T) => string,
) {
  return new DataLoader<string, T[]>(async (keys) => {
    const byAdministration = new Map<string, string[]>();
    for (const key of keys) {
      const [administrationId, id] = splitKey(key);
      const list = byAdministration.get(administrationId) ?? [];
      list.push(id);
      byAdministration.set(administrationId, list);
    }
    const found = new Map<string, T[]>();
    await Promise.all(
      [...byAdministration].map(async ([administrationId, ids]) => {
        for (const row of await load(administrationId, ids)) {
          const key = rowKey(administrationId, keyOf(row));
          const list = found.get(key) ?? [];
          list.push(row);
          found.set(key, list);
        }
      }),
    );
    return keys.map((key) => found.get(key) ?? []);
  });
}
