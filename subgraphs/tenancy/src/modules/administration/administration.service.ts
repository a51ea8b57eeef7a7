import {
  assertOfficeAdmin,
  assertOfficeAdminNow,
  assertPermission,
  DomainError,
  isUniqueViolation,
  isUuid,
  type SubgraphRuntime,
  type UserViewer,
  type Viewer,
} from '@kantoor/platform';
import type { DataSource, EntityManager } from 'typeorm';
import {
  assertEmailAllowed,
  reservedEmailDomains,
  throttleAccountCreation,
} from '../auth/account-throttle.service.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../auth/password.service.js';
import { issueSession, type IssuedSession } from '../auth/session.service.js';
import { type UserEntity } from '../user/user.entity.js';
import {
  OpenActionsService,
  type AdministrationOrder,
} from '../open-actions/open-actions.service.js';
import { openActionsDay } from '../open-actions/open-actions.sql.js';
import { pageWithAccess, type ListedPage, type ListExtras } from './administration-page.js';
import type { AdministrationMutationErrorCode } from './administration-mutation.errors.js';
import {
  requireClientModulesInModules,
  requireText,
  resolveClientModules,
  resolveEmail,
  resolveKvkNumber,
  resolveModules,
  resolveVatNumber,
} from './administration-mutation.validation.js';
import { type AdministrationEntity } from './administration.entity.js';
import type { AdministrationKind, Module, VatFilingPeriod } from './administration.enums.js';
import {
  administrationsByIds,
  insertAdministration,
  insertUserEntity,
  lockAdministration,
  updateAdministration,
  userWithEmail,
  visibleAdministrations,
} from './administration.sql.js';

export interface AdministrationListFilter {
  search?: string | null;
  kinds?: AdministrationKind[] | null;
  includeArchived?: boolean | null;
  needsAttention?: boolean | null;
}

export interface CreateAdministrationValues {
  name: string;
  kind: AdministrationKind;
  modules?: Module[] | null;
  clientModules?: Module[] | null;
  vatFilingPeriod?: VatFilingPeriod | null;
  vatNumber?: string | null;
  kvkNumber?: string | null;
  chartTemplateId?: string | null;
}

/** Changes to an administration: undefined keeps a value; null clears vatNumber/kvkNumber. */
export interface UpdateAdministrationValues {
  name?: string | null;
  modules?: Module[] | null;
  clientModules?: Module[] | null;
  vatFilingPeriod?: VatFilingPeriod | null;
  vatNumber?: string | null;
  kvkNumber?: string | null;
}

export interface SignUpBusinessValues {
  businessName: string;
  name: string;
  email: string;
  password: string;
}

export interface SignedUpBusiness {
  administration: AdministrationEntity;
  user: UserEntity;
  session: IssuedSession;
}

type ErrorCode = AdministrationMutationErrorCode;

