import { isUniqueViolation, isUuid } from '@kantoor/platform';
import type { DataSource } from 'typeorm';
import { KANTOOR_DEFAULT_CHART, type ChartSpec } from '../account/default-chart.data.js';
import { ErrorList, ledgerError } from '../common/ledger.errors.js';
import { checkText, MAX_NAME_LENGTH } from '../common/ledger.validation.js';
import { chartOfAdministration } from './opening-chart.service.js';
import type { ChartTemplateEntity } from './template.entity.js';
import {
  clearDefaultTemplate,
  deleteTemplate,
  findTemplate,
  insertTemplate,
  listTemplates,
  lockOfficeTemplates,
  readSpec,
  saveTemplate,
  templateContents,
  writeSpec,
  type TemplateContents,
} from './template.sql.js';
import { requireTemplate } from './template-chart.service.js';

export type { TemplateContents } from './template.sql.js';

export interface CreateTemplateValues {
  name: string;
  fromAdministrationId?: string | null;
  fromTemplateId?: string | null;
}

/**
 * An office's own chart templates (eigen rekeningschema's), managed by its ADMIN: the
 * templates themselves (their accounts and VAT codes: template-chart.service.ts). Every
 * method takes the office id first and touches only that office's templates.
 */
export class TemplateService {
  constructor(private readonly db: DataSource) {}

  async list(officeId: string): Promise<ChartTemplateEntity[]> {
    return listTemplates(this.db.manager, officeId);
  }

  async get(officeId: string, templateId: string): Promise<ChartTemplateEntity | null> {
    return findTemplate(this.db.manager, officeId, templateId);
  }

  /** Contents of many templates in three queries (for the per-request loader). */
  async contentsOf(templateIds: readonly string[]): Promise<Map<string, TemplateContents>> {
    const ids = templateIds.filter(isUuid);
    const result = new Map<string, TemplateContents>(
      ids.map((id) => [id, { accounts: [], vatCodes: [], journals: [] }]),
    );
    if (ids.length === 0) return result;
    const { accounts, vatCodes, journals } = await templateContents(this.db.manager, ids);
    for (const a of accounts) result.get(a.templateId)?.accounts.push(a);
    for (const v of vatCodes) result.get(v.templateId)?.vatCodes.push(v);
    for (const j of journals) result.get(j.templateId)?.journals.push(j);
    return result;
  }

  /**
   * A new template of the office, copied from Kantoor's default chart, from another
   * template of the office, or from an administration's current chart (the caller checks
   * that the viewer may read that administration's ledger: `mayReadAdministration`).
   */
  async create(
    officeId: string,
    actorId: string,
    values: CreateTemplateValues,
    mayReadAdministration: (administrationId: string) => Promise<boolean>,
  ): Promise<ChartTemplateEntity> {
    const errors = new ErrorList();
    const name = checkText(
      values.name,
      ['input', 'name'],
      errors,
      { empty: 'EMPTY_NAME' },
      MAX_NAME_LENGTH,
    );
    if (values.fromAdministrationId && values.fromTemplateId) {
      errors.add('AMBIGUOUS_SOURCE', 'Copy from an administration or from a template, not both.', [
        'input',
        'fromTemplateId',
      ]);
    }
    errors.throwIfAny();
    let spec: ChartSpec = KANTOOR_DEFAULT_CHART;
    if (values.fromAdministrationId) {
      const id = values.fromAdministrationId;
      const found =
        isUuid(id) && (await mayReadAdministration(id))
          ? await chartOfAdministration(this.db.manager, id)
          : null;
      if (!found) {
        throw ledgerError('ADMINISTRATION_NOT_FOUND', 'No such administration with open books.', [
          'input',
          'fromAdministrationId',
        ]);
      }
      spec = found;
    } else if (values.fromTemplateId) {
      const source = await this.get(officeId, values.fromTemplateId);
      if (!source) {
        throw ledgerError('TEMPLATE_NOT_FOUND', 'No such chart template.', [
          'input',
          'fromTemplateId',
        ]);
      }
      spec = await readSpec(this.db.manager, source.id);
    }
    try {
      return await this.db.transaction(async (m) => {
        const template = await insertTemplate(m, {
          officeId,
          name: name!,
          isDefault: false,
          sourceAdministrationId: values.fromAdministrationId ?? null,
          createdBy: actorId,
        });
        await writeSpec(m, template.id, spec);
        return template;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'chart_templates_name')) {
        throw ledgerError(
          'DUPLICATE_TEMPLATE_NAME',
          `The office has a template "${name}" already.`,
          ['input', 'name'],
        );
      }
      throw error;
    }
  }

  async rename(
    officeId: string,
    templateId: string,
    newName: string,
  ): Promise<ChartTemplateEntity> {
    const errors = new ErrorList();
    const name = checkText(
      newName,
      ['input', 'name'],
      errors,
      { empty: 'EMPTY_NAME' },
      MAX_NAME_LENGTH,
    );
    errors.throwIfAny();
    try {
      return await this.db.transaction(async (m) => {
        const template = await requireTemplate(m, officeId, templateId);
        template.name = name!;
        template.updatedAt = new Date();
        return saveTemplate(m, template);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'chart_templates_name')) {
        throw ledgerError(
          'DUPLICATE_TEMPLATE_NAME',
          `The office has a template "${name}" already.`,
          ['input', 'name'],
        );
      }
      throw error;
    }
  }

  /** Deletes a template; administrations opened from it keep their books (they are copies). */
  async delete(officeId: string, templateId: string): Promise<string> {
    return this.db.transaction(async (m) => {
      const template = await requireTemplate(m, officeId, templateId);
      await deleteTemplate(m, officeId, template.id);
      return template.id;
    });
  }

  /**
   * Makes a template the office default (new administrations start from it unless they name
   * another); null goes back to Kantoor's default chart. Serialised per office.
   */
  async setDefault(
    officeId: string,
    templateId: string | null,
  ): Promise<ChartTemplateEntity | null> {
    return this.db.transaction(async (m) => {
      await lockOfficeTemplates(m, officeId);
      const template = templateId === null ? null : await requireTemplate(m, officeId, templateId);
      await clearDefaultTemplate(m, officeId);
      if (!template) return null;
      template.isDefault = true;
      return saveTemplate(m, template);
    });
  }
}
