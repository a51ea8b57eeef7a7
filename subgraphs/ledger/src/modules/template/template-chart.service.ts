import type { DataSource, EntityManager } from 'typeorm';
import { checkAccountChanges, checkAccountCode, checkRgsCode } from '../account/account.service.js';
import type { AccountType } from '../account/account.type.js';
import { ErrorList, ledgerError } from '../common/ledger.errors.js';
import { checkVatCode, type VatCodeValues } from '../account/vat-code.validation.js';
import { checkText, MAX_NAME_LENGTH } from '../common/ledger.validation.js';
import type {
  ChartTemplateAccountEntity,
  ChartTemplateEntity,
  ChartTemplateVatCodeEntity,
} from './template.entity.js';
import {
  deleteTemplateAccount,
  deleteTemplateVatCode,
  findTemplateAccount,
  insertTemplateAccount,
  lockTemplate,
  templateAccountUse,
  touchTemplate,
  updateTemplateAccount,
  upsertTemplateVatCode,
} from './template.sql.js';

export interface TemplateAccountValues {
  code: string;
  name: string;
  type: AccountType;
  rgsCode?: string | null;
}

export interface TemplateAccountChanges {
  newCode?: string | null;
  name?: string | null;
  type?: AccountType | null;
  rgsCode?: string | null;
}

/** The office's template locked for a change; TEMPLATE_NOT_FOUND when the office has none. */
export async function requireTemplate(
  m: EntityManager,
  officeId: string,
  templateId: string,
): Promise<ChartTemplateEntity> {
  const template = await lockTemplate(m, officeId, templateId);
  if (!template)
    throw ledgerError('TEMPLATE_NOT_FOUND', 'No such chart template.', ['input', 'templateId']);
  return template;
}

/**
 * A template's chart: its accounts and VAT codes, changed by the office's ADMIN. Every method
 * takes the office id first, locks the template and marks it changed.
 */
export class TemplateChartService {
  constructor(private readonly db: DataSource) {}

  async addAccount(
    officeId: string,
    templateId: string,
    values: TemplateAccountValues,
  ): Promise<ChartTemplateAccountEntity> {
    const errors = new ErrorList();
    const code = checkAccountCode(values.code, ['input', 'code'], errors);
    const name = checkText(
      values.name,
      ['input', 'name'],
      errors,
      { empty: 'EMPTY_NAME' },
      MAX_NAME_LENGTH,
    );
    const rgsCode = checkRgsCode(values.rgsCode, ['input', 'rgsCode'], errors);
    return this.db.transaction(async (m) => {
      const template = await requireTemplate(m, officeId, templateId);
      if (code && (await findTemplateAccount(m, template, code))) {
        errors.add('DUPLICATE_ACCOUNT_CODE', `Account ${code} exists already.`, ['input', 'code']);
      }
      errors.throwIfAny();
      await touchTemplate(m, template);
      return insertTemplateAccount(m, template, {
        code: code!,
        name: name!,
        type: values.type,
        rgsCode: rgsCode ?? null,
      });
    });
  }

  /** Changes a template account; a new code follows into its VAT codes and journals. */
  async updateAccount(
    officeId: string,
    templateId: string,
    code: string,
    changes: TemplateAccountChanges,
  ): Promise<ChartTemplateAccountEntity> {
    const errors = new ErrorList();
    const {
      code: newCode,
      name,
      rgsCode,
    } = checkAccountChanges({ ...changes, code: changes.newCode }, ['input', 'newCode'], errors);
    return this.db.transaction(async (m) => {
      const template = await requireTemplate(m, officeId, templateId);
      const account = await findTemplateAccount(m, template, code);
      if (!account)
        throw ledgerError('ACCOUNT_NOT_FOUND', `No account ${code} in this template.`, [
          'input',
          'code',
        ]);
      if (newCode && newCode !== code && (await findTemplateAccount(m, template, newCode))) {
        errors.add('DUPLICATE_ACCOUNT_CODE', `Account ${newCode} exists already.`, [
          'input',
          'newCode',
        ]);
      }
      errors.throwIfAny();
      const set: Partial<ChartTemplateAccountEntity> = {};
      if (newCode) set.code = newCode;
      if (name) set.name = name;
      if (changes.type) set.type = changes.type;
      if (rgsCode !== undefined) set.rgsCode = rgsCode;
      if (Object.keys(set).length > 0) {
        await updateTemplateAccount(m, template, code, set);
      }
      await touchTemplate(m, template);
      return (await findTemplateAccount(m, template, newCode ?? code))!;
    });
  }

  async removeAccount(officeId: string, templateId: string, code: string): Promise<string> {
    return this.db.transaction(async (m) => {
      const template = await requireTemplate(m, officeId, templateId);
      const account = await findTemplateAccount(m, template, code);
      if (!account)
        throw ledgerError('ACCOUNT_NOT_FOUND', `No account ${code} in this template.`, [
          'input',
          'code',
        ]);
      const { vat, journal } = await templateAccountUse(m, template, code);
      if (vat || journal) {
        throw ledgerError(
          'ACCOUNT_IN_USE',
          `Account ${code} is the account of ${vat ? `VAT code ${vat.code}` : `journal ${journal!.code}`}.`,
          ['input', 'code'],
        );
      }
      await deleteTemplateAccount(m, template, code);
      await touchTemplate(m, template);
      return code;
    });
  }

  /**
   * Adds or replaces a VAT code of a template, by the administration's own rule (checkVatCode):
   * books opened from the template must not hold a code their administration would refuse.
   * What is the template's own: its accounts are looked up in the template (by code; a
   * template account cannot be blocked), and the office's template is locked and touched.
   */
  async setVatCode(
    officeId: string,
    templateId: string,
    values: VatCodeValues,
  ): Promise<ChartTemplateVatCodeEntity> {
    const errors = new ErrorList();
    const checked = checkVatCode(values, errors);
    return this.db.transaction(async (m) => {
      const template = await requireTemplate(m, officeId, templateId);
      for (const field of ['vatAccountCode', 'inputVatAccountCode'] as const) {
        const accountCode = checked?.[field];
        if (accountCode && !(await findTemplateAccount(m, template, accountCode))) {
          errors.add('UNKNOWN_ACCOUNT', `There is no account "${accountCode}" in this template.`, [
            'input',
            field,
          ]);
        }
      }
      errors.throwIfAny();
      const stored = await upsertTemplateVatCode(m, template, checked!);
      await touchTemplate(m, template);
      return stored;
    });
  }

  async removeVatCode(officeId: string, templateId: string, code: string): Promise<string> {
    return this.db.transaction(async (m) => {
      const template = await requireTemplate(m, officeId, templateId);
      const removed = await deleteTemplateVatCode(m, template, code.trim().toUpperCase());
      if (!removed) {
        throw ledgerError('VAT_CODE_NOT_FOUND', `No VAT code ${code} in this template.`, [
          'input',
          'code',
        ]);
      }
      await touchTemplate(m, template);
      return code.trim().toUpperCase();
    });
  }
}
