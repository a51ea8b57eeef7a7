import 'reflect-metadata';
import { buildShieldedSubgraphSchema, type ReferenceResolvers } from '@kantoor/platform';
import type { GraphQLSchema } from 'graphql';
import { administrationRules } from './modules/administration/administration.permissions.js';
import { resolveAdministrationReference } from './modules/administration/administration.reference.js';
import { AdministrationResolver } from './modules/administration/administration.resolver.js';
import { userRules } from './modules/user/user.permissions.js';
import { resolveOfficeReference, resolveUserReference } from './modules/user/user.reference.js';
import { OfficeResolver, UserResolver } from './modules/user/user.resolver.js';

export const tenancyRules = [administrationRules, userRules];

/** The tenancy subgraph schema, shielded; needs no database (schema:emit uses it). */
export function buildTenancySchema(): Promise<GraphQLSchema> {
  return buildShieldedSubgraphSchema({
    resolvers: [AdministrationResolver, UserResolver, OfficeResolver],
    references: {
      Administration: { __resolveReference: resolveAdministrationReference },
      Office: { __resolveReference: resolveOfficeReference },
      User: { __resolveReference: resolveUserReference },
    } as ReferenceResolvers,
    rules: tenancyRules,
  });
}
