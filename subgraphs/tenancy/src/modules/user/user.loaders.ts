import DataLoader from 'dataloader';
import { isUuid } from '@kantoor/platform';
import type { OfficeEntity, UserEntity } from './user.entity.js';
import type { UserService } from './user.service.js';

function byId<T extends { id: string }>(load: (ids: readonly string[]) => Promise<T[]>) {
  return new DataLoader<string, T | null>(async (ids) => {
    const rows = await load(ids.filter(isUuid));
    const map = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => map.get(id.toLowerCase()) ?? null);
  });
}

export function createUserLoader(service: UserService): DataLoader<string, UserEntity | null> {
  return byId((ids) => service.usersByIds(ids));
}
export function createOfficeLoader(service: UserService): DataLoader<string, OfficeEntity | null> {
  return byId((ids) => service.officesByIds(ids));
}

/** Per request: the offices that administrations owned by each (office-less) user are linked to. */
export function createOwnerLinkedOfficesLoader(service: UserService): DataLoader<string, string[]> {
  return new DataLoader<string, string[]>(async (ids) => {
    const rows = await service.linkedOfficesOfOwners(ids.filter(isUuid));
    return ids.map((id) => rows.get(id.toLowerCase()) ?? []);
  });
}
