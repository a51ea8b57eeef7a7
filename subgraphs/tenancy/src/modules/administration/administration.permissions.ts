import { allow, canOpen, isAuthenticated, type RuleMap } from '@kantoor/platform';

/** Who may see what of administrations. */
export const administrationRules: RuleMap = {
  Query: {
    administration: isAuthenticated,
    administrations: isAuthenticated,
  },
  Administration: {
    '*': canOpen('parent.id'),
  },
  AdministrationConnection: { '*': allow },
  AdministrationEdge: { '*': allow },
};
