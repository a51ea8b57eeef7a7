import { allow, can, type RuleMap } from '@kantoor/platform';

export const accountRules: RuleMap = {
  Administration: {
    id: allow,
    accounts: can('LEDGER_READ', 'parent.id'),
  },
  Account: { '*': allow },
};
