import { allow, type RuleMap } from '@kantoor/platform';

/** Types every module shares: a userError is as visible as the payload it is in. */
export const commonRules: RuleMap = {
  UserError: { '*': allow },
};
