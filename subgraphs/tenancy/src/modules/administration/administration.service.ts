import { decodeCursor, pageSize, toPage, type Page, type UserViewer } from '@kantoor/platform';
import type { DataSource } from 'typeorm';
import type { SubgraphRuntime } from '@kantoor/platform';
import { AdministrationEntity } from './administration.entity.js';
import type { AdministrationKind } from './administration.enums.js';

export interface AdministrationListFilter {
  search?: string | null;
  kinds?: AdministrationKind[] | null;
  includeArchived?: boolean | null;
}

/** Reads and writes of administrations. Visibility always comes from effective_permissions. */
export class AdministrationService {
  private readonly db: DataSource;

  constructor(private readonly runtime: SubgraphRuntime) {
    this.db = runtime.dataSource;
  }

  /** Administrations by id, one query; for the per-request loader. */
  async byIds(ids: readonly string[]): Promise<AdministrationEntity[]> {
    if (ids.length === 0) return [];
    return this.db
      .getRepository(AdministrationEntity)
      .createQueryBuilder('a')
      .where('a.id = ANY(CAST(:ids AS uuid[]))', { ids: [...ids] })
      .getMany();
  }

  /**
   * The administrations the viewer may open (holds any permission in), ordered by name
   * case-insensitively then id; keyset-paginated on (lower(name), id).
   */
  async listForViewer(
    viewer: UserViewer,
    first: number | null | undefined,
    after: string | null | undefined,
    filter: AdministrationListFilter = {},
  ): Promise<Page<AdministrationEntity>> {
    const size = pageSize(first);
    const base = this.db
      .getRepository(AdministrationEntity)
      .createQueryBuilder('a')
      .where(
        `a.id IN (SELECT ep.administration_id FROM tenancy.effective_permissions ep WHERE ep.user_id = :userId)`,
        { userId: viewer.userId },
      );
    if (!filter.includeArchived) base.andWhere('a.archived_at IS NULL');
    if (filter.kinds && filter.kinds.length > 0) {
      base.andWhere('a.kind = ANY(CAST(:kinds AS text[]))', { kinds: filter.kinds });
    }
    const search = filter.search?.trim();
    if (search) {
      const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const compact = `%${search.replace(/[\s.]/g, '').replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      base.andWhere(
        `(a.name ILIKE :pattern OR a.vat_number ILIKE :compact OR a.kvk_number ILIKE :compact)`,
        { pattern, compact },
      );
    }
    const totalCount = await base.clone().getCount();
    const page = base
      .clone()
      .orderBy('lower(a.name)', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .limit(size + 1);
    if (after) {
      const [name, id] = decodeCursor(after, 2);
      page.andWhere('(lower(a.name), a.id) > (:afterName, CAST(:afterId AS uuid))', {
        afterName: String(name),
        afterId: String(id),
      });
    }
    const rows = size === 0 ? [] : await page.getMany();
    return toPage(rows, size, (a) => [a.name.toLowerCase(), a.id], totalCount, Boolean(after));
  }
}
