import 'reflect-metadata';
import {
  buildShieldedSubgraphSchema,
  userErrorCodesOf,
  type ReferenceResolvers,
} from '@kantoor/platform';
import type { GraphQLSchema } from 'graphql';
import { priceListRules } from './modules/price-list/price-list.permissions.js';
import { PriceListResolver } from './modules/price-list/price-list.resolver.js';
import { quoteRules } from './modules/quote/quote.permissions.js';
import { QuoteResolver } from './modules/quote/quote.resolver.js';
import { statementRules } from './modules/statement/statement.permissions.js';
import {
  BillingOfficeResolver,
  BillingRunResolver,
} from './modules/statement/statement.resolver.js';
import {
  BillingOffice,
  resolveBillingOfficeReference,
} from './modules/statement/statement.type.js';
import { BILLING_ERRORS, BILLING_ERROR_DESCRIPTIONS } from './modules/common/billing.errors.js';

export const billingRules = [priceListRules, statementRules, quoteRules];

/** The billing subgraph schema, shielded; needs no database (schema:emit uses it). */
export function buildBillingSchema(): Promise<GraphQLSchema> {
  return buildShieldedSubgraphSchema({
    resolvers: [PriceListResolver, BillingOfficeResolver, BillingRunResolver, QuoteResolver],
    // Reached only through _entities, so not from any root field.
    orphanedTypes: [BillingOffice],
    references: {
      Office: { __resolveReference: resolveBillingOfficeReference },
    } as ReferenceResolvers,
    userErrorCodes: userErrorCodesOf([BILLING_ERRORS], BILLING_ERROR_DESCRIPTIONS),
    rules: billingRules,
  });
}
