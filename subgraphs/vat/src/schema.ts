import 'reflect-metadata';
import { buildShieldedSubgraphSchema, type ReferenceResolvers } from '@kantoor/platform';
import type { GraphQLSchema } from 'graphql';
import { VatAdministration, VatUser } from './modules/vat-return/vat-return.type.js';
import { vatReturnRules } from './modules/vat-return/vat-return.permissions.js';
import {
  resolveVatAdministrationReference,
  VatAdministrationResolver,
  VatQueryResolver,
  VatReturnResolver,
  VatSuppletieResolver,
} from './modules/vat-return/vat-return.resolver.js';

export const vatRules = [vatReturnRules];

export function buildVatSchema(): Promise<GraphQLSchema> {
  return buildShieldedSubgraphSchema({
    resolvers: [
      VatAdministrationResolver,
      VatReturnResolver,
      VatQueryResolver,
      VatSuppletieResolver,
    ],
    orphanedTypes: [VatAdministration, VatUser],
    references: {
      Administration: { __resolveReference: resolveVatAdministrationReference },
    } as ReferenceResolvers,
    rules: vatRules,
  });
}
