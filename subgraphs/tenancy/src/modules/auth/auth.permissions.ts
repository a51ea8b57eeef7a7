import type { RuleMap } from '@kantoor/platform';

export const authRules: RuleMap = {};
