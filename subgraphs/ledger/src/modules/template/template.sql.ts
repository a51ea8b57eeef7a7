import { isUuid, MoneyDecimal } from '@kantoor/platform';
import { In, type EntityManager } from 'typeorm';
import type { ChartSpec } from '../account/default-chart.data.js';
import {
  ChartTemplateAccountEntity,
  ChartTemplateEntity,
  ChartTemplateJournalEntity,
  ChartTemplateVatCodeEntity,
} from './template.entity.js';

/**
 * Chart templates' rows. Templates belong to an office, not to an administration, so the
 * administration-scoped repository does not apply: every read and write of a template names
 * its office (officeId), and a template's accounts, VAT codes and journals are reached only
 * through a template the caller looked up (or locked) for that office.
 */

export interface TemplateContents {
  accounts: ChartTemplateAccountEntity[];
  vatCodes: ChartTemplateVatCodeEntity[];
  journals: ChartTemplateJournalEntity[];
}

export async function listTemplates(
  m: EntityManager,
  officeId: string,
): Promise<ChartTemplateEntity[]> {
  return m.getRepository(ChartTemplateEntity).find({
    where: { officeId },
    order: { name: 'ASC', id: 'ASC' },
  });
}

export async function findTemplate(
  m: EntityManager,
  officeId: string,
  templateId: string,
): Promise<ChartTemplateEntity | null> {
  if (!isUuid(templateId)) return null;
  return m.getRepository(ChartTemplateEntity).findOneBy({ id: templateId, officeId });
}

export async function findDefaultTemplate(
  m: EntityManager,
  officeId: string,
): Promise<ChartTemplateEntity | null> {
  return m.getRepository(ChartTemplateEntity).findOneBy({ officeId, isDefault: true });
}

/** The template row FOR UPDATE (its changes are serialised); null when the office has none. */
export async function lockTemplate(
  m: EntityManager,
  officeId: string,
  templateId: string,
): Promise<ChartTemplateEntity | null> {
  if (!isUuid(templateId)) return null;
  return m
    .getRepository(ChartTemplateEntity)
    .createQueryBuilder('t')
    .where('t.id = :templateId AND t.office_id = :officeId', { templateId, officeId })
    .setLock('pessimistic_write')
    .getOne();
}

/** Serialises the changes of an office's default template (one transaction at a time). */
export async function lockOfficeTemplates(m: EntityManager, officeId: string): Promise<void> {
  await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`chart-templates:${officeId}`]);
}

/** Contents of many templates in three queries (for the per-request loader). */
export async function templateContents(
  m: EntityManager,
  templateIds: readonly string[],
): Promise<TemplateContents> {
  const [accounts, vatCodes, journals] = await Promise.all([
    m.getRepository(ChartTemplateAccountEntity).find({
      where: { templateId: In(templateIds) },
      order: { code: 'ASC' },
    }),
    m.getRepository(ChartTemplateVatCodeEntity).find({
      where: { templateId: In(templateIds) },
      order: { code: 'ASC' },
    }),
    m.getRepository(ChartTemplateJournalEntity).find({
      where: { templateId: In(templateIds) },
      order: { code: 'ASC' },
    }),
  ]);
  return { accounts, vatCodes, journals };
}

export async function insertTemplate(
  m: EntityManager,
  values: Pick<
    ChartTemplateEntity,
    'officeId' | 'name' | 'isDefault' | 'sourceAdministrationId' | 'createdBy'
  >,
): Promise<ChartTemplateEntity> {
  const repository = m.getRepository(ChartTemplateEntity);
  const template = await repository.save(repository.create(values));
  return (await repository.findOneBy({ id: template.id }))!;
}

export async function saveTemplate(
  m: EntityManager,
  template: ChartTemplateEntity,
): Promise<ChartTemplateEntity> {
  return m.getRepository(ChartTemplateEntity).save(template);
}

export async function deleteTemplate(
  m: EntityManager,
  officeId: string,
  templateId: string,
): Promise<void> {
  await m.getRepository(ChartTemplateEntity).delete({ id: templateId, officeId });
}

/** The office has no default template any more. */
export async function clearDefaultTemplate(m: EntityManager, officeId: string): Promise<void> {
  await m
    .getRepository(ChartTemplateEntity)
    .createQueryBuilder()
    .update()
    .set({ isDefault: false })
    .where('office_id = :officeId AND is_default', { officeId })
    .execute();
}

/** Marks a template changed now. */
export async function touchTemplate(
  m: EntityManager,
  template: ChartTemplateEntity,
): Promise<void> {
  await m.getRepository(ChartTemplateEntity).update({ id: template.id }, { updatedAt: new Date() });
}

