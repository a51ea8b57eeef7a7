import {
  DomainError,
  isUuid,
  pageByName,
  type Page,
  type SubgraphRuntime,
} from '@kantoor/platform';
import { type OfficeEntity } from '../user/user.entity.js';
import { hashPassword } from '../auth/password.service.js';
import type { OpsErrorCode } from './ops.errors.js';
import type { OfficeUsage } from './ops.type.js';
import {
  insertOpsUser,
  lockKey,
  lockOfficeRow,
  officeCounts,
  officesMatching,
  reactivateOpsUser,
  saveOffice,
  userByEmail,
} from './ops.sql.js';

export class OpsService {
  constructor(private readonly runtime: SubgraphRuntime) {}

  /** Offices by name (case-insensitive), optionally searched by name; keyset-paginated. */
  async listOffices(
    first: number | null | undefined,
    after: string | null | undefined,
    search: string | null | undefined,
  ): Promise<Page<OfficeEntity>> {
    return pageByName(
      officesMatching(this.runtime.dataSource.manager, search?.trim() || null),
      'o',
      'name',
      first,
      after,
    );
  }

  /**
   * Suspends or reinstates an office. Its users are refused on their next request (the
   * `principals` view); billing hears of it through "office.suspended"/"office.reinstated".
   */
  async setSuspended(officeId: string, suspended: boolean, actorId: string): Promise<OfficeEntity> {
    return this.runtime.dataSource.transaction(async (manager) => {
      if (!isUuid(officeId)) {
        throw new DomainError<OpsErrorCode>('OFFICE_NOT_FOUND', 'No such office.', [
          'input',
          'officeId',
        ]);
      }
      const office = await lockOfficeRow(manager, officeId);
      if (!office) {
        throw new DomainError<OpsErrorCode>('OFFICE_NOT_FOUND', 'No such office.', [
          'input',
          'officeId',
        ]);
      }
      if ((office.suspendedAt !== null) === suspended) return office;
      office.suspendedAt = suspended ? new Date() : null;
      await saveOffice(manager, office);
      await this.runtime.events.publish(
        manager,
        suspended ? 'office.suspended' : 'office.reinstated',
        {
          officeId,
          at: new Date().toISOString(),
          by: actorId,
        },
      );
      return office;
    });
  }

  /** Usage counts of many offices in one query (for a page of offices). */
  async usageOf(officeIds: readonly string[]): Promise<Map<string, OfficeUsage>> {
    const rows: {
      office_id: string;
      staff: string;
      clients: string;
      internal: string;
      client_login: string;
      external: string;
    }[] = await officeCounts(this.runtime.dataSource, [officeIds.filter(isUuid)]);
    return new Map(
      rows.map((r) => [
        r.office_id,
        {
          id: r.office_id,
          staffUsers: Number(r.staff),
          clientUsers: Number(r.clients),
          internalAdministrations: Number(r.internal),
          clientLoginAdministrations: Number(r.client_login),
          externalAdministrations: Number(r.external),
        },
      ]),
    );
  }

  /**
   * Creates or updates the OPS user from KANTOOR_OPS_EMAIL / KANTOOR_OPS_PASSWORD at
   * start-up. An existing non-OPS user with that email is left alone (and reported).
   */
  async ensureOpsUser(): Promise<'created' | 'updated' | 'skipped' | 'conflict'> {
    const { KANTOOR_OPS_EMAIL: email, KANTOOR_OPS_PASSWORD: password } = this.runtime.config;
    if (!email || !password) return 'skipped';
    const hash = await hashPassword(password);
    return this.runtime.dataSource.transaction(async (manager) => {
      await lockKey(manager, [`user:${email.toLowerCase()}`]);
      const [existing] = (await userByEmail(manager, [email])) as { id: string; kind: string }[];
      if (existing && existing.kind !== 'OPS') return 'conflict';
      if (existing) {
        await reactivateOpsUser(manager, [existing.id, hash]);
        return 'updated';
      }
      await insertOpsUser(manager, [email.toLowerCase(), hash]);
      return 'created';
    });
  }
}
