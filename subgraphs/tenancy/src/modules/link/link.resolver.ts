import { withUserErrors } from '@kantoor/platform';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { TenancyContext } from '../../context.js';
import { Administration } from '../administration/administration.type.js';
import { LINK_ERRORS } from './link.errors.js';
import {
  AcceptLinkInvitationInput,
  AcceptLinkInvitationPayload,
  CreateLinkInvitationInput,
  CreateLinkInvitationPayload,
  UnlinkAdministrationInput,
  UnlinkAdministrationPayload,
} from './link.type.js';

/** createLinkInvitation, acceptLinkInvitation, unlinkAdministration. */
@Resolver()
export class LinkResolver {
  @Mutation(() => CreateLinkInvitationPayload, {
    description:
      'Office ADMIN only: a code the owner of an own-subscription administration uses to link it to this office.',
  })
  createLinkInvitation(
    @Arg('input', () => CreateLinkInvitationInput, { description: 'Who the invitation is for.' })
    input: CreateLinkInvitationInput,
    @Ctx() ctx: TenancyContext,
  ): Promise<CreateLinkInvitationPayload> {
    return withUserErrors(LINK_ERRORS, async () => {
      const invitation = await ctx.services.links.createInvitation(ctx.viewer, input.email);
      return { code: invitation.code, expiresAt: invitation.expiresAt };
    });
  }

  @Mutation(() => AcceptLinkInvitationPayload, {
    description:
      "The administration's owner only (FORBIDDEN for anyone else): link it to the inviting office, where it appears as EXTERNAL and free of charge.",
  })
  acceptLinkInvitation(
    @Arg('input', () => AcceptLinkInvitationInput, {
      description: 'The code and the administration.',
    })
    input: AcceptLinkInvitationInput,
    @Ctx() ctx: TenancyContext,
  ): Promise<AcceptLinkInvitationPayload> {
    return withUserErrors(LINK_ERRORS, async () => {
      // The owner-to-office links feed a rule (User: an ADMIN of a linked office); a later
      // field of this request must not read the links as they were before this mutation.
      ctx.loaders.ownerLinkedOffices.clearAll();
      const entity = await ctx.services.links.accept(
        input.administrationId,
        input.code,
        ctx.viewer,
      );
      return { administration: Administration.from(entity) };
    });
  }

  @Mutation(() => UnlinkAdministrationPayload, {
    description:
      'The owner or an ADMIN of the linked office (FORBIDDEN for anyone else): ends the link; office staff lose access on the next request.',
  })
  unlinkAdministration(
    @Arg('input', () => UnlinkAdministrationInput, { description: 'The administration to unlink.' })
    input: UnlinkAdministrationInput,
    @Ctx() ctx: TenancyContext,
  ): Promise<UnlinkAdministrationPayload> {
    return withUserErrors(LINK_ERRORS, async () => {
      ctx.loaders.ownerLinkedOffices.clearAll();
      const administrationId = await ctx.services.links.unlink(input.administrationId, ctx.viewer);
      return { administrationId };
    });
  }
}
