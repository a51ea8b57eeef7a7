import 'reflect-metadata';
import type { SubgraphDefinition } from '@kantoor/platform';
import { createTenancyContext, type TenancyContext } from './context.js';
import { Initial1764000000000 } from './migrations/1764000000000-initial.js';
import { AuthAccessLinks1764100000000 } from './migrations/1764100000000-auth-access-links.js';
import { LoginThrottle1764200000000 } from './migrations/1764200000000-login-throttle.js';
import { AccountProbes1764250000000 } from './migrations/1764250000000-account-probes.js';
import { OpaqueApiTokens1764400000000 } from './migrations/1764400000000-opaque-api-tokens.js';
import { Webhooks1764450000000 } from './migrations/1764450000000-webhooks.js';
import { OpenActions1765400000000 } from './migrations/1765400000000-open-actions.js';
import { OpenActionsInline1765500000000 } from './migrations/1765500000000-open-actions-inline.js';
import { OpenActionsOverdueInline1765600000000 } from './migrations/1765600000000-open-actions-overdue-inline.js';
import { openActionsSubscriptions } from './modules/open-actions/open-actions.events.js';
import { AdministrationEntity } from './modules/administration/administration.entity.js';
import { OpsService } from './modules/ops/ops.service.js';
import { OfficeEntity, UserEntity } from './modules/user/user.entity.js';
import { webhookSubscriptions } from './modules/webhook/webhook.events.js';
import { buildTenancySchema, tenancyRules } from './schema.js';

export { tenancyRules, buildTenancySchema };
export type { TenancyContext };

/** Offices, users, administrations and grants; publishes the permission views. */
export const tenancySubgraph: SubgraphDefinition<TenancyContext> = {
  name: 'tenancy',
  schema: 'tenancy',
  entities: [OfficeEntity, UserEntity, AdministrationEntity],
  migrations: [
    Initial1764000000000,
    AuthAccessLinks1764100000000,
    LoginThrottle1764200000000,
    AccountProbes1764250000000,
    OpaqueApiTokens1764400000000,
    Webhooks1764450000000,
    OpenActions1765400000000,
    OpenActionsInline1765500000000,
    OpenActionsOverdueInline1765600000000,
  ],
  buildSchema: buildTenancySchema,
  rules: tenancyRules,
  createContext: createTenancyContext,
  subscriptions: (runtime) => [
    ...webhookSubscriptions(runtime),
    ...openActionsSubscriptions(runtime),
  ],
  onStart: async (runtime) => {
    const result = await new OpsService(runtime).ensureOpsUser();
    if (result === 'conflict') {
      runtime.logger.warn(
        'KANTOOR_OPS_EMAIL belongs to a non-OPS user; the OPS user was not created',
      );
    } else if (result !== 'skipped') {
      runtime.logger.info(`OPS user ${result}`);
    }
  },
};
