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

/**
 * A loader of a per-administration field with arguments (a report of a period): the keys of
 * one request are grouped by their arguments, and each group is one call of `load` for all
 * its administrations (a page of 100 administrations asking the same report: one call). A
 * failure of a group (e.g. a bad date) is the error of each of its keys.
 */
export function perAdministrationArgsLoader<A, R>(
  load: (administrationIds: string[], args: A) => Promise<Map<string, R>>,
) {
  return new DataLoader<{ administrationId: string; args: A }, R | null, string>(
    async (keys) => {
      const groups = new Map<string, { args: A; ids: string[] }>();
      for (const key of keys) {
        const argsKey = JSON.stringify(key.args);
        const group = groups.get(argsKey) ?? { args: key.args, ids: [] };
        group.ids.push(key.administrationId);
        groups.set(argsKey, group);
      }
      const results = new Map<string, Map<string, R> | Error>();
      await Promise.all(
        [...groups].map(async ([argsKey, group]) => {
          try {
            results.set(argsKey, await load([...new Set(group.ids)], group.args));
          } catch (error) {
            results.set(argsKey, error instanceof Error ? error : new Error(String(error)));
          }
        }),
      );
      return keys.map((key) => {
        const result = results.get(JSON.stringify(key.args))!;
        return result instanceof Error ? result : (result.get(key.administrationId) ?? null);
      });
    },
    { cacheKeyFn: (key) => `${JSON.stringify(key.args)}|${key.administrationId}` },
  );
}
