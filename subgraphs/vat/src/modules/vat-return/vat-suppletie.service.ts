import type { EventBus, UserViewer } from '@kantoor/platform';
import type { DataSource, EntityManager } from 'typeorm';
import { buildVatXbrl } from '../filing/xbrl.builder.js';
import { boxesOf, netVatOf, sameSums, type VatSums } from './vat-boxes.calc.js';
import { vatError } from './vat-return.errors.js';
import { createVatLoaders } from './vat-return.loaders.js';
import { CARRY_LIMIT, VatReturnReader } from './vat-return.service.js';
import {
  administrationsByIds,
  FILED,
  insertFiling,
  lockReturn,
  markSuppletieSubmitted,
  recordEvent,
  upsertPreparedSuppletie,
  type SuppletieRow,
} from './vat-return.sql.js';
import {
  requirePermission,
  VAT_RETURN_SUBMITTED,
  type VatReturnKey,
} from './vat-workflow.service.js';
import { parsePeriod } from './vat-period.calc.js';

/**
 * Correction returns (suppletie, vat.md "Corrections"): when the difference on a filed return
 * is above EUR 1,000 net VAT, a suppletie with the difference per box is prepared (frozen),
 * then submitted (VAT_SUBMIT both; no approval step) and answered by the filing adapter like a
 * return. A filed suppletie settles its part of the difference. Numbered 1, 2, ... per period.
 */
export class VatSuppletieService {
  constructor(
    private readonly db: DataSource,
    private readonly events: Pick<EventBus, 'publish'>,
  ) {}

  async prepare(viewer: UserViewer, key: VatReturnKey): Promise<SuppletieRow> {
    return this.inTransaction(viewer, key, async (m, ctx) => {
      const open = ctx.suppleties.find((s) => s.status === 'PREPARED');
      const diff = ctx.difference;
      if (!diff || netVatOf(diff).abs().lessThanOrEqualTo(CARRY_LIMIT)) {
        throw vatError(
          'NO_SUPPLETIE_NEEDED',
          'The filed return differs by EUR 1,000 net VAT or less (or not at all): the next return corrects it.',
          ['input', 'period'],
        );
      }
      const number = open?.number ?? Math.max(0, ...ctx.suppleties.map((s) => s.number)) + 1;
      await upsertPreparedSuppletie(m, ctx.administrationId, ctx.period, number, diff);
      await recordEvent(
        m,
        ctx.administrationId,
        ctx.period,
        'PREPARED',
        viewer.userId,
        null,
        number,
      );
      return number;
    });
  }

  async submit(viewer: UserViewer, key: VatReturnKey): Promise<SuppletieRow> {
    return this.inTransaction(viewer, key, async (m, ctx) => {
      const open = ctx.suppleties.find((s) => s.status === 'PREPARED');
      if (!open)
        throw vatError('NOT_PREPARED', 'Prepare the suppletie first.', ['input', 'period']);
      if (!ctx.difference || !sameSums(ctx.difference, open.sums))
        throw vatError('OUTDATED', 'The difference changed; prepare the suppletie again.', [
          'input',
          'period',
        ]);
      if (!ctx.vatNumber)
        throw vatError('MISSING_VAT_NUMBER', 'The administration has no VAT number.', [
          'input',
          'administrationId',
        ]);
      const xbrl = buildVatXbrl({
        vatNumber: ctx.vatNumber,
        periodStart: ctx.periodStart,
        periodEnd: ctx.periodEnd,
        boxes: boxesOf(open.sums),
        createdAt: new Date(),
        kind: 'suppletie',
      });
      await markSuppletieSubmitted(m, ctx.administrationId, ctx.period, open.number, xbrl);
      const filingId = await insertFiling(m, ctx.administrationId, ctx.period, xbrl, open.number);
      await this.events.publish(m, VAT_RETURN_SUBMITTED, {
        administrationId: ctx.administrationId,
        period: ctx.period,
        filingId,
        suppletie: open.number,
      });
      await recordEvent(
        m,
        ctx.administrationId,
        ctx.period,
        'SUBMITTED',
        viewer.userId,
        key.note ?? null,
        open.number,
      );
      return open.number;
    });
  }

  private async inTransaction(
    viewer: UserViewer,
    key: VatReturnKey,
    body: (
      m: EntityManager,
      ctx: {
        administrationId: string;
        period: string;
        periodStart: string;
        periodEnd: string;
        vatNumber: string | null;
        suppleties: SuppletieRow[];
        difference: VatSums | null;
      },
    ) => Promise<number>,
  ): Promise<SuppletieRow> {
    let result: { administrationId: string; period: string; number: number } | null = null;
    await this.db.transaction(async (m) => {
      await requirePermission(m, viewer, key.administrationId, 'VAT_SUBMIT');
      const [administration] = await administrationsByIds(m, [key.administrationId]);
      const period = administration
        ? parsePeriod(administration.vatFilingPeriod, key.period)
        : null;
      if (!administration || !period)
        throw vatError('INVALID_PERIOD', `"${key.period}" is no period of this administration.`, [
          'input',
          'period',
        ]);
      const row = await lockReturn(m, administration.administrationId, period.start);
      if (!row || !FILED.includes(row.status))
        throw vatError('NOT_SUBMITTED', 'Only a filed return has a suppletie.', [
          'input',
          'period',
        ]);
      const loaders = createVatLoaders(m);
      const reader = new VatReturnReader(loaders);
      const difference = await reader.differenceOf({ administration, period, row });
      const number = await body(m, {
        administrationId: administration.administrationId,
        period: period.label,
        periodStart: period.start,
        periodEnd: period.end,
        vatNumber: administration.vatNumber,
        suppleties: (await loaders.suppleties.load(administration.administrationId)).filter(
          (s) => s.period === period.label,
        ),
        difference,
      });
      result = { administrationId: administration.administrationId, period: period.label, number };
    });
    const r = result as unknown as { administrationId: string; period: string; number: number };
    const rows = await createVatLoaders(this.db).suppleties.load(r.administrationId);
    return rows.find((s) => s.period === r.period && s.number === r.number)!;
  }
}
