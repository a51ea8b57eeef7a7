import { isUuid, scoped } from '@kantoor/platform';
import type { EntityManager } from 'typeorm';
import { AccountEntity, JournalEntity, VatCodeEntity } from '../account/account.entity.js';
import type { BooksOrigin } from '../account/books.service.js';
import { KANTOOR_DEFAULT_CHART, type ChartSpec } from '../account/default-chart.data.js';
import type { ChartTemplateEntity } from './template.entity.js';
import { findDefaultTemplate, findTemplate, readSpec } from './template.sql.js';

/**
 * The chart books open with, and the chart a template copies: Kantoor's default chart, an
 * office's template, or an administration's current chart.
 */

/** An administration's current chart (accounts, VAT codes, journals); null without books. */
export async function chartOfAdministration(
  m: EntityManager,
  administrationId: string,
): Promise<ChartSpec | null> {
  const accounts = await scoped(m, AccountEntity, administrationId).find({
    order: { code: 'ASC' },
  });
  if (accounts.length === 0) return null;
  const codeOf = new Map(accounts.map((a) => [a.id, a.code]));
  const vatCodes = await scoped(m, VatCodeEntity, administrationId).find({
    order: { code: 'ASC' },
  });
  const journals = await scoped(m, JournalEntity, administrationId).find({
    order: { code: 'ASC' },
  });
  return {
    accounts: accounts.map((a) => ({
      code: a.code,
      name: a.name,
      type: a.type,
      rgsCode: a.rgsCode,
    })),
    vatCodes: vatCodes.map((v) => ({
      code: v.code,
      description: v.description,
      rate: v.rate.toFixed(),
      direction: v.direction,
      reverseCharge: v.reverseCharge,
      vatAccountCode: v.vatAccountId ? (codeOf.get(v.vatAccountId) ?? null) : null,
      inputVatAccountCode: v.inputVatAccountId ? (codeOf.get(v.inputVatAccountId) ?? null) : null,
      turnoverBox: v.turnoverBox,
      vatBox: v.vatBox,
      exemptionGround: v.exemptionGround,
    })),
    journals: journals.map((j) => ({
      code: j.code,
      name: j.name,
      type: j.type,
      accountCode: j.accountId ? (codeOf.get(j.accountId) ?? null) : null,
    })),
  };
}

/**
 * The chart a new administration opens with: the template named in the event when it is one
 * of the administration's office, else the office default, else Kantoor's default.
 */
export async function chartForNewAdministration(
  m: EntityManager,
  officeId: string | null,
  chartTemplateId: string | null,
): Promise<{ chart: ChartSpec; origin: BooksOrigin }> {
  let template: ChartTemplateEntity | null = null;
  if (officeId && isUuid(officeId)) {
    if (chartTemplateId) template = await findTemplate(m, officeId, chartTemplateId);
    template ??= await findDefaultTemplate(m, officeId);
  }
  if (!template) {
    return {
      chart: KANTOOR_DEFAULT_CHART,
      origin: { officeId, chartSource: 'KANTOOR_DEFAULT', chartTemplateId: null },
    };
  }
  return {
    chart: await readSpec(m, template.id),
    origin: { officeId, chartSource: 'OFFICE_TEMPLATE', chartTemplateId: template.id },
  };
}
