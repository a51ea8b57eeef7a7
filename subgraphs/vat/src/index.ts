import 'reflect-metadata';
import type { SubgraphDefinition } from '@kantoor/platform';
import { createVatContext, type VatContext } from './context.js';
import { Initial1764000000000 } from './migrations/1764000000000-initial.js';
import { VatReturns1765200000000 } from './migrations/1765200000000-vat-returns.js';
import { OpenActions1765400000000 } from './migrations/1765400000000-open-actions.js';
import { vatOpenActions } from './modules/vat-return/open-actions.sql.js';
import { filingAdapterFromEnv } from './modules/filing/filing.adapter.js';
import { filingSubscriptions } from './modules/filing/filing.events.js';
import { projectionSubscriptions } from './modules/projection/projection.events.js';
import { buildVatSchema, vatRules } from './schema.js';

export { buildVatSchema, vatRules };
export type { VatContext };
export type {
  FilingAdapter,
  FilingAnswer,
  FilingRequest,
} from './modules/filing/filing.adapter.js';

/** BTW-aangiften: VAT periods, boxes, filing workflow. */
export const vatSubgraph: SubgraphDefinition<VatContext> = {
  name: 'vat',
  schema: 'vat',
  entities: [],
  migrations: [Initial1764000000000, VatReturns1765200000000, OpenActions1765400000000],
  buildSchema: buildVatSchema,
  rules: vatRules,
  openActions: vatOpenActions,
  subscriptions: (runtime) => [
    ...projectionSubscriptions(runtime),
    ...filingSubscriptions(runtime, filingAdapterFromEnv(process.env)),
  ],
  createContext: createVatContext,
};

/** The overview's SQL, for the benchmark's raw SQL floor. */
export {
  OVERVIEW_PAGE_AND_COUNTS,
  OVERVIEW_ROWS,
  overviewParameters,
  pageParameters,
} from './modules/overview/overview.sql.js';
