import DataLoader from 'dataloader';

/**
 * A DataLoader's cache (its `cacheMap`: key -> promise) that also keeps the value of every
 * promise that settled while it was still the one cached for its key. A key deleted or
 * cleared (clearAll) loses its value at once, and a promise that settles after it was
 * replaced or cleared records nothing: `settled` answers exactly what the loader's next `load`
 * would, or nothing. A rejected load records nothing.
 */
class SettledCache<K, V> {
  private readonly promises = new Map<K, Promise<V>>();
  readonly values = new Map<K, V>();

  get(key: K): Promise<V> | undefined {
    return this.promises.get(key);
  }

  set(key: K, promise: Promise<V>): this {
    this.promises.set(key, promise);
    this.values.delete(key);
    promise.then(
      (value) => {
        if (this.promises.get(key) === promise) this.values.set(key, value);
      },
      () => undefined,
    );
    return this;
  }

  delete(key: K): boolean {
    this.values.delete(key);
    return this.promises.delete(key);
  }

  clear(): void {
    this.values.clear();
    this.promises.clear();
  }
}

const caches = new WeakMap<object, SettledCache<unknown, unknown>>();

/**
 * A per-request DataLoader (keys as given, no cacheKeyFn) whose loaded or primed values can
 * be read without waiting (`settled`). `load` is unchanged: a promise, batched as usual.
 * For resolvers that run for every object of a page: when the value is already there (primed
 * by the page's own statement), they answer synchronously instead of one promise per object.
 */
export function settledLoader<K, V>(
  batch: DataLoader.BatchLoadFn<K, V>,
  options: Omit<DataLoader.Options<K, V, K>, 'cacheMap' | 'cacheKeyFn'> = {},
): DataLoader<K, V> {
  const cache = new SettledCache<K, V>();
  const loader = new DataLoader<K, V>(batch, { ...options, cacheMap: cache });
  caches.set(loader, cache as SettledCache<unknown, unknown>);
  return loader;
}

/**
 * The value `loader` already holds for `key` (loaded or primed, not cleared since), without
 * waiting; undefined when it holds none yet, or when the loader was not made by settledLoader.
 */
export function settled<K, V>(loader: DataLoader<K, V> | undefined, key: K): V | undefined {
  if (!loader) return undefined;
  const cache = caches.get(loader) as SettledCache<K, V> | undefined;
  return cache?.values.get(key);
}
