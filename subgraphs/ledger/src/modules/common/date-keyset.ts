import {
  decodeCursor,
  isCalendarDate,
  isUuid,
  pageSize,
  toPage,
  type Page,
} from '@kantoor/platform';
import { GraphQLError } from 'graphql';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * A page of `base` (an administration-scoped query builder) in (date, id) order, keyset-
 * paginated: the cursor is [date, id], checked before it reaches SQL. Used by the lists that
 * page by a calendar date and the row's uuid (bank transactions, draft entries).
 */
export async function pageByDateAndId<T extends ObjectLiteral>(
  base: SelectQueryBuilder<T>,
  options: {
    alias: string;
    dateProperty: string;
    direction: 'ASC' | 'DESC';
    first?: number | null;
    after?: string | null;
    key: (row: T) => [string, string];
  },
): Promise<Page<T>> {
  const { alias, dateProperty, direction } = options;
  const size = pageSize(options.first);
  const totalCount = await base.clone().getCount();
  const page = base
    .clone()
    .orderBy(`${alias}.${dateProperty}`, direction)
    .addOrderBy(`${alias}.id`, direction)
    .limit(size + 1);
  if (options.after) {
    const [date, id] = decodeCursor(options.after, 2);
    if (!isCalendarDate(date) || !isUuid(id)) {
      throw new GraphQLError('Invalid cursor.', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    page.andWhere(
      `(${alias}.${dateProperty}, ${alias}.id) ${direction === 'ASC' ? '>' : '<'} (CAST(:afterDate AS date), CAST(:afterId AS uuid))`,
      { afterDate: date, afterId: id },
    );
  }
  const rows = size === 0 ? [] : await page.getMany();
  return toPage(rows, size, options.key, totalCount, Boolean(options.after));
}
