import { assertOps, withUserErrors, FirstArg, AfterArg } from '@kantoor/platform';
import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { TenancyContext } from '../../context.js';
import { Office } from '../user/user.type.js';
import { OPS_ERRORS } from './ops.errors.js';
import {
  OfficeConnection,
  OfficeUsage,
  SuspendOfficeInput,
  SuspendOfficePayload,
} from './ops.type.js';

@Resolver(() => Office)
export class OpsResolver {
  @Query(() => OfficeConnection, { nullable: true, description: 'OPS only.' })
  async offices(
    @Ctx() ctx: TenancyContext,
    @FirstArg()
    first?: number,
    @AfterArg()
    after?: string,
    @Arg('search', () => String, {
      nullable: true,
      description: 'Part of the office name, case-insensitive.',
    })
    search?: string,
  ): Promise<OfficeConnection> {
    const page = await ctx.services.ops.listOffices(first, after, search);
    return {
      ...page,
      edges: page.edges.map((e) => ({ cursor: e.cursor, node: Office.from(e.node) })),
    };
  }

  @Mutation(() => SuspendOfficePayload, {
    description: "OPS only. A suspended office's users cannot log in or use their tokens.",
  })
  suspendOffice(
    @Arg('input', () => SuspendOfficeInput, {
      description: 'The office and whether it is suspended.',
    })
    input: SuspendOfficeInput,
    @Ctx() ctx: TenancyContext,
  ): Promise<SuspendOfficePayload> {
    return withUserErrors(OPS_ERRORS, async () => {
      const office = await ctx.services.ops.setSuspended(
        input.officeId,
        input.suspended,
        assertOps(ctx.viewer).userId,
      );
      return { office: Office.from(office) };
    });
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'OPS only.' })
  suspended(@Root() office: Office): boolean {
    return office.suspendedAt !== null;
  }

  @FieldResolver(() => OfficeUsage, {
    nullable: true,
    description: 'OPS or the office ADMIN: current counts of billable items.',
  })
  usage(@Root() office: Office, @Ctx() ctx: TenancyContext): Promise<OfficeUsage | null> {
    return ctx.loaders.officeUsage.load(office.id);
  }
}
