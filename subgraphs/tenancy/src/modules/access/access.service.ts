import {
  assertOfficeAdmin,
  assertOfficeAdminNow,
  decodeCursor,
  DomainError,
  isPermission,
  isUuid,
  pageSize,
  toPage,
  type Page,
  type Permission,
  type SubgraphRuntime,
  type Viewer,
} from '@kantoor/platform';
import { GraphQLError } from 'graphql';
import type { EntityManager } from 'typeorm';
import type { Module } from '../administration/administration.enums.js';
import type { AccessErrorCode } from './access.errors.js';
import {
  accessAuditPage,
  accessRows,
  deleteGrant,
  effectivePermissionsOf,
  insertAccessAudit,
  lockAdministrationOfOffice,
  lockGrant,
  lockGrantKey,
  upsertGrant,
  userOfOffice,
} from './access.sql.js';

/** The permissions each client module opens to a CLIENT user. */
const CLIENT_MODULE_PERMISSIONS: Record<Module, Permission[]> = {
  LEDGER: ['LEDGER_READ', 'LEDGER_WRITE', 'VAT_READ', 'VAT_SUBMIT'],
  INVOICING: ['INVOICING_READ', 'INVOICING_WRITE'],
};

/** One user's effective access to one administration. */
export interface AccessRow {
  administrationId: string;
  userId: string;
  permissions: Permission[];
  /** An ADMIN of the administration's office: access from the office role, not a grant. */
  viaOfficeRole: boolean;
}

/** One row of tenancy.access_audit. */
export interface AccessAuditRow {
  id: string;
  administrationId: string;
  userId: string;
  changedBy: string | null;
  action: 'SET' | 'REVOKE';
  permissionsBefore: Permission[];
  permissionsAfter: Permission[];
  changedAt: Date;
  /** changed_at in UTC with microseconds: the exact keyset value for the cursor. */
  changedAtKey: string;
}

/** Sorted, without duplicates and unknown values: how grants are stored and compared. */
export function normalizePermissions(permissions: readonly string[]): Permission[] {
  return [...new Set(permissions)].filter(isPermission).sort();
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((p, i) => p === b[i]);
}

const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/**
 * Grants (toegangsrechten): who may do what in which administration, and the audit log of
 * every change. What a user may do is always read back from `tenancy.effective_permissions`.
 */
export class AccessService {
  constructor(private readonly runtime: SubgraphRuntime) {}

  /**
   * Replaces `userId`'s grant on `administrationId` with `permissions` ([] deletes it), as
   * the office ADMIN `actor`. Validation, the grant, the audit row and "access.changed" run
   * in one transaction; concurrent calls for the same user and administration are
   * serialized by an advisory lock, so the audit log is a consistent chain. Nothing is
   * written when nothing changes. Returns the user's effective permissions there.
   */
  async setAccess(
    administrationId: string,
    userId: string,
    permissions: readonly Permission[],
    actor: Viewer,
  ): Promise<Permission[]> {
    const { userId: actorId } = assertOfficeAdmin(actor);
    const after = normalizePermissions(permissions);
    return this.runtime.dataSource.transaction(async (manager) => {
      // The caller is an ADMIN of this office now, in this transaction (issue 9).
      const officeId = await assertOfficeAdminNow(manager, actor);
      const administration = await this.lockAdministration(manager, administrationId, officeId);
      if (!administration) {
        throw new DomainError<AccessErrorCode>(
          'ADMINISTRATION_NOT_FOUND',
          'No such administration in your office.',
          ['input', 'administrationId'],
        );
      }
      const user = await this.findGrantee(manager, userId, officeId);
      if (!user) {
        throw new DomainError<AccessErrorCode>('USER_NOT_FOUND', 'No such user in your office.', [
          'input',
          'userId',
        ]);
      }
      if (user.kind === 'STAFF' && user.office_role === 'ADMIN') {
        throw new DomainError<AccessErrorCode>(
          'USER_IS_ADMIN',
          'Office administrators already have every permission on every administration of the office.',
          ['input', 'userId'],
        );
      }
      if (user.kind === 'CLIENT') {
        const allowed = new Set<Permission>(
          administration.kind === 'INTERNAL_WITH_CLIENT_LOGIN'
            ? administration.client_modules.flatMap((m) => CLIENT_MODULE_PERMISSIONS[m] ?? [])
            : [],
        );
        const refused = after.filter((p) => !allowed.has(p));
        if (refused.length > 0) {
          throw new DomainError<AccessErrorCode>(
            'CLIENT_MODULE_NOT_ALLOWED',
            administration.kind === 'INTERNAL_WITH_CLIENT_LOGIN'
              ? `A client may only get permissions of the client modules; not: ${refused.join(', ')}.`
              : 'Clients have no access to this kind of administration.',
            ['input', 'permissions'],
          );
        }
      }

      const ids = [user.id, administration.id];
      await lockGrantKey(manager, [`access:${administration.id}:${user.id}`]);
      const [grant] = (await lockGrant(manager, ids)) as { permissions: string[] }[];
      const before = normalizePermissions(grant?.permissions ?? []);

      if (!sameList(before, after)) {
        if (after.length === 0) {
          await deleteGrant(manager, ids);
        } else {
          await upsertGrant(manager, [...ids, after]);
        }
        // clock_timestamp(), not now(): rows are ordered as the lock admitted them.
        await insertAccessAudit(manager, [
          officeId,
          administration.id,
          user.id,
          actorId,
          after.length === 0 ? 'REVOKE' : 'SET',
          before,
          after,
        ]);
        await this.runtime.events.publish(manager, 'access.changed', {
          administrationId: administration.id,
          userId: user.id,
          permissionsBefore: before,
          permissionsAfter: after,
        });
      }

      const effective = (await effectivePermissionsOf(manager, ids)) as { permission: string }[];
      return normalizePermissions(effective.map((r) => r.permission));
    });
  }

