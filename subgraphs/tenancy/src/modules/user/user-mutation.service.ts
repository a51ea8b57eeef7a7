import {
  assertOfficeAdmin,
  assertOfficeAdminNow,
  failWith,
  isUuid,
  type Fail,
  type OfficeRole,
  type SubgraphRuntime,
  type UserKind,
  type Viewer,
} from '@kantoor/platform';
import type { EntityManager } from 'typeorm';
import {
  assertEmailAllowed,
  reservedEmailDomains,
  throttleAccountCreation,
} from '../auth/account-throttle.service.js';
import {
  insertUser,
  requireEmail,
  requireName,
  requirePassword,
} from '../auth/credentials.validation.js';
import { hashPassword } from '../auth/password.service.js';
import { type UserEntity } from './user.entity.js';
import type { UserMutationErrorCode } from './user-mutation.errors.js';
import {
  countOfficeAdmins,
  deactivateUser,
  lockOffice,
  lockUserOfOffice,
  revokeUserApiTokens,
  revokeUserSessions,
  updateStaffUser,
} from './user.sql.js';

const fail: Fail<UserMutationErrorCode> = failWith;

const USER_NOT_FOUND = 'No such user in your office.';

interface NewUserInput {
  email: string;
  name: string;
  kind: UserKind;
  officeRole?: OfficeRole | null;
  password: string;
}

/**
 * An office ADMIN manages the users of their office. Every method runs its checks and
 * writes in one transaction. Changes that touch who is an ADMIN lock the office row first,
 * so two ADMINs demoting or deactivating each other at once cannot leave the office
 * without an active ADMIN.
 */
export class UserMutationService {
  constructor(private readonly runtime: SubgraphRuntime) {}

  /**
   * A STAFF member (with an office role) or a CLIENT login in the ADMIN's office. Throttled
   * per client address and refused for reserved domains like signUp (account-throttle.service.ts).
   */
  async createUser(
    admin: Viewer,
    input: NewUserInput,
    clientAddress: string | null = null,
  ): Promise<UserEntity> {
    return throttleAccountCreation(this.runtime.dataSource, clientAddress, () =>
      this.createUserNow(admin, input),
    );
  }

  private async createUserNow(admin: Viewer, input: NewUserInput): Promise<UserEntity> {
    const { officeId } = assertOfficeAdmin(admin);
    if (input.kind === 'OPS') {
      fail('KIND_NOT_ALLOWED', 'Operators are not created here.', ['input', 'kind']);
    }
    const officeRole = input.officeRole ?? null;
    if (input.kind === 'STAFF' && officeRole === null) {
      fail('OFFICE_ROLE_REQUIRED', 'Choose ADMIN or MEMBER for a staff member.', [
        'input',
        'officeRole',
      ]);
    }
    if (input.kind === 'CLIENT' && officeRole !== null) {
      fail('OFFICE_ROLE_NOT_ALLOWED', 'A client has no office role.', ['input', 'officeRole']);
    }
    const name = requireName(input.name, ['input', 'name']);
    const email = requireEmail(input.email, ['input', 'email']);
    assertEmailAllowed(email, reservedEmailDomains(this.runtime.config), ['input', 'email']);
    const password = requirePassword(input.password, ['input', 'password']);
    const passwordHash = await hashPassword(password);
    return this.runtime.dataSource.transaction(async (manager) => {
      await assertOfficeAdminNow(manager, admin);
      return insertUser(
        manager,
        this.runtime.events,
        { officeId, email, name, kind: input.kind, officeRole, passwordHash },
        ['input', 'email'],
      );
    });
  }

