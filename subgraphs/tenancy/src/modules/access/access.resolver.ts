import { withUserErrors, type Permission, FirstArg, AfterArg } from '@kantoor/platform';
import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { TenancyContext } from '../../context.js';
import { Administration } from '../administration/administration.type.js';
import { Office, User } from '../user/user.type.js';
import { ACCESS_ERRORS } from './access.errors.js';
import { accessLoaders } from './access.loaders.js';
import {
  AccessAuditConnection,
  AccessEntry,
  SetAccessInput,
  SetAccessPayload,
} from './access.type.js';

/** Loads users by id through the per-request user loader: one query for a whole list. */
async function usersById(ctx: TenancyContext, ids: (string | null)[]): Promise<Map<string, User>> {
  const unique = [...new Set(ids.filter((id): id is string => id !== null))];
  const entities = await ctx.loaders.user.loadMany(unique);
  const users = new Map<string, User>();
  for (const entity of entities) {
    if (entity && !(entity instanceof Error)) users.set(entity.id, User.from(entity));
  }
  return users;
}

/** setAccess and the office's access audit log (Office.accessAudit). */
@Resolver(() => Office)
export class AccessResolver {
  @Mutation(() => SetAccessPayload, {
    description:
      "Office ADMIN only. Replaces the user's permissions there; [] revokes all access. A client cannot be given permissions outside clientModules (userErrors code CLIENT_MODULE_NOT_ALLOWED).",
  })
  setAccess(
    @Arg('input', () => SetAccessInput, {
      description: 'The user, the administration and the permissions.',
    })
    input: SetAccessInput,
    @Ctx() ctx: TenancyContext,
  ): Promise<SetAccessPayload> {
    return withUserErrors(ACCESS_ERRORS, async () => {
      const permissions = await ctx.services.access.setAccess(
        input.administrationId,
        input.userId,
        input.permissions,
        ctx.viewer,
      );
      return { permissions };
    });
  }

  @FieldResolver(() => AccessAuditConnection, {
    nullable: true,
    description:
      "Office ADMIN only: every change of a user's access in this office's administrations, newest first.",
  })
  async accessAudit(
    @Root() office: Office,
    @Ctx() ctx: TenancyContext,
    @FirstArg()
    first?: number,
    @AfterArg()
    after?: string,
    @Arg('administrationId', () => ID, {
      nullable: true,
      description: 'Only the changes in this administration.',
    })
    administrationId?: string,
  ): Promise<AccessAuditConnection> {
    const page = await ctx.services.access.auditOfOffice(office.id, first, after, administrationId);
    const users = await usersById(
      ctx,
      page.edges.flatMap((e) => [e.node.userId, e.node.changedBy]),
    );
    return {
      ...page,
      edges: page.edges.map(({ cursor, node }) => ({
        cursor,
        node: {
          id: node.id,
          administrationId: node.administrationId,
          user: users.get(node.userId) ?? null,
          changedBy: node.changedBy ? (users.get(node.changedBy) ?? null) : null,
          action: node.action,
          permissionsBefore: node.permissionsBefore,
          permissionsAfter: node.permissionsAfter,
          changedAt: node.changedAt,
        },
      })),
    };
  }
}

/**
 * Administration.access. A second resolver class because type-graphql binds a resolver
 * class to one object type; schema.ts must list it next to AccessResolver.
 */
@Resolver(() => Administration)
export class AdministrationAccessResolver {
  @FieldResolver(() => [AccessEntry], {
    nullable: true,
    description:
      "Office ADMIN only: who has what here, one entry per user with any effective permission, ordered by name. Office ADMINs' implicit access is marked viaOfficeRole.",
  })
  async access(
    @Root() administration: Administration,
    @Ctx() ctx: TenancyContext,
  ): Promise<AccessEntry[]> {
    const rows = await accessLoaders(ctx).accessEntries.load(administration.id);
    const users = await usersById(
      ctx,
      rows.map((r) => r.userId),
    );
    return rows.flatMap((row) => {
      const user = users.get(row.userId);
      if (!user) return [];
      const permissions: Permission[] = row.permissions;
      return [
        {
          id: `${administration.id}:${row.userId}`,
          user,
          permissions,
          viaOfficeRole: row.viaOfficeRole,
        },
      ];
    });
  }
}
