import 'reflect-metadata';
import { buildShieldedSubgraphSchema } from '@kantoor/platform';
import type { GraphQLSchema } from 'graphql';
import { priceListRules } from './modules/price-list/price-list.permissions.js';
import { PriceListResolver } from './modules/price-list/price-list.resolver.js';

export const billingRules = [priceListRules];

export function buildBillingSchema(): Promise<GraphQLSchema> {
  return buildShieldedSubgraphSchema({ resolvers: [PriceListResolver], rules: billingRules });
}