  /** The administration if it belongs to `officeId`, share-locked until the transaction ends. */
  private async lockAdministration(
    manager: EntityManager,
    administrationId: string,
    officeId: string | null,
  ): Promise<{ id: string; kind: string; client_modules: Module[] } | null> {
    if (!isUuid(administrationId) || !officeId) return null;
    const [row] = (await lockAdministrationOfOffice(manager, [administrationId, officeId])) as {
      id: string;
      kind: string;
      client_modules: Module[];
    }[];
    return row ?? null;
  }

  /** A STAFF or CLIENT user of `officeId` (OPS users belong to no office). */
  private async findGrantee(
    manager: EntityManager,
    userId: string,
    officeId: string | null,
  ): Promise<{ id: string; kind: 'STAFF' | 'CLIENT'; office_role: string | null } | null> {
    if (!isUuid(userId) || !officeId) return null;
    const [row] = (await userOfOffice(manager, [userId, officeId])) as {
      id: string;
      kind: 'STAFF' | 'CLIENT';
      office_role: string | null;
    }[];
    return row ?? null;
  }

  /**
   * Who has what in each administration: one row per user with any effective permission,
   * ordered by user name; one query for all administrations of a request.
   */
  async accessOf(administrationIds: readonly string[]): Promise<Map<string, AccessRow[]>> {
    const ids = [...new Set(administrationIds.filter(isUuid).map((id) => id.toLowerCase()))];
    const result = new Map<string, AccessRow[]>();
    if (ids.length === 0) return result;
    const rows = (await accessRows(this.runtime.dataSource, [ids])) as {
      administration_id: string;
      user_id: string;
      permissions: string[];
      via_office_role: boolean;
    }[];
    for (const row of rows) {
      let list = result.get(row.administration_id);
      if (!list) result.set(row.administration_id, (list = []));
      list.push({
        administrationId: row.administration_id,
        userId: row.user_id,
        permissions: normalizePermissions(row.permissions),
        viaOfficeRole: row.via_office_role,
      });
    }
    return result;
  }

  /**
   * The office's access changes, newest first, optionally of one administration;
   * keyset-paginated on (changed_at, id) descending.
   */
  async auditOfOffice(
    officeId: string,
    first: number | null | undefined,
    after: string | null | undefined,
    administrationId: string | null | undefined,
  ): Promise<Page<AccessAuditRow>> {
    const size = pageSize(first);
    let keyTime: string | null = null;
    let keyId: string | null = null;
    if (after) {
      const [time, id] = decodeCursor(after, 2);
      if (typeof time !== 'string' || !CURSOR_TIME.test(time) || !/^\d{1,18}$/.test(String(id))) {
        throw new GraphQLError('Invalid cursor.', { extensions: { code: 'BAD_USER_INPUT' } });
      }
      keyTime = time;
      keyId = String(id);
    }
    if (!isUuid(officeId) || (administrationId != null && !isUuid(administrationId))) {
      return toPage<AccessAuditRow>([], size, () => [], 0, Boolean(after));
    }
    const { count, rows } = await accessAuditPage(this.runtime.dataSource.manager, {
      officeId,
      administrationId: administrationId ?? null,
      after: keyTime !== null && keyId !== null ? { time: keyTime, id: keyId } : null,
      limit: size + 1,
    });
    for (const row of rows) {
      row.permissionsBefore = normalizePermissions(row.permissionsBefore);
      row.permissionsAfter = normalizePermissions(row.permissionsAfter);
    }
    return toPage(rows, size, (r) => [r.changedAtKey, r.id], count, Boolean(after));
  }
}
