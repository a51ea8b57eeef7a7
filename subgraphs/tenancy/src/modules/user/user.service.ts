import { decodeCursor, pageSize, toPage, type Page } from '@kantoor/platform';
import type { DataSource } from 'typeorm';
import type { SubgraphRuntime } from '@kantoor/platform';
import { OfficeEntity, UserEntity } from './user.entity.js';

export class UserService {
  private readonly db: DataSource;

  constructor(private readonly runtime: SubgraphRuntime) {
    this.db = runtime.dataSource;
  }

  async usersByIds(ids: readonly string[]): Promise<UserEntity[]> {
    if (ids.length === 0) return [];
    return this.db
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .where('u.id = ANY(CAST(:ids AS uuid[]))', { ids: [...ids] })
      .getMany();
  }

  async officesByIds(ids: readonly string[]): Promise<OfficeEntity[]> {
    if (ids.length === 0) return [];
    return this.db
      .getRepository(OfficeEntity)
      .createQueryBuilder('o')
      .where('o.id = ANY(CAST(:ids AS uuid[]))', { ids: [...ids] })
      .getMany();
  }

  /** Active users of an office ordered by name, keyset-paginated on (lower(name), id). */
  async usersOfOffice(
    officeId: string,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<Page<UserEntity>> {
    const size = pageSize(first);
    const base = this.db
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .where('u.office_id = :officeId', { officeId });
    const totalCount = await base.clone().getCount();
    const page = base
      .clone()
      .orderBy('lower(u.name)', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .limit(size + 1);
    if (after) {
      const [name, id] = decodeCursor(after, 2);
      page.andWhere('(lower(u.name), u.id) > (:afterName, CAST(:afterId AS uuid))', {
        afterName: String(name),
        afterId: String(id),
      });
    }
    const rows = size === 0 ? [] : await page.getMany();
    return toPage(rows, size, (u) => [u.name.toLowerCase(), u.id], totalCount, Boolean(after));
  }
}
