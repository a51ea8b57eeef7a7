import { pageByName, type Page } from '@kantoor/platform';
import type { DataSource } from 'typeorm';
import type { SubgraphRuntime } from '@kantoor/platform';
import type { OfficeEntity, UserEntity } from './user.entity.js';
import { officesByIds, officesOfOwners, usersByIds, usersOfOfficeQuery } from './user.sql.js';

export class UserService {
  private readonly db: DataSource;

  constructor(private readonly runtime: SubgraphRuntime) {
    this.db = runtime.dataSource;
  }

  async usersByIds(ids: readonly string[]): Promise<UserEntity[]> {
    if (ids.length === 0) return [];
    return usersByIds(this.db.manager, ids);
  }

  async officesByIds(ids: readonly string[]): Promise<OfficeEntity[]> {
    if (ids.length === 0) return [];
    return officesByIds(this.db.manager, ids);
  }

  /** Owner id -> office ids its administrations are linked to; one query. */
  async linkedOfficesOfOwners(ownerIds: readonly string[]): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>();
    if (ownerIds.length === 0) return result;
    const rows: { owner_user_id: string; office_id: string }[] = await officesOfOwners(this.db, [
      [...ownerIds],
    ]);
    for (const row of rows) {
      result.set(row.owner_user_id, [...(result.get(row.owner_user_id) ?? []), row.office_id]);
    }
    return result;
  }

  /** Users of an office (deactivated ones too: `User.active` tells) ordered by name, keyset-paginated on (lower(name), id). */
  async usersOfOffice(
    officeId: string,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<Page<UserEntity>> {
    return pageByName(usersOfOfficeQuery(this.db.manager, officeId), 'u', 'name', first, after);
  }
}