export async function findTemplateAccount(
  m: EntityManager,
  template: ChartTemplateEntity,
  code: string,
): Promise<ChartTemplateAccountEntity | null> {
  return m.getRepository(ChartTemplateAccountEntity).findOneBy({ templateId: template.id, code });
}

export async function insertTemplateAccount(
  m: EntityManager,
  template: ChartTemplateEntity,
  values: Omit<ChartTemplateAccountEntity, 'templateId'>,
): Promise<ChartTemplateAccountEntity> {
  const accounts = m.getRepository(ChartTemplateAccountEntity);
  return accounts.save(accounts.create({ templateId: template.id, ...values }));
}

export async function updateTemplateAccount(
  m: EntityManager,
  template: ChartTemplateEntity,
  code: string,
  set: Partial<ChartTemplateAccountEntity>,
): Promise<void> {
  await m.getRepository(ChartTemplateAccountEntity).update({ templateId: template.id, code }, set);
}

export async function deleteTemplateAccount(
  m: EntityManager,
  template: ChartTemplateEntity,
  code: string,
): Promise<void> {
  await m.getRepository(ChartTemplateAccountEntity).delete({ templateId: template.id, code });
}

/** A VAT code and a journal of the template booked on account `code`, if any. */
export async function templateAccountUse(
  m: EntityManager,
  template: ChartTemplateEntity,
  code: string,
): Promise<{ vat: ChartTemplateVatCodeEntity | null; journal: ChartTemplateJournalEntity | null }> {
  const vat = await m.getRepository(ChartTemplateVatCodeEntity).findOneBy([
    { templateId: template.id, vatAccountCode: code },
    { templateId: template.id, inputVatAccountCode: code },
  ]);
  const journal = await m
    .getRepository(ChartTemplateJournalEntity)
    .findOneBy({ templateId: template.id, accountCode: code });
  return { vat, journal };
}

/** Adds or replaces a VAT code of the template; returns it as stored. */
export async function upsertTemplateVatCode(
  m: EntityManager,
  template: ChartTemplateEntity,
  values: Omit<ChartTemplateVatCodeEntity, 'templateId'>,
): Promise<ChartTemplateVatCodeEntity> {
  const repository = m.getRepository(ChartTemplateVatCodeEntity);
  await repository.upsert({ templateId: template.id, ...values }, ['templateId', 'code']);
  return (await repository.findOneBy({ templateId: template.id, code: values.code }))!;
}

/** Deletes a VAT code of the template; returns how many rows went (0 or 1). */
export async function deleteTemplateVatCode(
  m: EntityManager,
  template: ChartTemplateEntity,
  code: string,
): Promise<number> {
  const removed = await m
    .getRepository(ChartTemplateVatCodeEntity)
    .delete({ templateId: template.id, code });
  return removed.affected ?? 0;
}

/** Writes a chart's accounts, VAT codes and journals into a new template. */
export async function writeSpec(
  m: EntityManager,
  templateId: string,
  spec: ChartSpec,
): Promise<void> {
  if (spec.accounts.length > 0) {
    await m
      .createQueryBuilder()
      .insert()
      .into(ChartTemplateAccountEntity)
      .values(spec.accounts.map((a) => ({ templateId, ...a })))
      .execute();
  }
  if (spec.vatCodes.length > 0) {
    await m
      .createQueryBuilder()
      .insert()
      .into(ChartTemplateVatCodeEntity)
      .values(
        spec.vatCodes.map((v) => ({
          templateId,
          ...v,
          rate: new MoneyDecimal(v.rate),
          exemptionGround: v.exemptionGround ?? null,
        })),
      )
      .execute();
  }
  if (spec.journals.length > 0) {
    await m
      .createQueryBuilder()
      .insert()
      .into(ChartTemplateJournalEntity)
      .values(spec.journals.map((j) => ({ templateId, ...j })))
      .execute();
  }
}

/** A stored template as a chart to open books with. */
export async function readSpec(m: EntityManager, templateId: string): Promise<ChartSpec> {
  const [accounts, vatCodes, journals] = [
    await m
      .getRepository(ChartTemplateAccountEntity)
      .find({ where: { templateId }, order: { code: 'ASC' } }),
    await m
      .getRepository(ChartTemplateVatCodeEntity)
      .find({ where: { templateId }, order: { code: 'ASC' } }),
    await m
      .getRepository(ChartTemplateJournalEntity)
      .find({ where: { templateId }, order: { code: 'ASC' } }),
  ];
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
      vatAccountCode: v.vatAccountCode,
      inputVatAccountCode: v.inputVatAccountCode,
      turnoverBox: v.turnoverBox,
      vatBox: v.vatBox,
      exemptionGround: v.exemptionGround,
    })),
    journals: journals.map((j) => ({
      code: j.code,
      name: j.name,
      type: j.type,
      accountCode: j.accountCode,
    })),
  };
}
