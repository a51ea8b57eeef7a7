import 'reflect-metadata';
import { buildShieldedSubgraphSchema, type ReferenceResolvers } from '@kantoor/platform';
import type { GraphQLSchema } from 'graphql';
import { accessRules, administrationAccessRules } from './modules/access/access.permissions.js';
import { AccessResolver, AdministrationAccessResolver } from './modules/access/access.resolver.js';
import { AdministrationMutationResolver } from './modules/administration/administration-mutation.resolver.js';
import { administrationRules } from './modules/administration/administration.permissions.js';
import { resolveAdministrationReference } from './modules/administration/administration.reference.js';
import { AdministrationResolver } from './modules/administration/administration.resolver.js';
import { authRules } from './modules/auth/auth.permissions.js';
import { AuthResolver } from './modules/auth/auth.resolver.js';
import { linkRules } from './modules/link/link.permissions.js';
import { LinkResolver } from './modules/link/link.resolver.js';
import { openActionsRules } from './modules/open-actions/open-actions.permissions.js';
import { OpenActionsResolver } from './modules/open-actions/open-actions.resolver.js';
import { failedEventsRules } from './modules/ops/failed-events.permissions.js';
import { FailedEventsResolver } from './modules/ops/failed-events.resolver.js';
import { opsRules } from './modules/ops/ops.permissions.js';
import { OpsResolver } from './modules/ops/ops.resolver.js';
import { UserMutationResolver } from './modules/user/user-mutation.resolver.js';
import { userRules } from './modules/user/user.permissions.js';
import { resolveOfficeReference, resolveUserReference } from './modules/user/user.reference.js';
import { OfficeResolver, UserResolver } from './modules/user/user.resolver.js';
import { TENANCY_USER_ERROR_CODES } from './modules/common/tenancy.errors.js';
import { webhookRules } from './modules/webhook/webhook.permissions.js';
import { WebhookOfficeResolver, WebhookResolver } from './modules/webhook/webhook.resolver.js';

export const tenancyRules = [
  administrationRules,
  userRules,
  authRules,
  linkRules,
  accessRules,
  administrationAccessRules,
  opsRules,
  failedEventsRules,
  webhookRules,
  openActionsRules,
];

/** The tenancy subgraph schema, shielded; needs no database (schema:emit uses it). */
export function buildTenancySchema(): Promise<GraphQLSchema> {
  return buildShieldedSubgraphSchema({
    resolvers: [
      AdministrationResolver,
      AdministrationMutationResolver,
      UserResolver,
      UserMutationResolver,
      OfficeResolver,
      AuthResolver,
      LinkResolver,
      AccessResolver,
      AdministrationAccessResolver,
      OpsResolver,
      FailedEventsResolver,
      WebhookOfficeResolver,
      WebhookResolver,
      OpenActionsResolver,
    ],
    references: {
      Administration: { __resolveReference: resolveAdministrationReference },
      Office: { __resolveReference: resolveOfficeReference },
      User: { __resolveReference: resolveUserReference },
    } as ReferenceResolvers,
    userErrorCodes: TENANCY_USER_ERROR_CODES,
    rules: tenancyRules,
  });
}
