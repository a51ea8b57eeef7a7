import { allow, can, type RuleMap } from '@kantoor/platform';

export const vatReturnRules: RuleMap = {
  Administration: {
    id: allow,
    vatReturns: can('VAT_READ', 'parent.id'),
  },
  VatReturn: { '*': allow },
};
