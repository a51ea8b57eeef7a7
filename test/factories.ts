import { randomUUID } from 'node:crypto';
import { signAccessToken, type EventBus, type Permission } from '@kantoor/platform';
import { TEST_JWT_SECRET } from '@kantoor/platform/testing';
import type { DataSource } from 'typeorm';

/**
 * Test data written straight into tenancy's tables, the way tenancy itself stores it,
 * with the domain event tenancy publishes. Each test creates its own office.
 */
export class Factories {
  constructor(
    private readonly tenancy: DataSource,
    private readonly events: EventBus,
  ) {}

  async office(
    name = `Kantoor ${randomUUID().slice(0, 8)}`,
  ): Promise<{ id: string; name: string }> {
    const [row] = await this.tenancy.query(
      `INSERT INTO tenancy.offices (name, trial_ends_at) VALUES ($1, now() + interval '30 days') RETURNING id, name`,
      [name],
    );
    return row;
  }

  async user(options: {
    officeId?: string | null;
    kind?: 'STAFF' | 'CLIENT' | 'OPS';
    officeRole?: 'ADMIN' | 'MEMBER' | null;
    name?: string;
  }): Promise<{ id: string; email: string }> {
    const kind = options.kind ?? 'STAFF';
    const [row] = await this.tenancy.query(
      `INSERT INTO tenancy.users (office_id, email, name, kind, office_role, password_hash)
       VALUES ($1, $2, $3, $4, $5, 'not-a-login') RETURNING id, email`,
      [
        kind === 'OPS' ? null : (options.officeId ?? null),
        `${randomUUID()}@example.test`,
        options.name ?? 'Test User',
        kind,
        kind === 'STAFF' ? (options.officeRole ?? 'MEMBER') : null,
      ],
    );
    return row;
  }

  /** An administration, with tenancy's "administration.created" event in the same transaction. */
  async administration(options: {
    officeId: string;
    name?: string;
    kind?: 'INTERNAL' | 'INTERNAL_WITH_CLIENT_LOGIN' | 'EXTERNAL';
    modules?: string[];
    clientModules?: string[];
    vatFilingPeriod?: 'MONTH' | 'QUARTER' | 'YEAR';
    vatNumber?: string | null;
  }): Promise<{ id: string; name: string }> {
    return this.tenancy.transaction(async (manager) => {
      const modules = options.modules ?? ['LEDGER'];
      const vatFilingPeriod = options.vatFilingPeriod ?? 'QUARTER';
      const vatNumber = options.vatNumber ?? null;
      const [row] = await manager.query(
        `INSERT INTO tenancy.administrations
           (office_id, name, kind, modules, client_modules, vat_filing_period, vat_number)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, name`,
        [
          options.officeId,
          options.name ?? `Administratie ${randomUUID().slice(0, 8)}`,
          options.kind ?? 'INTERNAL',
          modules,
          options.clientModules ?? [],
          vatFilingPeriod,
          vatNumber,
        ],
      );
      await this.events.publish(manager, 'administration.created', {
        administrationId: row.id,
        officeId: options.officeId,
        name: row.name,
        kind: options.kind ?? 'INTERNAL',
        modules,
        vatFilingPeriod,
        vatNumber,
      });
      return row;
    });
  }

  async grant(userId: string, administrationId: string, permissions: Permission[]): Promise<void> {
    await this.tenancy.query(
      `INSERT INTO tenancy.grants (user_id, administration_id, permissions) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, administration_id) DO UPDATE SET permissions = EXCLUDED.permissions, updated_at = now()`,
      [userId, administrationId, permissions],
    );
  }

  /** A login session for `userId` and its access token, as `login` would issue. */
  async token(userId: string, options: { ttlSeconds?: number } = {}): Promise<string> {
    const [session] = await this.tenancy.query(
      `INSERT INTO tenancy.sessions (user_id, expires_at) VALUES ($1, now() + interval '30 days') RETURNING id`,
      [userId],
    );
    return signAccessToken({ sub: userId, sid: session.id }, TEST_JWT_SECRET, options.ttlSeconds);
  }
}
