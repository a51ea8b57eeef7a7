import { allow, can, type RuleMap } from '@kantoor/platform';

export const customerRules: RuleMap = {
  Administration: {
    id: allow,
    customers: can('INVOICING_READ', 'parent.id'),
  },
  Customer: { '*': allow },
};
