import type { RuleMap } from '@kantoor/platform';

export const accessRules: RuleMap = {};
