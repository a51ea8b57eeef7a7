import { carryPrincipal, FirstArg, AfterArg } from '@kantoor/platform';
import { GraphQLError } from 'graphql';
import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { TenancyContext } from '../../context.js';
import { Office, User, UserConnection } from './user.type.js';

@Resolver(() => User)
export class UserResolver {
  @Query(() => User, { description: 'The logged-in user. UNAUTHENTICATED without a valid token.' })
  async me(@Ctx() ctx: TenancyContext): Promise<User> {
    if (ctx.viewer.kind !== 'user') {
      throw new GraphQLError('Log in first.', { extensions: { code: 'UNAUTHENTICATED' } });
    }
    const entity = await ctx.loaders.user.load(ctx.viewer.userId);
    if (!entity)
      throw new GraphQLError('Log in first.', { extensions: { code: 'UNAUTHENTICATED' } });
    return User.from(entity);
  }

  @FieldResolver(() => Office, {
    nullable: true,
    description:
      'The office the user belongs to; null for OPS and for the owner of a business with its own subscription.',
  })
  async office(@Root() user: User, @Ctx() ctx: TenancyContext): Promise<Office | null> {
    if (!user.officeId) return null;
    const entity = await ctx.loaders.office.load(user.officeId);
    // A payload's user passes its principal on to its office (auth/principal.ts).
    return entity ? carryPrincipal(user, Office.from(entity)) : null;
  }
}

@Resolver(() => Office)
export class OfficeResolver {
  @FieldResolver(() => UserConnection, { nullable: true, description: 'Office ADMIN only.' })
  async users(
    @Root() office: Office,
    @Ctx() ctx: TenancyContext,
    @FirstArg()
    first?: number,
    @AfterArg()
    after?: string,
  ): Promise<UserConnection> {
    const page = await ctx.services.users.usersOfOffice(office.id, first, after);
    return {
      ...page,
      edges: page.edges.map((e) => ({
        cursor: e.cursor,
        node: carryPrincipal(office, User.from(e.node)),
      })),
    };
  }
}
