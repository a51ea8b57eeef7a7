import 'reflect-metadata';
import { buildShieldedSubgraphSchema, type ReferenceResolvers } from '@kantoor/platform';
import type { GraphQLSchema } from 'graphql';
import { LedgerAdministration } from './modules/account/account.type.js';
import { accountRules } from './modules/account/account.permissions.js';
import {
  LedgerAdministrationResolver,
  resolveLedgerAdministrationReference,
} from './modules/account/account.resolver.js';

export const ledgerRules = [accountRules];

export function buildLedgerSchema(): Promise<GraphQLSchema> {
  return buildShieldedSubgraphSchema({
    resolvers: [LedgerAdministrationResolver],
    // Reached only through _entities, so not from any root field.
    orphanedTypes: [LedgerAdministration],
    references: {
      Administration: { __resolveReference: resolveLedgerAdministrationReference },
    } as ReferenceResolvers,
    rules: ledgerRules,
  });
}
