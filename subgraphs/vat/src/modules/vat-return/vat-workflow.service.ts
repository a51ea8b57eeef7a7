import {
  assertOfficeAdminNow,
  assertPermission,
  isUuid,
  type EventBus,
  type Permission,
  type UserViewer,
} from '@kantoor/platform';
import type { DataSource, EntityManager } from 'typeorm';
import { buildVatXbrl } from '../filing/xbrl.builder.js';
import { boxesOf } from './vat-boxes.calc.js';
import { vatError } from './vat-return.errors.js';
import { createVatLoaders } from './vat-return.loaders.js';
import { totalOf, VatReturnReader, type VatReturnView } from './vat-return.service.js';
import {
  administrationsByIds,
  FILED,
  insertFiling,
  lockReturn,
  markReturnSubmitted,
  recordEvent,
  setReturnStatus,
  upsertPreparedReturn,
  type FrozenSums,
  type VatReturnRow,
  type VatReturnStatus,
} from './vat-return.sql.js';
import { parsePeriod, today } from './vat-period.calc.js';

export const VAT_PERIOD_FILED = 'vat.period-filed';
export const VAT_RETURN_SUBMITTED = 'vat.return-submitted';
/**
 * Published in the transaction of every status change of a return (each workflow step and the
 * filing answer): {administrationId, period, status, previousStatus, suppletie (number or
 * null)}. previousStatus is the status before the step (OPEN before the first prepare;
 * PREPARED again when an outdated return is prepared anew). Tenancy's webhooks deliver it as
 * vat_return.status_changed (issue 16).
 */
export const VAT_RETURN_STATUS_CHANGED = 'vat.return-status-changed';
const MAX_NOTE = 2000;

export interface VatReturnKey {
  administrationId: string;
  period: string;
  note?: string | null;
}

/**
 * The filing workflow (contract: prepare -> request approval -> approve -> submit; the adapter
 * answers ACCEPTED or REJECTED). Each transition runs in one transaction holding the
 * (administration, period) lock, re-checks the viewer's permission there, and writes the
 * history; submitting publishes vat.period-filed (the ledger locks the period) and
 * vat.return-submitted (the filing consumer hands the XBRL instance to the adapter).
 */
export class VatWorkflowService {
  constructor(
    private readonly db: DataSource,
    private readonly events: Pick<EventBus, 'publish'>,
  ) {}

  async prepare(viewer: UserViewer, key: VatReturnKey): Promise<VatReturnView> {
    return this.transition(viewer, key, 'VAT_SUBMIT', async (m, view, reader) => {
      const status = view.row?.status ?? 'OPEN';
      if (FILED.includes(status)) {
        throw vatError(
          'ALREADY_SUBMITTED',
          `The return for ${view.period.label} was filed already.`,
          ['input', 'period'],
        );
      }
      if (view.row && status !== 'REJECTED' && !(await reader.isOutdated(view))) return null;
      const live = await reader.live({ ...view, row: null });
      const sums: FrozenSums = { ...live.own, corrections: live.corrections };
      await upsertPreparedReturn(m, view.administration.administrationId, view.period, sums);
      return 'PREPARED';
    });
  }

  async requestApproval(viewer: UserViewer, key: VatReturnKey): Promise<VatReturnView> {
    return this.transition(viewer, key, 'VAT_SUBMIT', async (m, view) => {
      if (view.row?.status !== 'PREPARED') {
        throw vatError('NOT_PREPARED', 'Only a PREPARED return can be sent for approval.', [
          'input',
          'period',
        ]);
      }
      await setReturnStatus(m, view.row, 'AWAITING_APPROVAL');
      return 'AWAITING_APPROVAL';
    });
  }

  async approve(viewer: UserViewer, key: VatReturnKey): Promise<VatReturnView> {
    return this.transition(viewer, key, 'VAT_READ', async (m, view) => {
      // A CLIENT user (VAT_READ checked above), or an ADMIN of the administration's office
      // (still so in the database, through a login session).
      if (viewer.userKind !== 'CLIENT') {
        const office =
          viewer.userKind === 'STAFF' && viewer.officeRole === 'ADMIN'
            ? await assertOfficeAdminNow(m, viewer)
            : null;
        if (!office || office !== view.administration.officeId) {
          throw vatError(
            'FORBIDDEN',
            'Only the client or an office administrator approves a return.',
          );
        }
      }
      if (view.row?.status !== 'AWAITING_APPROVAL') {
        throw vatError('NOT_AWAITING_APPROVAL', 'The return is not awaiting approval.', [
          'input',
          'period',
        ]);
      }
      await setReturnStatus(m, view.row, 'APPROVED');
      return 'APPROVED';
    });
  }

