import type { BaseContext, SubgraphRuntime } from '@kantoor/platform';
import { systemClock, type Clock } from './clock.js';
import { PriceListService } from './modules/price-list/price-list.service.js';

export interface BillingContext extends BaseContext {
  clock: Clock;
  services: { priceLists: PriceListService };
}

export function createBillingContext(
  base: BaseContext,
  runtime: SubgraphRuntime,
  clock: Clock = systemClock,
): BillingContext {
  return { ...base, clock, services: { priceLists: new PriceListService(runtime.dataSource) } };
}
