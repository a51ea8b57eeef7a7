import 'reflect-metadata';
import { buildShieldedSubgraphSchema, type ReferenceResolvers } from '@kantoor/platform';
import type { GraphQLSchema } from 'graphql';
import { InvoicingAdministration } from './modules/customer/customer.type.js';
import { customerRules } from './modules/customer/customer.permissions.js';
import {
  InvoicingAdministrationResolver,
  resolveInvoicingAdministrationReference,
} from './modules/customer/customer.resolver.js';

export const invoicingRules = [customerRules];

export function buildInvoicingSchema(): Promise<GraphQLSchema> {
  return buildShieldedSubgraphSchema({
    resolvers: [InvoicingAdministrationResolver],
    // Reached only through _entities, so not from any root field.
    orphanedTypes: [InvoicingAdministration],
    references: {
      Administration: { __resolveReference: resolveInvoicingAdministrationReference },
    } as ReferenceResolvers,
    rules: invoicingRules,
  });
}
