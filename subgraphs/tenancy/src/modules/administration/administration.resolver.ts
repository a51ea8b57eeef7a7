import {
  assertUser,
  createPermissionLoader,
  issuedPrincipal,
  primePermissions,
  selectsPath,
  type Permission,
  FirstArg,
  AfterArg,
} from '@kantoor/platform';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import type { TenancyContext } from '../../context.js';
import type { AdministrationOrder } from '../open-actions/open-actions.service.js';
import { AdministrationOrderEnum } from '../open-actions/open-actions.type.js';
import { PermissionEnum } from './administration.enums.js';
import {
  Administration,
  AdministrationConnection,
  AdministrationFilter,
} from './administration.type.js';

@Resolver(() => Administration)
export class AdministrationResolver {
  @Query(() => Administration, {
    nullable: true,
    description:
      'Null when it does not exist or the viewer may not open it (no difference is visible).',
  })
  async administration(
    @Arg('id', () => ID, { description: "The administration's id." }) id: string,
    @Ctx() ctx: TenancyContext,
  ): Promise<Administration | null> {
    const [entity, permissions] = await Promise.all([
      ctx.loaders.administration.load(id),
      ctx.permissions.load(id),
    ]);
    return entity && permissions.size > 0 ? Administration.from(entity) : null;
  }

  @Query(() => AdministrationConnection, {
    description:
      'Every administration the viewer may open, ordered by name (or by orderBy: most open actions, nearest VAT due date).',
  })
  async administrations(
    @Ctx() ctx: TenancyContext,
    @FirstArg()
    first?: number,
    @AfterArg()
    after?: string,
    @Arg('filter', () => AdministrationFilter, {
      nullable: true,
      description:
        'Which administrations; every one the viewer may open (not archived) when absent.',
    })
    filter?: AdministrationFilter,
    @Arg('orderBy', () => AdministrationOrderEnum, {
      nullable: true,
      description: 'NAME when absent.',
    })
    orderBy?: AdministrationOrder | null,
    @Info() info?: GraphQLResolveInfo,
  ): Promise<AdministrationConnection> {
    const viewer = assertUser(ctx.viewer);
    const { permissionRows, openActions, ...page } =
      await ctx.services.administrations.listForViewer(
        viewer,
        first,
        after,
        filter,
        orderBy ?? 'NAME',
        {
          openActionsDay:
            info && selectsPath(info, ['edges', 'node', 'openActions'])
              ? ctx.openActionsDay
              : undefined,
        },
      );
    // What the page's statement read for the fields below: the loaders answer without a query.
    for (const edge of page.edges) ctx.loaders.administration.prime(edge.node.id, edge.node);
    if (permissionRows) primePermissions(ctx.permissions, ctx.viewer, permissionRows);
    openActions?.forEach((row, id) => ctx.loaders.openActions.prime(id, row));
    return {
      ...page,
      edges: page.edges.map((e) => ({ cursor: e.cursor, node: Administration.from(e.node) })),
    };
  }

  @FieldResolver(() => [PermissionEnum], {
    description: "The viewer's effective permissions in this administration.",
  })
  async myPermissions(
    @Root() administration: Administration,
    @Ctx() ctx: TenancyContext,
  ): Promise<Permission[]> {
    // A signUpBusiness payload's administration: the permissions of the owner it was issued to.
    const principal = issuedPrincipal(administration);
    const loader = principal
      ? createPermissionLoader(ctx.runtime.dataSource, principal)
      : ctx.permissions;
    return [...(await loader.load(administration.id))].sort();
  }
}
