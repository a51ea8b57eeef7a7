import 'reflect-metadata';
import {
  buildShieldedSubgraphSchema,
  userErrorCodesOf,
  type ReferenceResolvers,
} from '@kantoor/platform';
import type { GraphQLSchema } from 'graphql';
import { VatUser } from './modules/vat-return/vat-return.type.js';
import { VatAdministration } from './modules/administration/administration.type.js';
import { vatReturnRules } from './modules/vat-return/vat-return.permissions.js';
import {
  VatAdministrationResolver,
  VatQueryResolver,
  VatReturnResolver,
  VatSuppletieResolver,
} from './modules/vat-return/vat-return.resolver.js';
import { VAT_ERRORS, VAT_ERROR_DESCRIPTIONS } from './modules/vat-return/vat-return.errors.js';
import { resolveVatAdministrationReference } from './modules/administration/administration.reference.js';

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
    userErrorCodes: userErrorCodesOf([VAT_ERRORS], VAT_ERROR_DESCRIPTIONS),
    rules: vatRules,
  });
}
