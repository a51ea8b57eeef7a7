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
  const size = pageSize(first);
  const sortKey = `lower(${alias}.${nameColumn})`;
  const page = qb
    .clone()
    .addSelect(sortKey, 'page_sort_name')
    .orderBy(sortKey, 'ASC')
    .addOrderBy(`${alias}.id`, 'ASC')
    .limit(size + 1);
  if (after) {
    const [name, id] = decodeCursor(after, 2);
    page.andWhere(`(${sortKey}, ${alias}.id) > (:pageAfterName, CAST(:pageAfterId AS uuid))`, {
      pageAfterName: String(name),
      pageAfterId: String(id),
    });
  }
  // The count and the page are independent statements: side by side (two pool connections).
  const counting = qb.clone().getCount();
  if (size === 0) return toPage<T>([], 0, () => [], await counting, Boolean(after));
  const [totalCount, { entities, raw }] = await Promise.all([
    counting,
    page.getRawAndEntities<{ page_sort_name: string }>(),
  ]);
  const sortNames = new Map(entities.map((e, i) => [e.id, raw[i]!.page_sort_name]));
  return toPage(entities, size, (e) => [sortNames.get(e.id)!, e.id], totalCount, Boolean(after));
}
