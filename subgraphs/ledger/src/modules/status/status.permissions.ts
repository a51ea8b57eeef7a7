import { allow, can, type RuleMap } from '@kantoor/platform';

export const statusRules: RuleMap = {
  Administration: { ledgerStatus: can('LEDGER_READ', 'parent.id') },
  LedgerStatus: { '*': allow },
};
