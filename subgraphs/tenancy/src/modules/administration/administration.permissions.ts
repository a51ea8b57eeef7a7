import {
  allow,
  can,
  canOpen,
  isAuthenticated,
  isOfficeAdmin,
  type RuleMap,
} from '@kantoor/platform';

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
    '*': canOpen('parent.id'),
  },
  AdministrationConnection: { '*': allow },
  AdministrationEdge: { '*': allow },
  CreateAdministrationPayload: { '*': allow },
  UpdateAdministrationPayload: { '*': allow },
  ArchiveAdministrationPayload: { '*': allow },
  SignUpBusinessPayload: { '*': allow },
};
