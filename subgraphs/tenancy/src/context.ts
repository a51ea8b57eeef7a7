import { oncePerRuntime, type BaseContext, type SubgraphRuntime } from '@kantoor/platform';
import type DataLoader from 'dataloader';
import { AccessService } from './modules/access/access.service.js';
import type { AdministrationEntity } from './modules/administration/administration.entity.js';
import { createAdministrationLoader } from './modules/administration/administration.loaders.js';
import { AdministrationService } from './modules/administration/administration.service.js';
import { ApiTokenService } from './modules/auth/api-token.service.js';
import { AuthService } from './modules/auth/auth.service.js';
import { LinkService } from './modules/link/link.service.js';
import { createOpenActionsLoader } from './modules/open-actions/open-actions.loaders.js';
import { openActionsDay, type OpenActionsDay } from './modules/open-actions/open-actions.sql.js';
import {
  OpenActionsService,
  type OpenActionsRow,
} from './modules/open-actions/open-actions.service.js';
import { createOfficeUsageLoader } from './modules/ops/ops.loaders.js';
import { OpsService } from './modules/ops/ops.service.js';
import type { OfficeUsage } from './modules/ops/ops.type.js';
import type { OfficeEntity, UserEntity } from './modules/user/user.entity.js';
import {
  createOfficeLoader,
  createOwnerLinkedOfficesLoader,
  createUserLoader,
} from './modules/user/user.loaders.js';
import { UserService } from './modules/user/user.service.js';
import { UserMutationService } from './modules/user/user-mutation.service.js';
import { WebhookService } from './modules/webhook/webhook.service.js';

export interface TenancyServices {
  administrations: AdministrationService;
  users: UserService;
  userMutations: UserMutationService;
  auth: AuthService;
  apiTokens: ApiTokenService;
  links: LinkService;
  access: AccessService;
  ops: OpsService;
  webhooks: WebhookService;
  openActions: OpenActionsService;
}

export interface TenancyContext extends BaseContext {
  services: TenancyServices;
  loaders: {
    administration: DataLoader<string, AdministrationEntity | null>;
    user: DataLoader<string, UserEntity | null>;
    office: DataLoader<string, OfficeEntity | null>;
    officeUsage: DataLoader<string, OfficeUsage | null>;
    ownerLinkedOffices: DataLoader<string, string[]>;
    openActions: DataLoader<string, OpenActionsRow | null>;
  };
  /** The subgraph runtime: database, event bus, logger, configuration. */
  runtime: SubgraphRuntime;
  /** The day the request counts open actions on (the loader's and the list's). */
  openActionsDay: OpenActionsDay;
}

export function createTenancyServices(runtime: SubgraphRuntime): TenancyServices {
  return {
    administrations: new AdministrationService(runtime),
    users: new UserService(runtime),
    userMutations: new UserMutationService(runtime),
    auth: new AuthService(runtime),
    apiTokens: new ApiTokenService(runtime),
    links: new LinkService(runtime),
    access: new AccessService(runtime),
    ops: new OpsService(runtime),
    webhooks: new WebhookService(runtime),
    openActions: new OpenActionsService(runtime),
  };
}

/** Tenancy's services, built once per running subgraph (no per-request state). */
const servicesOf = oncePerRuntime(createTenancyServices);

export function createTenancyContext(base: BaseContext, runtime: SubgraphRuntime): TenancyContext {
  const services = servicesOf(runtime);
  const day = openActionsDay();
  return {
    ...base,
    runtime,
    services,
    openActionsDay: day,
    loaders: {
      administration: createAdministrationLoader(services.administrations),
      user: createUserLoader(services.users),
      office: createOfficeLoader(services.users),
      officeUsage: createOfficeUsageLoader(services.ops),
      ownerLinkedOffices: createOwnerLinkedOfficesLoader(services.users),
      openActions: createOpenActionsLoader(services.openActions, day),
    },
  };
}
