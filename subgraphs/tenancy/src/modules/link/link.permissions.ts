import {
  allow,
  and,
  canOpen,
  forbidden,
  isOfficeAdmin,
  rule,
  unauthenticated,
  type BaseContext,
  type RuleMap,
  type ShieldRule,
} from '@kantoor/platform';

/**
 * A user on a login session, not an API token: linking and unlinking are powers of the
 * owner or the office, which API tokens (administration permissions only) never carry.
 */
export const isLoginSession: ShieldRule = rule({ cache: 'no_cache' })((
  _parent,
  _args,
  ctx: BaseContext,
) => {
  if (ctx.viewer.kind !== 'user') return unauthenticated();
  return ctx.viewer.scope === null || forbidden('Not with an API token.');
});

export const linkRules: RuleMap = {
  Mutation: {
    createLinkInvitation: isOfficeAdmin,
    // The service checks that the viewer owns the administration (FORBIDDEN otherwise).
    acceptLinkInvitation: isLoginSession,
    // Anyone who may open it gets as far as the service, which checks the owner or an ADMIN
    // of the linked office (FORBIDDEN otherwise).
    unlinkAdministration: and(isLoginSession, canOpen('args.input.administrationId')),
  },
  CreateLinkInvitationPayload: { '*': allow },
  AcceptLinkInvitationPayload: { '*': allow },
  UnlinkAdministrationPayload: { '*': allow },
};
