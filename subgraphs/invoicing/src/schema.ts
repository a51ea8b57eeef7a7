import 'reflect-metadata';
import {
  buildShieldedSubgraphSchema,
  userErrorCodesOf,
  type ReferenceResolvers,
} from '@kantoor/platform';
import type { GraphQLSchema } from 'graphql';
import { customerRules } from './modules/customer/customer.permissions.js';
import {
  CustomerAdministrationResolver,
  CustomerMutationResolver,
} from './modules/customer/customer.resolver.js';
import { resolveInvoicingAdministrationReference } from './modules/administration/administration.reference.js';
import { InvoicingAdministration } from './modules/administration/administration.type.js';
import { invoiceRules } from './modules/invoice/invoice.permissions.js';
import {
  InvoiceAdministrationResolver,
  InvoiceMutationResolver,
  InvoiceResolver,
} from './modules/invoice/invoice.resolver.js';
import {
  INVOICING_ERRORS,
  INVOICING_ERROR_DESCRIPTIONS,
} from './modules/common/invoicing.errors.js';
import { resolveInvoiceReference } from './modules/invoice/invoice.reference.js';

export const invoicingRules = [customerRules, invoiceRules];

export function buildInvoicingSchema(): Promise<GraphQLSchema> {
  return buildShieldedSubgraphSchema({
    resolvers: [
      CustomerAdministrationResolver,
      CustomerMutationResolver,
      InvoiceAdministrationResolver,
      InvoiceResolver,
      InvoiceMutationResolver,
    ],
    // Reached only through _entities, so not from any root field.
    orphanedTypes: [InvoicingAdministration],
    references: {
      Administration: { __resolveReference: resolveInvoicingAdministrationReference },
      Invoice: { __resolveReference: resolveInvoiceReference },
    } as ReferenceResolvers,
    userErrorCodes: userErrorCodesOf([INVOICING_ERRORS], INVOICING_ERROR_DESCRIPTIONS),
    rules: invoicingRules,
  });
}
