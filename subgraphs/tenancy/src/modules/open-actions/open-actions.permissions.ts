import { allow, type RuleMap } from '@kantoor/platform';

/**
 * Administration.openActions falls under Administration's '*' rule (the viewer may open it);
 * the counts inside are cut to the modules the viewer may read by the resolver.
 */
export const openActionsRules: RuleMap = {
  OpenActions: { '*': allow },
};
