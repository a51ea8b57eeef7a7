import {
  pageByNameWithRaw,
  type Page,
  type PrefetchedPermissions,
  type UserViewer,
} from '@kantoor/platform';
import type { SelectQueryBuilder } from 'typeorm';
import {
  openActionsRowFromJson,
  type OpenActionsRow,
} from '../open-actions/open-actions.service.js';
import {
  openActionsSelectSql,
  type OpenActionsDay,
  type OpenActionsJson,
} from '../open-actions/open-actions.sql.js';
import type { AdministrationEntity } from './administration.entity.js';
import { permissionsSelectSql } from './visibility.sql.js';

/** What a list may read beside its page: the open actions of `openActionsDay` (when shown). */
export interface ListExtras {
  openActionsDay?: OpenActionsDay;
}

/**
 * A page of the viewer's administrations, with what its statement read for the request's
 * loaders (null: not read there): the viewer's permission rows, the open actions per id.
 */
export type ListedPage = Page<AdministrationEntity> & {
  permissionRows?: PrefetchedPermissions | null;
  openActions?: Map<string, OpenActionsRow | null> | null;
};

/**
 * A NAME-ordered page with, in its one statement, the count, the viewer's permissions in
 * each administration and (when asked) its open actions: what the page's fields will ask
 * the request's loaders first (the resolver primes them).
 */
export async function pageWithAccess(
  base: SelectQueryBuilder<AdministrationEntity>,
  viewer: UserViewer,
  first: number | null | undefined,
  after: string | null | undefined,
  extras: ListExtras,
): Promise<ListedPage> {
  const permissions = permissionsSelectSql(viewer);
  const openActions = extras.openActionsDay ? openActionsSelectSql(extras.openActionsDay) : null;
  const { page, raw } = await pageByNameWithRaw<
    AdministrationEntity,
    { page_permissions: string | null; page_open_actions?: OpenActionsJson | null }
  >(
    base,
    'a',
    'name',
    first,
    after,
    (qb) => {
      qb.addSelect(permissions.sql, 'page_permissions').setParameters(permissions.params);
      if (openActions) {
        qb.addSelect(openActions.sql, 'page_open_actions').setParameters(openActions.params);
      }
    },
    { countApart: true },
  );
  const ids = [...raw.keys()];
  return {
    ...page,
    permissionRows: {
      userId: viewer.userId,
      ids,
      rows: ids.flatMap((id) => {
        const p = raw.get(id)!.page_permissions;
        return p ? [{ administration_id: id, permissions: p }] : [];
      }),
    },
    openActions: openActions
      ? new Map(
          ids.map((id) => [id, openActionsRowFromJson(id, raw.get(id)!.page_open_actions ?? null)]),
        )
      : null,
  };
}
