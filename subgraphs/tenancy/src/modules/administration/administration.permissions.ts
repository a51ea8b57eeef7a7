import {
  allow,
  can,
  canOpenOr,
  isAuthenticated,
  isOfficeAdmin,
  issuedPrincipal,
  type RuleMap,
  type ShieldRule,
} from '@kantoor/platform';

/**
 * Who may read an administration: a viewer who may open it, or the owner a signUpBusiness
 * payload was issued to, reading the administration that payload returned (the request's
 * viewer does not change to that owner: issue 9). Only the marked object itself qualifies;
 * no id a client sends does. One rule, the owner's mark checked first: as
 * `or(canOpen, issued)` graphql-shield evaluated both branches for every field of every
 * administration on a page.
 */
const mayReadAdministration: ShieldRule = canOpenOr(
  'issued-to-owner',
  (parent) => issuedPrincipal(parent) !== null,
);

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
    '*': mayReadAdministration,
  },
  AdministrationConnection: { '*': allow },
  AdministrationEdge: { '*': allow },
  CreateAdministrationPayload: { '*': allow },
  UpdateAdministrationPayload: { '*': allow },
  ArchiveAdministrationPayload: { '*': allow },
  SignUpBusinessPayload: { '*': allow },
};
