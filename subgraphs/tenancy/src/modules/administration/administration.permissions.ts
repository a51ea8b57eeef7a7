import {
  allow,
  can,
  canOpen,
  isAuthenticated,
  isOfficeAdmin,
  issuedPrincipal,
  or,
  rule,
  type RuleMap,
  type ShieldRule,
} from '@kantoor/platform';

/**
 * The administration a signUpBusiness payload returned, read by the owner it was issued to
 * (the request's viewer does not change to that owner: issue 9). Only the marked object
 * itself qualifies; no id a client sends does.
 */
const isIssuedToItsOwner: ShieldRule = rule('administration-issued-to-owner', {
  cache: 'no_cache',
})((parent: object) => issuedPrincipal(parent) !== null);
// false, not forbidden(): graphql-shield's `or` evaluates every branch, so this ran for every
// field of every administration on a page, and building a GraphQLError (with its stack) per
// field was 13% of the dashboard benchmark's CPU. When both branches fail, `or` answers
// canOpen's own error (FORBIDDEN / UNAUTHENTICATED), as before.

/**
 * ADMINISTRATION_MANAGE in the administration of `input.administrationId`. One instance for
 * every mutation that uses it: graphql-shield refuses two rules of the same name.
 */
export const mayManageInputAdministration = can(
  'ADMINISTRATION_MANAGE',
  'args.input.administrationId',
);

/** Who may see what of administrations, and who may create and change them. */
export const administrationRules: RuleMap = {
  Query: {
    administration: isAuthenticated,
    administrations: isAuthenticated,
  },
  Mutation: {
    createAdministration: isOfficeAdmin,
    updateAdministration: mayManageInputAdministration,
    archiveAdministration: mayManageInputAdministration,
    // Public: anyone may start a business of their own.
    signUpBusiness: allow,
  },
  Administration: {
    '*': or(canOpen('parent.id'), isIssuedToItsOwner),
  },
  AdministrationConnection: { '*': allow },
  AdministrationEdge: { '*': allow },
  CreateAdministrationPayload: { '*': allow },
  UpdateAdministrationPayload: { '*': allow },
  ArchiveAdministrationPayload: { '*': allow },
  SignUpBusinessPayload: { '*': allow },
};