/** The fields of "administration.created" / "administration.updated". */
export function administrationEventPayload(a: AdministrationEntity) {
  return {
    administrationId: a.id,
    officeId: a.officeId,
    ownerUserId: a.ownerUserId,
    name: a.name,
    kind: a.kind,
    modules: a.modules,
    clientModules: a.clientModules,
    vatFilingPeriod: a.vatFilingPeriod,
    // The VAT module files with it (MISSING_VAT_NUMBER, the XBRL context); the ledger's
    // audit file (XAF) header names the company by it and the KvK number (issue 13, item 17).
    vatNumber: a.vatNumber,
    kvkNumber: a.kvkNumber,
  };
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
    return administrationsByIds(this.db.manager, ids);
  }

  /**
   * The administrations the viewer may open (holds any permission in), ordered by name
   * case-insensitively then id; keyset-paginated on (lower(name), id).
   */
  async listForViewer(
    viewer: UserViewer,
    first: number | null | undefined,
    after: string | null | undefined,
    filterOrNull: AdministrationListFilter | null = {},
    order: AdministrationOrder = 'NAME',
    extras: ListExtras = {},
  ): Promise<ListedPage> {
    // `filter: null` sent explicitly is no filter (it was an INTERNAL_SERVER_ERROR).
    const filter = filterOrNull ?? {};
    const base = visibleAdministrations(this.db.manager, viewer, filter);
    if (filter.needsAttention || order !== 'NAME') {
      // Keys computed from the dashboard's read model per viewer (docs/decisions/0014-dashboard.md).
      return new OpenActionsService(this.runtime).page(base, viewer, {
        needsAttention: Boolean(filter.needsAttention),
        order,
        first,
        after,
        day: openActionsDay(),
        load: (ids) => this.byIds(ids),
      });
    }
    return pageWithAccess(base, viewer, first, after, extras);
  }

  /** The administration, locked for the rest of the transaction (null when unknown). */
  async lockForUpdate(
    manager: EntityManager,
    administrationId: string,
  ): Promise<AdministrationEntity | null> {
    if (!isUuid(administrationId)) return null;
    return lockAdministration(manager, administrationId);
  }

  /**
   * A new internal administration in the office of `actor`, who must be its ADMIN (checked
   * here and again in the transaction, whatever rule ran before). Publishes
   * "administration.created" with the chosen chart template, so the ledger opens the books.
   * An unknown chartTemplateId cannot be checked here (templates belong to the ledger);
   * only something that is no id at all is refused.
   */
  async create(actor: Viewer, input: CreateAdministrationValues): Promise<AdministrationEntity> {
    assertOfficeAdmin(actor);
    const name = requireText(input.name, 'EMPTY_NAME', 'Give the administration a name.', [
      'input',
      'name',
    ]);
    if (input.kind === 'EXTERNAL') {
      throw new DomainError<ErrorCode>(
        'KIND_NOT_ALLOWED',
        "An EXTERNAL administration is a business's own subscription; it arrives by linking.",
        ['input', 'kind'],
      );
    }
    const modules = resolveModules(input.kind, input.modules ?? ['LEDGER'], ['input', 'modules']);
    const clientModules = resolveClientModules(input.kind, input.clientModules ?? [], [
      'input',
      'clientModules',
    ]);
    requireClientModulesInModules(modules, clientModules, ['input', 'clientModules']);
    const vatNumber = resolveVatNumber(input.vatNumber ?? null, ['input', 'vatNumber']);
    const kvkNumber = resolveKvkNumber(input.kvkNumber ?? null, ['input', 'kvkNumber']);
    const chartTemplateId = input.chartTemplateId ?? null;
    if (chartTemplateId !== null && !isUuid(chartTemplateId)) {
      throw new DomainError<ErrorCode>('INVALID_CHART_TEMPLATE', 'No such chart template.', [
        'input',
        'chartTemplateId',
      ]);
    }
    return this.db.transaction(async (manager) => {
      const officeId = await assertOfficeAdminNow(manager, actor);
      const administration = await insertAdministration(manager, {
        officeId,
        ownerUserId: null,
        name,
        kind: input.kind,
        modules,
        clientModules,
        vatFilingPeriod: input.vatFilingPeriod ?? 'QUARTER',
        vatNumber,
        kvkNumber,
        archivedAt: null,
      });
      await this.runtime.events.publish(manager, 'administration.created', {
        ...administrationEventPayload(administration),
        chartTemplateId: chartTemplateId?.toLowerCase() ?? null,
      });
      return administration;
    });
  }

  /**
   * Changes an administration's name, modules, client modules, VAT filing period, VAT or
   * KvK number (not its kind). Archived administrations are read-only. Publishes
   * "administration.updated" when anything changed.
   */
  async update(
    actor: Viewer,
    administrationId: string,
    input: UpdateAdministrationValues,
  ): Promise<AdministrationEntity> {
    return this.db.transaction(async (manager) => {
      await assertPermission(manager, actor, administrationId, 'ADMINISTRATION_MANAGE');
      const current = await this.lockForUpdate(manager, administrationId);
      if (!current) {
        throw new DomainError<ErrorCode>('ADMINISTRATION_NOT_FOUND', 'No such administration.', [
          'input',
          'administrationId',
        ]);
      }
      if (current.archivedAt !== null) {
        throw new DomainError<ErrorCode>(
          'ADMINISTRATION_ARCHIVED',
          'The administration is archived; unarchive it first.',
          ['input', 'administrationId'],
        );
      }
      const next = { ...current };
      if (input.name != null) {
        next.name = requireText(input.name, 'EMPTY_NAME', 'Give the administration a name.', [
          'input',
          'name',
        ]);
      }
      if (input.modules != null) {
        next.modules = resolveModules(current.kind, input.modules, ['input', 'modules']);
      }
      if (input.clientModules != null) {
        next.clientModules = resolveClientModules(current.kind, input.clientModules, [
          'input',
          'clientModules',
        ]);
      }
      requireClientModulesInModules(next.modules, next.clientModules, [
        'input',
        input.clientModules != null ? 'clientModules' : 'modules',
      ]);
      if (input.vatFilingPeriod != null) next.vatFilingPeriod = input.vatFilingPeriod;
      if (input.vatNumber !== undefined) {
        next.vatNumber = resolveVatNumber(input.vatNumber, ['input', 'vatNumber']);
      }
      if (input.kvkNumber !== undefined) {
        next.kvkNumber = resolveKvkNumber(input.kvkNumber, ['input', 'kvkNumber']);
      }
      const changed =
        next.name !== current.name ||
        next.modules.join() !== current.modules.join() ||
        next.clientModules.join() !== current.clientModules.join() ||
        next.vatFilingPeriod !== current.vatFilingPeriod ||
        next.vatNumber !== current.vatNumber ||
        next.kvkNumber !== current.kvkNumber;
      if (!changed) return current;
      await updateAdministration(manager, current.id, {
        name: next.name,
        modules: next.modules,
        clientModules: next.clientModules,
        vatFilingPeriod: next.vatFilingPeriod,
        vatNumber: next.vatNumber,
        kvkNumber: next.kvkNumber,
      });
      const updated = Object.assign(current, next);
      await this.runtime.events.publish(
        manager,
        'administration.updated',
        administrationEventPayload(updated),
      );
      return updated;
    });
  }

  /**
   * Archives (or unarchives) an administration: hidden from `administrations` unless
   * filter.includeArchived, still returned by `administration(id)`. Publishes
   * "administration.archived" / "administration.unarchived" when the state changes.
   */
  async setArchived(
    actor: Viewer,
    administrationId: string,
    archived: boolean,
  ): Promise<AdministrationEntity> {
    return this.db.transaction(async (manager) => {
      await assertPermission(manager, actor, administrationId, 'ADMINISTRATION_MANAGE');
      const administration = await this.lockForUpdate(manager, administrationId);
      if (!administration) {
        throw new DomainError<ErrorCode>('ADMINISTRATION_NOT_FOUND', 'No such administration.', [
          'input',
          'administrationId',
        ]);
      }
      if ((administration.archivedAt !== null) === archived) return administration;
      administration.archivedAt = archived ? new Date() : null;
      await updateAdministration(manager, administration.id, {
        archivedAt: administration.archivedAt,
      });
      await this.runtime.events.publish(
        manager,
        archived ? 'administration.archived' : 'administration.unarchived',
        { administrationId: administration.id, officeId: administration.officeId },
      );
      return administration;
    });
  }

  /**
   * A business with its own subscription: one CLIENT user without an office who owns one
   * EXTERNAL administration with every module (the owner has every permission there through
   * effective_permissions), and a login session for that user. Publishes "user.added" and
   * "administration.created". Throttled per client address and refused for reserved domains
   * like signUp (auth/account-throttle.service.ts).
   */
  async signUpBusiness(
    input: SignUpBusinessValues,
    clientAddress: string | null = null,
  ): Promise<SignedUpBusiness> {
    return throttleAccountCreation(this.db, clientAddress, () => this.signUpBusinessNow(input));
  }

  private async signUpBusinessNow(input: SignUpBusinessValues): Promise<SignedUpBusiness> {
    const businessName = requireText(
      input.businessName,
      'EMPTY_BUSINESS_NAME',
      'Give the business a name.',
      ['input', 'businessName'],
    );
    const name = requireText(input.name, 'EMPTY_NAME', 'Give your name.', ['input', 'name']);
    const email = resolveEmail(input.email, ['input', 'email']);
    assertEmailAllowed(email, reservedEmailDomains(this.runtime.config), ['input', 'email']);
    if ([...input.password].length < MIN_PASSWORD_LENGTH) {
      throw new DomainError<ErrorCode>(
        'WEAK_PASSWORD',
        `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`,
        ['input', 'password'],
      );
    }
    const duplicate = () =>
      new DomainError<ErrorCode>('DUPLICATE_EMAIL', 'This email address is already in use.', [
        'input',
        'email',
      ]);
    // Cheap check first (no hashing for a known address); the unique index decides races.
    const [existing] = (await userWithEmail(this.db, [email])) as unknown[];
    if (existing) throw duplicate();
    const passwordHash = await hashPassword(input.password);
    try {
      return await this.db.transaction(async (manager) => {
        const user = await insertUserEntity(manager, {
          officeId: null,
          email,
          name,
          kind: 'CLIENT',
          officeRole: null,
          passwordHash,
          active: true,
        });
        const administration = await insertAdministration(manager, {
          officeId: null,
          ownerUserId: user.id,
          name: businessName,
          kind: 'EXTERNAL',
          modules: ['LEDGER', 'INVOICING'],
          clientModules: [],
          vatFilingPeriod: 'QUARTER',
          vatNumber: null,
          kvkNumber: null,
          archivedAt: null,
        });
        await this.runtime.events.publish(manager, 'user.added', {
          userId: user.id,
          officeId: null,
          kind: user.kind,
          officeRole: null,
          active: true,
        });
        await this.runtime.events.publish(manager, 'administration.created', {
          ...administrationEventPayload(administration),
          chartTemplateId: null,
        });
        const session = await issueSession(
          manager,
          user.id,
          this.runtime.config.KANTOOR_JWT_SECRET,
        );
        return { administration, user, session };
      });
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_key')) throw duplicate();
      throw error;
    }
  }
}