  async submit(viewer: UserViewer, key: VatReturnKey): Promise<VatReturnView> {
    return this.transition(viewer, key, 'VAT_SUBMIT', async (m, view, reader) => {
      const status = view.row?.status ?? 'OPEN';
      const field = ['input', 'period'];
      if (FILED.includes(status))
        throw vatError(
          'ALREADY_SUBMITTED',
          `The return for ${view.period.label} was filed already.`,
          field,
        );
      if (status === 'AWAITING_APPROVAL')
        throw vatError('AWAITING_APPROVAL', 'The return still awaits approval.', field);
      if (!view.row || (status !== 'PREPARED' && status !== 'APPROVED'))
        throw vatError('NOT_PREPARED', 'Prepare the return first.', field);
      if (await reader.isOutdated(view))
        throw vatError(
          'OUTDATED',
          'The bookings of the period changed; prepare the return again.',
          field,
        );
      const vatNumber = view.administration.vatNumber;
      if (!vatNumber)
        throw vatError('MISSING_VAT_NUMBER', 'The administration has no VAT number.', [
          'input',
          'administrationId',
        ]);
      const xbrl = buildVatXbrl({
        vatNumber,
        periodStart: view.period.start,
        periodEnd: view.period.end,
        boxes: boxesOf(totalOf(view.row.sums)),
        createdAt: new Date(),
      });
      await markReturnSubmitted(m, view.administration.administrationId, view.period.start, xbrl);
      const filingId = await insertFiling(
        m,
        view.administration.administrationId,
        view.period.label,
        xbrl,
        null,
      );
      await this.events.publish(m, VAT_PERIOD_FILED, {
        administrationId: view.administration.administrationId,
        period: view.period.label,
        periodStart: view.period.start,
        periodEnd: view.period.end,
      });
      await this.events.publish(m, VAT_RETURN_SUBMITTED, {
        administrationId: view.administration.administrationId,
        period: view.period.label,
        filingId,
      });
      return 'SUBMITTED';
    });
  }

  /**
   * One workflow step: checks the note and the period, takes the lock, re-checks `permission`
   * in the transaction, runs `step` (which answers the new status, or null for no change) and
   * records the step in the history. Returns the return as it is after the commit.
   */
  private async transition(
    viewer: UserViewer,
    key: VatReturnKey,
    permission: Permission,
    step: (
      m: EntityManager,
      view: VatReturnView & { row: VatReturnRow | null },
      reader: VatReturnReader,
    ) => Promise<VatReturnStatus | null>,
  ): Promise<VatReturnView> {
    const note = key.note?.trim() ? key.note.trim() : null;
    if (note && note.length > MAX_NOTE)
      throw vatError('NOTE_TOO_LONG', `A note has at most ${MAX_NOTE} characters.`, [
        'input',
        'note',
      ]);
    await this.db.transaction(async (m) => {
      await requirePermission(m, viewer, key.administrationId, permission);
      const [administration] = await administrationsByIds(m, [key.administrationId]);
      const period = administration
        ? parsePeriod(administration.vatFilingPeriod, key.period)
        : null;
      if (!administration || !period) {
        throw vatError(
          'INVALID_PERIOD',
          administration
            ? `"${key.period}" is no ${administration.vatFilingPeriod.toLowerCase()} period (e.g. 2026-Q1, 2026-03 or 2026).`
            : 'The VAT module does not know this administration yet; try again in a moment.',
          ['input', 'period'],
        );
      }
      if (period.end >= today()) {
        throw vatError('PERIOD_NOT_ENDED', `${period.label} has not ended yet.`, [
          'input',
          'period',
        ]);
      }
      const row = await lockReturn(m, administration.administrationId, period.start);
      // Reads inside the transaction (after the lock) see the other steps' commits.
      const reader = new VatReturnReader(createVatLoaders(m));
      const previous: VatReturnStatus = row?.status ?? 'OPEN';
      const next = await step(m, { administration, period, row }, reader);
      if (next) {
        await recordEvent(
          m,
          administration.administrationId,
          period.label,
          next,
          viewer.userId,
          note,
        );
        await this.events.publish(m, VAT_RETURN_STATUS_CHANGED, {
          administrationId: administration.administrationId,
          period: period.label,
          status: next,
          previousStatus: previous,
          suppletie: null,
        });
      }
    });
    const reader = new VatReturnReader(createVatLoaders(this.db));
    return (await reader.returnOf(key.administrationId, key.period))!;
  }
}

/** The service's own check of the permission the shield rule also checks (defence in depth). */
export async function requirePermission(
  m: EntityManager,
  viewer: UserViewer,
  administrationId: string,
  permission: Permission,
): Promise<void> {
  if (!isUuid(administrationId)) throw vatError('FORBIDDEN', 'You may not do this.');
  await assertPermission(m, viewer, administrationId, permission);
}
