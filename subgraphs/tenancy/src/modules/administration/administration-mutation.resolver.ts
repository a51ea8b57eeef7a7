import { freezeViewer, issuedTo, withUserErrors } from '@kantoor/platform';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { TenancyContext } from '../../context.js';
import { User } from '../user/user.type.js';
import { ADMINISTRATION_MUTATION_ERRORS } from './administration-mutation.errors.js';
import {
  ArchiveAdministrationInput,
  ArchiveAdministrationPayload,
  CreateAdministrationInput,
  CreateAdministrationPayload,
  SignUpBusinessInput,
  SignUpBusinessPayload,
  UpdateAdministrationInput,
  UpdateAdministrationPayload,
} from './administration-mutation.inputs.js';
import { Administration } from './administration.type.js';

/** createAdministration, updateAdministration, archiveAdministration, signUpBusiness. */
@Resolver()
export class AdministrationMutationResolver {
  @Mutation(() => CreateAdministrationPayload, {
    description:
      "Office ADMIN only: a new INTERNAL or INTERNAL_WITH_CLIENT_LOGIN administration in the ADMIN's office; the ledger opens its books.",
  })
  createAdministration(
    @Arg('input', () => CreateAdministrationInput, { description: 'The new administration.' })
    input: CreateAdministrationInput,
    @Ctx() ctx: TenancyContext,
  ): Promise<CreateAdministrationPayload> {
    return withUserErrors(ADMINISTRATION_MUTATION_ERRORS, async () => {
      const entity = await ctx.services.administrations.create(ctx.viewer, input);
      return { administration: Administration.from(entity) };
    });
  }

  @Mutation(() => UpdateAdministrationPayload, {
    description:
      'Needs ADMINISTRATION_MANAGE there. Changes name, modules, client modules, VAT filing period, VAT or KvK number; not the kind. Archived administrations cannot be changed.',
  })
  updateAdministration(
    @Arg('input', () => UpdateAdministrationInput, {
      description: 'The administration and what changes.',
    })
    input: UpdateAdministrationInput,
    @Ctx() ctx: TenancyContext,
  ): Promise<UpdateAdministrationPayload> {
    return withUserErrors(ADMINISTRATION_MUTATION_ERRORS, async () => {
      const entity = await ctx.services.administrations.update(ctx.viewer, input.administrationId, {
        name: input.name,
        modules: input.modules,
        clientModules: input.clientModules,
        vatFilingPeriod: input.vatFilingPeriod,
        vatNumber: input.vatNumber,
        kvkNumber: input.kvkNumber,
      });
      return { administration: Administration.from(entity) };
    });
  }

  @Mutation(() => ArchiveAdministrationPayload, {
    description:
      'Needs ADMINISTRATION_MANAGE there. Archived administrations leave `administrations` (unless filter.includeArchived) and become read-only; `administration(id)` still returns them.',
  })
  archiveAdministration(
    @Arg('input', () => ArchiveAdministrationInput, {
      description: 'The administration and whether it is archived.',
    })
    input: ArchiveAdministrationInput,
    @Ctx() ctx: TenancyContext,
  ): Promise<ArchiveAdministrationPayload> {
    return withUserErrors(ADMINISTRATION_MUTATION_ERRORS, async () => {
      const entity = await ctx.services.administrations.setArchived(
        ctx.viewer,
        input.administrationId,
        input.archived ?? true,
      );
      return { administration: Administration.from(entity) };
    });
  }

  @Mutation(() => SignUpBusinessPayload, {
    description:
      'Public: a business with its own subscription and one administration; the caller owns it (a CLIENT user with every permission there). The payload is readable as that new user; the rest of the request still runs as the caller.',
  })
  signUpBusiness(
    @Arg('input', () => SignUpBusinessInput, { description: 'The business and its owner.' })
    input: SignUpBusinessInput,
    @Ctx() ctx: TenancyContext,
  ): Promise<SignUpBusinessPayload> {
    return withUserErrors(ADMINISTRATION_MUTATION_ERRORS, async () => {
      const result = await ctx.services.administrations.signUpBusiness(input, ctx.clientAddress);
      // Who is asking does not change (issue 9): the payload's user and administration are
      // issued to the new owner, and their rules allow reading them on that basis.
      const principal = freezeViewer({
        userId: result.user.id,
        userKind: 'CLIENT',
        officeId: null,
        officeRole: null,
        scope: null,
        sessionId: result.session.sessionId,
        apiTokenId: null,
      });
      ctx.loaders.administration.prime(result.administration.id, result.administration);
      return {
        administration: issuedTo(Administration.from(result.administration), principal),
        user: issuedTo(User.from(result.user), principal),
        token: result.session.token,
        refreshToken: result.session.refreshToken,
      };
    });
  }
}
