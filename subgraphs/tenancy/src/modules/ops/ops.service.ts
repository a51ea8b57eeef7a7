import {
  DomainError,
  isUuid,
  pageByName,
  type Page,
  type SubgraphRuntime,
} from '@kantoor/platform';
import { OfficeEntity } from '../user/user.entity.js';
import { hashPassword } from '../auth/password.service.js';
import type { OpsErrorCode } from './ops.errors.js';
import type { OfficeUsage } from './ops.type.js';

export class OpsService {
  constructor(private readonly runtime: SubgraphRuntime) {}

  /** Offices by name (case-insensitive), optionally searched by name; keyset-paginated. */
  async listOffices(
    first: number | null | undefined,
    after: string | null | undefined,
    search: string | null | undefined,
  ): Promise<Page<OfficeEntity>> {
    const base = this.runtime.dataSource.getRepository(OfficeEntity).createQueryBuilder('o');
    const term = search?.trim();
    if (term) {
      base.where('o.name ILIKE :pattern', {
        pattern: `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
      });
    }
    return pageByName(base, 'o', 'name', first, after);
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
      const office = await manager
        .getRepository(OfficeEntity)
        .createQueryBuilder('o')
        .setLock('pessimistic_write')
        .where('o.id = :officeId', { officeId })
        .getOne();
      if (!office) {
        throw new DomainError<OpsErrorCode>('OFFICE_NOT_FOUND', 'No such office.', [
          'input',
          'officeId',
        ]);
      }
      if ((office.suspendedAt !== null) === suspended) return office;
      office.suspendedAt = suspended ? new Date() : null;
      await manager.getRepository(OfficeEntity).save(office);
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
    }[] = await this.runtime.dataSource.query(
      `SELECT o.id AS office_id,
              (SELECT count(*) FROM tenancy.users u WHERE u.office_id = o.id AND u.active AND u.kind = 'STAFF') AS staff,
              (SELECT count(*) FROM tenancy.users u WHERE u.office_id = o.id AND u.active AND u.kind = 'CLIENT') AS clients,
              (SELECT count(*) FROM tenancy.administrations a WHERE a.office_id = o.id AND a.archived_at IS NULL AND a.kind = 'INTERNAL') AS internal,
              (SELECT count(*) FROM tenancy.administrations a WHERE a.office_id = o.id AND a.archived_at IS NULL AND a.kind = 'INTERNAL_WITH_CLIENT_LOGIN') AS client_login,
              (SELECT count(*) FROM tenancy.administrations a WHERE a.office_id = o.id AND a.archived_at IS NULL AND a.kind = 'EXTERNAL') AS external
         FROM tenancy.offices o WHERE o.id = ANY($1::uuid[])`,
      [officeIds.filter(isUuid)],
    );
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
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `user:${email.toLowerCase()}`,
      ]);
      const [existing] = (await manager.query(
        `SELECT id, kind FROM tenancy.users WHERE lower(email) = lower($1)`,
        [email],
      )) as { id: string; kind: string }[];
      if (existing && existing.kind !== 'OPS') return 'conflict';
      if (existing) {
        await manager.query(
          `UPDATE tenancy.users SET password_hash = $2, active = true WHERE id = $1`,
          [existing.id, hash],
        );
        return 'updated';
      }
      await manager.query(
        `INSERT INTO tenancy.users (email, name, kind, password_hash) VALUES ($1, 'Kantoor operations', 'OPS', $2)`,
        [email.toLowerCase(), hash],
      );
      return 'created';
    });
  }
}
