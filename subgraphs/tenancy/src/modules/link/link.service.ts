import {
  assertLoginSession,
  assertOfficeAdmin,
  assertOfficeAdminNow,
  DomainError,
  isUuid,
  type SubgraphRuntime,
  type Viewer,
} from '@kantoor/platform';
import type { DataSource, EntityManager } from 'typeorm';
import { resolveEmail } from '../administration/administration-mutation.validation.js';
import { type AdministrationEntity } from '../administration/administration.entity.js';
import { randomToken, sha256 } from '../auth/session.service.js';
import type { LinkErrorCode } from './link.errors.js';
import {
  acceptLinkInvitation,
  deleteOfficeGrants,
  insertLinkInvitation,
  insertUnlinkAudit,
} from './link.sql.js';
import { lockAdministration, updateAdministration } from '../administration/administration.sql.js';

/** How long an invitation code works. */
export const LINK_INVITATION_TTL_DAYS = 14;

export interface IssuedLinkInvitation {
  id: string;
  /** The code itself: returned once, never stored (only its SHA-256). */
  code: string;
  expiresAt: Date;
}

/**
 * Linking a business's own (EXTERNAL) administration to an office's dashboard, with the
 * owner's consent: the office invites with a single-use code, the owner accepts it, and
 * either side can end the link.
 */
export class LinkService {
  private readonly db: DataSource;

  constructor(private readonly runtime: SubgraphRuntime) {
    this.db = runtime.dataSource;
  }

  /** A single-use code for `officeId`, valid 14 days; only its hash is stored. */
  async createInvitation(actor: Viewer, email: string): Promise<IssuedLinkInvitation> {
    const { userId: createdBy } = assertOfficeAdmin(actor);
    const address = resolveEmail(email, ['input', 'email']);
    const code = randomToken('klink', 24);
    return this.db.transaction(async (manager) => {
      // An ADMIN of the office now, whatever rule ran (issue 9).
      const officeId = await assertOfficeAdminNow(manager, actor);
      const [row] = (await insertLinkInvitation(manager, [
        officeId,
        sha256(code),
        address,
        createdBy,
        LINK_INVITATION_TTL_DAYS,
      ])) as { id: string; expires_at: Date }[];
      return { id: row!.id, code, expiresAt: row!.expires_at };
    });
  }

  /**
   * The owner links their administration to the office that issued `code`. The
   * administration row is locked first and the code is consumed by one conditional update,
   * so a code used twice at the same time links exactly once. Publishes
   * "administration.linked".
   */
  async accept(
    administrationId: string,
    code: string,
    actor: Viewer,
  ): Promise<AdministrationEntity> {
    const viewer = assertLoginSession(actor);
    return this.db.transaction(async (manager) => {
      const administration = await this.lock(manager, administrationId);
      if (!administration || administration.ownerUserId !== viewer.userId) {
        throw new DomainError<LinkErrorCode>(
          'NOT_OWNER',
          'Only the owner of the administration can link it to an office.',
        );
      }
      if (administration.officeId !== null) {
        throw new DomainError<LinkErrorCode>(
          'ALREADY_LINKED',
          'The administration is linked to an office already; unlink it first.',
          ['input', 'administrationId'],
        );
      }
      // UPDATE ... RETURNING yields [rows, rowCount].
      const [accepted] = (await acceptLinkInvitation(manager, [
        sha256(code.trim()),
        administration.id,
      ])) as [{ office_id: string }[], number];
      const officeId = accepted[0]?.office_id;
      if (!officeId) {
        throw new DomainError<LinkErrorCode>(
          'INVALID_INVITATION',
          'This code is unknown, used or expired; ask the office for a new one.',
          ['input', 'code'],
        );
      }
      await updateAdministration(manager, administration.id, { officeId });
      administration.officeId = officeId;
      await this.runtime.events.publish(manager, 'administration.linked', {
        administrationId: administration.id,
        officeId,
      });
      return administration;
    });
  }

  /**
   * Ends the link: the administration leaves the office's dashboard, the grants of the
   * office's users on it are deleted (one access_audit row each, action UNLINK, and an
   * "access.changed" event each) and office staff lose access on their next request.
   * Only the owner or an ADMIN of the linked office may. Publishes "administration.unlinked".
   */
  async unlink(administrationId: string, actor: Viewer): Promise<string> {
    const viewer = assertLoginSession(actor);
    return this.db.transaction(async (manager) => {
      const administration = await this.lock(manager, administrationId);
      const officeId = administration?.officeId ?? null;
      const isOwner = administration !== null && administration.ownerUserId === viewer.userId;
      const isOfficeAdmin =
        officeId !== null &&
        viewer.userKind === 'STAFF' &&
        viewer.officeRole === 'ADMIN' &&
        viewer.officeId === officeId &&
        viewer.scope === null;
      if (!isOwner && isOfficeAdmin) await assertOfficeAdminNow(manager, viewer);
      if (!administration || !(isOwner || isOfficeAdmin)) {
        throw new DomainError<LinkErrorCode>(
          'NOT_ALLOWED',
          'Only the owner or an administrator of the linked office can end the link.',
        );
      }
      if (officeId === null || administration.ownerUserId === null) {
        throw new DomainError<LinkErrorCode>(
          'NOT_LINKED',
          'The administration is not a linked own subscription.',
          ['input', 'administrationId'],
        );
      }
      // DELETE ... RETURNING yields [rows, rowCount].
      const [grants] = (await deleteOfficeGrants(manager, [officeId, administration.id])) as [
        { user_id: string; permissions: string[] }[],
        number,
      ];
      for (const grant of grants) {
        await insertUnlinkAudit(manager, [
          officeId,
          administration.id,
          grant.user_id,
          viewer.userId,
          grant.permissions,
        ]);
        await this.runtime.events.publish(manager, 'access.changed', {
          administrationId: administration.id,
          userId: grant.user_id,
          permissionsBefore: grant.permissions,
          permissionsAfter: [],
        });
      }
      await updateAdministration(manager, administration.id, { officeId: null });
      await this.runtime.events.publish(manager, 'administration.unlinked', {
        administrationId: administration.id,
        officeId,
      });
      return administration.id;
    });
  }

  private lock(
    manager: EntityManager,
    administrationId: string,
  ): Promise<AdministrationEntity | null> {
    if (!isUuid(administrationId)) return Promise.resolve(null);
    return lockAdministration(manager, administrationId);
  }
}
