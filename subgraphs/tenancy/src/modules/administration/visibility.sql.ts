import { PERMISSIONS, type UserViewer } from '@kantoor/platform';

/**
 * How a viewer comes to an administration: the one definition from which both the list's
 * visibility predicate and the dashboard's per-administration permissions are derived. Both
 * are equivalent to tenancy.effective_permissions (cut to an API token's scope), in shapes the
 * planner can use: evaluating the view for every administration of a 5,000-administration
 * office costs ~100 ms, an office range scan or a grants semi-join does not
 * (docs/benchmarks.md). visibility.int.spec.ts checks both against the view.
 */
export type ViewerAccess =
  /** An office ADMIN: every administration of the office, every permission. */
  | { via: 'OFFICE'; officeId: string }
  /** An office MEMBER: the administrations of the office they hold a grant in, its permissions. */
  | { via: 'GRANTS'; officeId: string; userId: string }
  /** A CLIENT (a few administrations): the view itself. */
  | { via: 'EFFECTIVE'; userId: string }
  /** OPS, or staff without an office: nothing. */
  | { via: 'NONE' };

export function viewerAccess(viewer: UserViewer): ViewerAccess {
  if (viewer.userKind === 'STAFF' && viewer.officeId) {
    return viewer.officeRole === 'ADMIN'
      ? { via: 'OFFICE', officeId: viewer.officeId }
      : { via: 'GRANTS', officeId: viewer.officeId, userId: viewer.userId };
  }
  if (viewer.userKind === 'CLIENT') return { via: 'EFFECTIVE', userId: viewer.userId };
  return { via: 'NONE' };
}

/**
 * "The viewer may open `a`" (holds any permission in it, within the token's scope) as a
 * predicate on `a` (tenancy.administrations) with TypeORM named parameters.
 */
export function visibleSql(viewer: UserViewer): { where: string; params: Record<string, unknown> } {
  const access = viewerAccess(viewer);
  const scope = viewer.scope ? [...viewer.scope] : null;
  switch (access.via) {
    case 'OFFICE':
      // Every permission: any non-empty scope leaves some.
      return { where: 'a.office_id = :officeId', params: { officeId: access.officeId } };
    case 'GRANTS':
      return {
        where: `a.office_id = :officeId
                AND a.id IN (SELECT g.administration_id FROM tenancy.grants g
                              WHERE g.user_id = :userId AND cardinality(g.permissions) > 0
                                AND (CAST(:scope AS text[]) IS NULL OR g.permissions && CAST(:scope AS text[])))`,
        params: { officeId: access.officeId, userId: access.userId, scope },
      };
    case 'EFFECTIVE':
      return {
        where: `a.id IN (SELECT ep.administration_id FROM tenancy.effective_permissions ep
                          WHERE ep.user_id = :userId
                            AND (CAST(:scope AS text[]) IS NULL OR ep.permission = ANY(CAST(:scope AS text[]))))`,
        params: { userId: access.userId, scope },
      };
    case 'NONE':
      return { where: 'false', params: {} };
  }
}

/**
 * The viewer's permissions in administration `v.id` (before the token's scope) as a
 * `LEFT JOIN LATERAL ... gp` yielding `gp.permissions` (null: none), for rows the visibility
 * predicate already admitted. `param(value)` adds a positional parameter, returns its placeholder.
 */
export function permissionsLateralSql(
  viewer: UserViewer,
  param: (value: unknown) => string,
): string {
  const access = viewerAccess(viewer);
  switch (access.via) {
    case 'OFFICE':
      return `LEFT JOIN (SELECT CAST(${param([...PERMISSIONS])} AS text[]) AS permissions) gp ON true`;
    case 'GRANTS':
      return `LEFT JOIN LATERAL (SELECT g.permissions FROM tenancy.grants g
                                  WHERE g.user_id = CAST(${param(access.userId)} AS uuid)
                                    AND g.administration_id = v.id) gp ON true`;
    case 'EFFECTIVE':
      return `LEFT JOIN LATERAL (SELECT array_agg(ep.permission) AS permissions
                                   FROM tenancy.effective_permissions ep
                                  WHERE ep.user_id = CAST(${param(access.userId)} AS uuid)
                                    AND ep.administration_id = v.id) gp ON true`;
    case 'NONE':
      return `LEFT JOIN (SELECT CAST(NULL AS text[]) AS permissions) gp ON true`;
  }
}

/**
 * The viewer's permissions in administration `a.id` (before the token's scope) as a select
 * expression: the permissions joined by commas, null for none; TypeORM named parameters. The
 * list's page reads them in its own statement and hands them to the request's permission
 * loader (which cuts them to the scope), instead of a second statement on the view.
 */
export function permissionsSelectSql(viewer: UserViewer): {
  sql: string;
  params: Record<string, unknown>;
} {
  const params: Record<string, unknown> = {};
  const join = permissionsLateralSql(viewer, (value) => {
    const name = `pagePermission${Object.keys(params).length}`;
    params[name] = value;
    return `:${name}`;
  });
  return {
    sql: `(SELECT array_to_string(gp.permissions, ',') FROM (SELECT a.id AS id) v ${join})`,
    params,
  };
}
