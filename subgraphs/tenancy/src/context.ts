import type { BaseContext, SubgraphRuntime } from '@kantoor/platform';
import type DataLoader from 'dataloader';
import type { AdministrationEntity } from './modules/administration/administration.entity.js';
import { createAdministrationLoader } from './modules/administration/administration.loaders.js';
import { AdministrationService } from './modules/administration/administration.service.js';
import type { OfficeEntity, UserEntity } from './modules/user/user.entity.js';
import { createOfficeLoader, createUserLoader } from './modules/user/user.loaders.js';
import { UserService } from './modules/user/user.service.js';

export interface TenancyContext extends BaseContext {
  services: { administrations: AdministrationService; users: UserService };
  loaders: {
    administration: DataLoader<string, AdministrationEntity | null>;
    user: DataLoader<string, UserEntity | null>;
    office: DataLoader<string, OfficeEntity | null>;
  };
}

export function createTenancyContext(base: BaseContext, runtime: SubgraphRuntime): TenancyContext {
  const administrations = new AdministrationService(runtime.dataSource);
  const users = new UserService(runtime.dataSource);
  return {
    ...base,
    services: { administrations, users },
    loaders: {
      administration: createAdministrationLoader(administrations),
      user: createUserLoader(users),
      office: createOfficeLoader(users),
    },
  };
}