  /** Renames a user or changes a STAFF member's office role. Publishes "user.changed". */
  async updateUser(
    admin: Viewer,
    input: { userId: string; name?: string | null; officeRole?: OfficeRole | null },
  ): Promise<UserEntity> {
    const { officeId } = assertOfficeAdmin(admin);
    if (!isUuid(input.userId)) fail('USER_NOT_FOUND', USER_NOT_FOUND, ['input', 'userId']);
    const name = input.name == null ? null : requireName(input.name, ['input', 'name']);
    const officeRole = input.officeRole ?? null;
    return this.runtime.dataSource.transaction(async (manager) => {
      await this.lockOffice(manager, officeId);
      // Still an ADMIN of this office now, in this transaction (not only when the rule ran).
      await assertOfficeAdminNow(manager, admin);
      const user = await this.lockUser(manager, officeId, input.userId);
      if (officeRole !== null && user.kind !== 'STAFF') {
        fail('OFFICE_ROLE_NOT_ALLOWED', 'Only staff members have an office role.', [
          'input',
          'officeRole',
        ]);
      }
      if (
        officeRole === 'MEMBER' &&
        user.officeRole === 'ADMIN' &&
        user.active &&
        (await this.otherActiveAdmins(manager, officeId, user.id)) === 0
      ) {
        fail('LAST_ADMIN', 'The office needs at least one active ADMIN.', ['input', 'officeRole']);
      }
      const changed =
        (name !== null && name !== user.name) ||
        (officeRole !== null && officeRole !== user.officeRole);
      if (!changed) return user;
      if (name !== null) user.name = name;
      if (officeRole !== null) user.officeRole = officeRole;
      await updateStaffUser(manager, [user.id, user.name, user.officeRole]);
      await this.runtime.events.publish(manager, 'user.changed', {
        userId: user.id,
        officeId: user.officeId,
        kind: user.kind,
        officeRole: user.officeRole,
        active: user.active,
      });
      return user;
    });
  }

  /**
   * Deactivates a user of the office: they cannot log in, and their login sessions and API
   * tokens are revoked (refused from the next request). Deactivating an inactive user
   * changes nothing. Publishes "user.deactivated".
   */
  async deactivateUser(admin: Viewer, userId: string): Promise<UserEntity> {
    const { officeId, userId: adminId } = assertOfficeAdmin(admin);
    if (!isUuid(userId)) fail('USER_NOT_FOUND', USER_NOT_FOUND, ['input', 'userId']);
    if (userId.toLowerCase() === adminId.toLowerCase()) {
      fail('CANNOT_DEACTIVATE_SELF', 'You cannot deactivate yourself.', ['input', 'userId']);
    }
    return this.runtime.dataSource.transaction(async (manager) => {
      await this.lockOffice(manager, officeId);
      // Still an ADMIN of this office now, in this transaction (not only when the rule ran).
      await assertOfficeAdminNow(manager, admin);
      const user = await this.lockUser(manager, officeId, userId);
      if (!user.active) return user;
      if (
        user.officeRole === 'ADMIN' &&
        (await this.otherActiveAdmins(manager, officeId, user.id)) === 0
      ) {
        fail('LAST_ADMIN', 'The office needs at least one active ADMIN.', ['input', 'userId']);
      }
      user.active = false;
      await deactivateUser(manager, [user.id]);
      await revokeUserSessions(manager, [user.id]);
      await revokeUserApiTokens(manager, [user.id]);
      await this.runtime.events.publish(manager, 'user.deactivated', {
        userId: user.id,
        officeId: user.officeId,
        kind: user.kind,
        officeRole: user.officeRole,
      });
      return user;
    });
  }

  private async lockOffice(manager: EntityManager, officeId: string): Promise<void> {
    await lockOffice(manager, [officeId]);
  }

  /** The user, locked; USER_NOT_FOUND when unknown or of another office (no difference). */
  private async lockUser(
    manager: EntityManager,
    officeId: string,
    userId: string,
  ): Promise<UserEntity> {
    const user = await lockUserOfOffice(manager, officeId, userId);
    return user ?? fail('USER_NOT_FOUND', USER_NOT_FOUND, ['input', 'userId']);
  }

  private async otherActiveAdmins(
    manager: EntityManager,
    officeId: string,
    userId: string,
  ): Promise<number> {
    const [row] = (await countOfficeAdmins(manager, [officeId, userId])) as { n: number }[];
    return row!.n;
  }
}
