import { can, type RuleMap } from '@kantoor/platform';

export const xafRules: RuleMap = {
  Administration: { auditFile: can('LEDGER_READ', 'parent.id') },
};
