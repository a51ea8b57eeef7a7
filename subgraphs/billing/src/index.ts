import 'reflect-metadata';
import type { SubgraphDefinition } from '@kantoor/platform';
import { createBillingContext, createBillingServices, type BillingContext } from './context.js';
import { Initial1764000000000 } from './migrations/1764000000000-initial.js';
import { UsageStatements1764300000000 } from './migrations/1764300000000-usage-statements.js';
import { PriceListEntity, PriceListItemEntity } from './modules/price-list/price-list.entity.js';
import { usageSubscriptions } from './modules/usage/usage.events.js';
import { billingRules, buildBillingSchema } from './schema.js';

export { billingRules, buildBillingSchema, createBillingServices };
export type { BillingContext };

/** Price lists, usage and monthly statements. */
export const billingSubgraph: SubgraphDefinition<BillingContext> = {
  name: 'billing',
  schema: 'billing',
  entities: [PriceListEntity, PriceListItemEntity],
  migrations: [Initial1764000000000, UsageStatements1764300000000],
  buildSchema: buildBillingSchema,
  rules: billingRules,
  subscriptions: (runtime) => usageSubscriptions(runtime),
  createContext: (base, runtime) => createBillingContext(base, runtime),
};
