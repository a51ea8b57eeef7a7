import { allow, can, type RuleMap } from '@kantoor/platform';

/** Customers: read with INVOICING_READ, write with INVOICING_WRITE in the named administration. */
export const customerRules: RuleMap = {
  Administration: {
    id: allow,
    customers: can('INVOICING_READ', 'parent.id'),
  },
  Mutation: {
    createCustomer: can('INVOICING_WRITE', 'args.input.administrationId'),
    updateCustomer: can('INVOICING_WRITE', 'args.input.administrationId'),
  },
  // Reached only through a field guarded above (customers, Invoice.customer).
  Customer: { '*': allow },
  Address: { '*': allow },
  CustomerConnection: { '*': allow },
  CustomerEdge: { '*': allow },
  CustomerPayload: { '*': allow },
};
