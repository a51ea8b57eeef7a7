import type { RuleMap } from '@kantoor/platform';

export const linkRules: RuleMap = {};
