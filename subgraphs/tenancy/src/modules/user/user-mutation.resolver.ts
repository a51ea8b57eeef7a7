import { withUserErrors } from '@kantoor/platform';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { TenancyContext } from '../../context.js';
import { USER_MUTATION_ERRORS } from './user-mutation.errors.js';
import {
  CreateUserInput,
  CreateUserPayload,
  DeactivateUserInput,
  DeactivateUserPayload,
  UpdateUserInput,
  UpdateUserPayload,
} from './user-mutation.inputs.js';
import { User } from './user.type.js';

/** createUser, updateUser, deactivateUser. */
@Resolver()
export class UserMutationResolver {
  @Mutation(() => CreateUserPayload, {
    description: 'Office ADMIN only: a staff member or a client login of this office.',
  })
  createUser(
    @Arg('input', () => CreateUserInput, { description: 'The new user.' }) input: CreateUserInput,
    @Ctx() ctx: TenancyContext,
  ): Promise<CreateUserPayload> {
    return withUserErrors(USER_MUTATION_ERRORS, async () => ({
      user: User.from(
        await ctx.services.userMutations.createUser(ctx.viewer, input, ctx.clientAddress),
      ),
    }));
  }

  @Mutation(() => UpdateUserPayload, {
    description:
      "Office ADMIN only: renames a user of the office or changes a staff member's office role. " +
      'The last active ADMIN cannot be demoted (LAST_ADMIN).',
  })
  updateUser(
    @Arg('input', () => UpdateUserInput, { description: 'The user and what changes.' })
    input: UpdateUserInput,
    @Ctx() ctx: TenancyContext,
  ): Promise<UpdateUserPayload> {
    return withUserErrors(USER_MUTATION_ERRORS, async () => ({
      user: User.from(await ctx.services.userMutations.updateUser(ctx.viewer, input)),
    }));
  }

  @Mutation(() => DeactivateUserPayload, {
    description:
      'Office ADMIN only: the user can no longer log in; their sessions and API tokens are ' +
      'refused from the next request. Not yourself, not the last active ADMIN.',
  })
  deactivateUser(
    @Arg('input', () => DeactivateUserInput, { description: 'The user to deactivate.' })
    input: DeactivateUserInput,
    @Ctx() ctx: TenancyContext,
  ): Promise<DeactivateUserPayload> {
    return withUserErrors(USER_MUTATION_ERRORS, async () => ({
      user: User.from(await ctx.services.userMutations.deactivateUser(ctx.viewer, input.userId)),
    }));
  }
}
