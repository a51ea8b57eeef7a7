import { oncePerRuntime, type BaseContext, type SubgraphRuntime } from '@kantoor/platform';
import type DataLoader from 'dataloader';
import { systemClock, type Clock } from '@kantoor/platform';
import { PriceListService } from './modules/price-list/price-list.service.js';
import { QuoteService } from './modules/quote/quote.service.js';
import {
  createPreviewLoader,
  createStatementsLoader,
} from './modules/statement/statement.loaders.js';
import { StatementService, type StatementView } from './modules/statement/statement.service.js';

export interface BillingServices {
  priceLists: PriceListService;
  statements: StatementService;
  quotes: QuoteService;
}

export interface BillingContext extends BaseContext {
  clock: Clock;
  services: BillingServices;
  loaders: {
    previews: DataLoader<string, StatementView | null>;
    statements: DataLoader<string, StatementView[]>;
  };
}

/** The services, on a database and a clock (tests pass fixedClock(...)). */
export function createBillingServices(
  runtime: Pick<SubgraphRuntime, 'dataSource'>,
  clock: Clock = systemClock,
): BillingServices {
  const priceLists = new PriceListService(runtime.dataSource, clock);
  return {
    priceLists,
    statements: new StatementService(runtime.dataSource, clock, priceLists),
    quotes: new QuoteService(runtime.dataSource, clock, priceLists),
  };
}

/** Stateless services on the real clock: built once per running subgraph, not per request. */
const servicesOnSystemClock = oncePerRuntime((runtime: SubgraphRuntime) =>
  createBillingServices(runtime, systemClock),
);

export function createBillingContext(
  base: BaseContext,
  runtime: SubgraphRuntime,
  clock: Clock = systemClock,
): BillingContext {
  const services =
    clock === systemClock ? servicesOnSystemClock(runtime) : createBillingServices(runtime, clock);
  return {
    ...base,
    clock,
    services,
    loaders: {
      previews: createPreviewLoader(services.statements),
      statements: createStatementsLoader(services.statements),
    },
  };
}
