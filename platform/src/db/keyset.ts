import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { decodeCursor, pageSize, toPage, type Page } from '../graphql/pagination.js';

/**
 * One Relay page of `qb` ordered by a name case-insensitively, then id: keyset
 * pagination on (lower(name), id), never OFFSET. The cursor holds PostgreSQL's own
 * lower(name), so ordering and cursor agree whatever the collation. `qb` carries the
 * filters (no joins that multiply rows); totalCount counts them without the cursor.
 */
export async function pageByName<T extends ObjectLiteral & { id: string }>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  nameColumn: string,
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<Page<T>> {
  return (await pageByNameWithRaw(qb, alias, nameColumn, first, after)).page;
}

/**
 * pageByName, in one statement: the count is a scalar subquery of the page's own statement
 * (an uncorrelated InitPlan, counted once), and `select` may add per-row columns (named
 * `page_*`), returned raw by id. An empty page (after the last cursor) counts on its own.
 * Each statement costs a wake-up of a PostgreSQL process, most of a small statement's cost
 * on this machine (docs/benchmarks.md).
 *
 * `countApart`: the count is a statement of its own, sent at the same time as the page (on
 * another pooled connection, unless `qb` is bound to a transaction's): for a list whose count
 * reads thousands of rows and whose page computes per-row columns, the two then run on two
 * PostgreSQL processes side by side instead of one after the other (the dashboard's 5,000
 * administrations: docs/benchmarks.md). They read two snapshots: a row added meanwhile may
 * be counted and not listed, or the other way round.
 */
export async function pageByNameWithRaw<
  T extends ObjectLiteral & { id: string },
  R extends Record<string, unknown> = Record<string, unknown>,
>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  nameColumn: string,
  first: number | null | undefined,
  after: string | null | undefined,
  select?: (page: SelectQueryBuilder<T>) => void,
  options: { countApart?: boolean } = {},
): Promise<{ page: Page<T>; raw: Map<string, R> }> {
  const size = pageSize(first);
  const sortKey = `lower(${alias}.${nameColumn})`;
  if (size === 0) {
    return {
      page: toPage<T>([], 0, () => [], await qb.clone().getCount(), Boolean(after)),
      raw: new Map(),
    };
  }
  const page = qb.clone();
  const count = qb.clone().select('count(*)', 'page_total_count').orderBy();
  const apart = options.countApart === true;
  if (!apart) page.addSelect(`(${count.getQuery()})`, 'page_total_count');
  page
    .addSelect(sortKey, 'page_sort_name')
    .orderBy(sortKey, 'ASC')
    .addOrderBy(`${alias}.id`, 'ASC')
    .limit(size + 1);
  select?.(page);
  if (after) {
    const [name, id] = decodeCursor(after, 2);
    page.andWhere(`(${sortKey}, ${alias}.id) > (:pageAfterName, CAST(:pageAfterId AS uuid))`, {
      pageAfterName: String(name),
      pageAfterId: String(id),
    });
  }
  const [{ entities, raw }, counted] = await Promise.all([
    page.getRawAndEntities<R & { page_sort_name: string; page_total_count: string | number }>(),
    apart ? count.getRawOne<{ page_total_count: string | number }>() : undefined,
  ]);
  const totalCount = counted
    ? Number(counted.page_total_count)
    : raw.length > 0
      ? Number(raw[0]!.page_total_count)
      : await qb.clone().getCount();
  const byId = new Map<string, R>();
  const sortNames = new Map<string, string>();
  entities.forEach((e, i) => {
    byId.set(e.id, raw[i]!);
    sortNames.set(e.id, raw[i]!.page_sort_name);
  });
  return {
    page: toPage(entities, size, (e) => [sortNames.get(e.id)!, e.id], totalCount, Boolean(after)),
    raw: byId,
  };
}
