import 'reflect-metadata';
import type { SubgraphDefinition } from '@kantoor/platform';
import { createLedgerContext, type LedgerContext } from './context.js';
import { Initial1764000000000 } from './migrations/1764000000000-initial.js';
import { AccountEntity, BookEntity } from './modules/account/account.entity.js';
import { accountSubscriptions } from './modules/account/account.events.js';
import { buildLedgerSchema, ledgerRules } from './schema.js';

export { buildLedgerSchema, ledgerRules };
export type { LedgerContext };

/** Financieel: chart of accounts, bookings, reports. */
export const ledgerSubgraph: SubgraphDefinition<LedgerContext> = {
  name: 'ledger',
  schema: 'ledger',
  entities: [AccountEntity, BookEntity],
  migrations: [Initial1764000000000],
  buildSchema: buildLedgerSchema,
  rules: ledgerRules,
  subscriptions: () => accountSubscriptions,
  createContext: createLedgerContext,
};
