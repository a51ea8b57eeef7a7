import { allow, type RuleMap } from '@kantoor/platform';

/** Value types reached only through fields that carry their own rules. */
export const commonRules: RuleMap = {
  PageInfo: { '*': allow },
  UserError: { '*': allow },
};
