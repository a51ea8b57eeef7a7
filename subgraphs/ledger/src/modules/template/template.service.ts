import {
  isUniqueViolation,
  isUuid,
  isValidDecimal,
  MoneyDecimal,
  scoped,
  type Decimal,
  type DecimalInput,
} from '@kantoor/platform';
import { In, type DataSource, type EntityManager } from 'typeorm';
import {
  AccountEntity,
  JournalEntity,
  VatCodeEntity,
  type VatDirection,
} from '../account/account.entity.js';
import { checkAccountChanges, checkAccountCode, checkRgsCode } from '../account/account.service.js';
import type { AccountType } from '../account/account.type.js';
import type { BooksOrigin } from '../account/books.service.js';
import { KANTOOR_DEFAULT_CHART, type ChartSpec } from '../account/default-chart.data.js';
import { ErrorList, ledgerError } from '../common/ledger.errors.js';
import {
  checkText,
  isVatCode,
  MAX_NAME_LENGTH,
  optionalText,
} from '../common/ledger.validation.js';
import {
  ChartTemplateAccountEntity,
  ChartTemplateEntity,
  ChartTemplateJournalEntity,
  ChartTemplateVatCodeEntity,
} from './template.entity.js';

export interface CreateTemplateValues {
  name: string;
  fromAdministrationId?: string | null;
  fromTemplateId?: string | null;
}

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

export interface TemplateVatCodeValues {
  code: string;
  description: string;
  rate: DecimalInput;
  direction: VatDirection;
  reverseCharge?: boolean | null;
  vatAccountCode?: string | null;
  inputVatAccountCode?: string | null;
  turnoverBox?: string | null;
  vatBox?: string | null;
  exemptionGround?: string | null;
}

export interface TemplateContents {
  accounts: ChartTemplateAccountEntity[];
  vatCodes: ChartTemplateVatCodeEntity[];
  journals: ChartTemplateJournalEntity[];
}

const BOX = /^[1-5][a-g]$/;

/**
 * An office's own chart templates (eigen rekeningschema's), managed by its ADMIN. Every
 * method takes the office id first and touches only that office's templates.
 */
export class TemplateService {
  constructor(private readonly db: DataSource) {}

  async list(officeId: string): Promise<ChartTemplateEntity[]> {
    return this.db.getRepository(ChartTemplateEntity).find({
      where: { officeId },
      order: { name: 'ASC', id: 'ASC' },
    });
  }

  async get(officeId: string, templateId: string): Promise<ChartTemplateEntity | null> {
    if (!isUuid(templateId)) return null;
    return this.db.getRepository(ChartTemplateEntity).findOneBy({ id: templateId, officeId });
  }

  /** Contents of many templates in three queries (for the per-request loader). */
  async contentsOf(templateIds: readonly string[]): Promise<Map<string, TemplateContents>> {
    const ids = templateIds.filter(isUuid);
    const result = new Map<string, TemplateContents>(
      ids.map((id) => [id, { accounts: [], vatCodes: [], journals: [] }]),
    );
    if (ids.length === 0) return result;
    const [accounts, vatCodes, journals] = await Promise.all([
      this.db.getRepository(ChartTemplateAccountEntity).find({
        where: { templateId: In(ids) },
        order: { code: 'ASC' },
      }),
      this.db.getRepository(ChartTemplateVatCodeEntity).find({
        where: { templateId: In(ids) },
        order: { code: 'ASC' },
      }),
      this.db.getRepository(ChartTemplateJournalEntity).find({
        where: { templateId: In(ids) },
        order: { code: 'ASC' },
      }),
    ]);
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
      spec = await templateSpec(this.db.manager, source.id);
    }
    try {
      return await this.db.transaction(async (m) => {
        const repository = m.getRepository(ChartTemplateEntity);
        const template = await repository.save(
          repository.create({
            officeId,
            name: name!,
            isDefault: false,
            sourceAdministrationId: values.fromAdministrationId ?? null,
            createdBy: actorId,
          }),
        );
        await writeSpec(m, template.id, spec);
        return (await repository.findOneBy({ id: template.id }))!;
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
        const template = await lockTemplate(m, officeId, templateId);
        template.name = name!;
        template.updatedAt = new Date();
        return m.getRepository(ChartTemplateEntity).save(template);
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
      const template = await lockTemplate(m, officeId, templateId);
      await m.getRepository(ChartTemplateEntity).delete({ id: template.id, officeId });
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
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`chart-templates:${officeId}`]);
      const template = templateId === null ? null : await lockTemplate(m, officeId, templateId);
      await m
        .getRepository(ChartTemplateEntity)
        .createQueryBuilder()
        .update()
        .set({ isDefault: false })
        .where('office_id = :officeId AND is_default', { officeId })
        .execute();
      if (!template) return null;
      template.isDefault = true;
      return m.getRepository(ChartTemplateEntity).save(template);
    });
  }

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
      const template = await lockTemplate(m, officeId, templateId);
      const accounts = m.getRepository(ChartTemplateAccountEntity);
      if (code && (await accounts.findOneBy({ templateId: template.id, code }))) {
        errors.add('DUPLICATE_ACCOUNT_CODE', `Account ${code} exists already.`, ['input', 'code']);
      }
      errors.throwIfAny();
      await touch(m, template);
      return accounts.save(
        accounts.create({
          templateId: template.id,
          code: code!,
          name: name!,
          type: values.type,
          rgsCode: rgsCode ?? null,
        }),
      );
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
      const template = await lockTemplate(m, officeId, templateId);
      const accounts = m.getRepository(ChartTemplateAccountEntity);
      const account = await accounts.findOneBy({ templateId: template.id, code });
      if (!account)
        throw ledgerError('ACCOUNT_NOT_FOUND', `No account ${code} in this template.`, [
          'input',
          'code',
        ]);
      if (
        newCode &&
        newCode !== code &&
        (await accounts.findOneBy({ templateId: template.id, code: newCode }))
      ) {
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
        await accounts.update({ templateId: template.id, code }, set);
      }
      await touch(m, template);
      return (await accounts.findOneBy({ templateId: template.id, code: newCode ?? code }))!;
    });
  }

  async removeAccount(officeId: string, templateId: string, code: string): Promise<string> {
    return this.db.transaction(async (m) => {
      const template = await lockTemplate(m, officeId, templateId);
      const account = await m
        .getRepository(ChartTemplateAccountEntity)
        .findOneBy({ templateId: template.id, code });
      if (!account)
        throw ledgerError('ACCOUNT_NOT_FOUND', `No account ${code} in this template.`, [
          'input',
          'code',
        ]);
      const vat = await m.getRepository(ChartTemplateVatCodeEntity).findOneBy([
        { templateId: template.id, vatAccountCode: code },
        { templateId: template.id, inputVatAccountCode: code },
      ]);
      const journal = await m
        .getRepository(ChartTemplateJournalEntity)
        .findOneBy({ templateId: template.id, accountCode: code });
      if (vat || journal) {
        throw ledgerError(
          'ACCOUNT_IN_USE',
          `Account ${code} is the account of ${vat ? `VAT code ${vat.code}` : `journal ${journal!.code}`}.`,
          ['input', 'code'],
        );
      }
      await m.getRepository(ChartTemplateAccountEntity).delete({ templateId: template.id, code });
      await touch(m, template);
      return code;
    });
  }

  /** Adds or replaces a VAT code of a template. */
  async setVatCode(
    officeId: string,
    templateId: string,
    values: TemplateVatCodeValues,
  ): Promise<ChartTemplateVatCodeEntity> {
    const errors = new ErrorList();
    const code = values.code.trim().toUpperCase();
    if (!isVatCode(code)) {
      errors.add('INVALID_VAT_CODE', 'A VAT code has 1 to 10 capital letters or digits.', [
        'input',
        'code',
      ]);
    }
    const description = checkText(values.description, ['input', 'description'], errors, {
      empty: 'EMPTY_DESCRIPTION',
    });
    const rate = checkRate(values.rate, ['input', 'rate'], errors);
    const reverseCharge = values.reverseCharge ?? false;
    const vatAccountCode = values.vatAccountCode?.trim() || null;
    const inputVatAccountCode = values.inputVatAccountCode?.trim() || null;
    if (rate && !rate.isZero() && !vatAccountCode) {
      errors.add('VAT_ACCOUNT_REQUIRED', 'A VAT code with a rate above 0 needs a VAT account.', [
        'input',
        'vatAccountCode',
      ]);
    }
    if (reverseCharge && !inputVatAccountCode) {
      errors.add('VAT_ACCOUNT_REQUIRED', 'A reverse-charge VAT code needs an input VAT account.', [
        'input',
        'inputVatAccountCode',
      ]);
    }
    const turnoverBox = checkBox(values.turnoverBox, ['input', 'turnoverBox'], errors);
    const vatBox = checkBox(values.vatBox, ['input', 'vatBox'], errors);
    const exemptionGround = optionalText(
      values.exemptionGround,
      ['input', 'exemptionGround'],
      errors,
    );
    if (
      exemptionGround &&
      (values.direction !== 'SALES' || !rate?.isZero() || reverseCharge || turnoverBox || vatBox)
    ) {
      errors.add(
        'INVALID_VAT_CODE',
        'An exempt code (with an exemption ground) is a sales code at 0% without return boxes.',
        ['input', 'exemptionGround'],
      );
    }
    return this.db.transaction(async (m) => {
      const template = await lockTemplate(m, officeId, templateId);
      const accounts = m.getRepository(ChartTemplateAccountEntity);
      for (const [field, accountCode] of [
        ['vatAccountCode', vatAccountCode],
        ['inputVatAccountCode', inputVatAccountCode],
      ] as const) {
        if (
          accountCode &&
          !(await accounts.findOneBy({ templateId: template.id, code: accountCode }))
        ) {
          errors.add('UNKNOWN_ACCOUNT', `There is no account "${accountCode}" in this template.`, [
            'input',
            field,
          ]);
        }
      }
      errors.throwIfAny();
      const repository = m.getRepository(ChartTemplateVatCodeEntity);
      await repository.upsert(
        {
          templateId: template.id,
          code,
          description: description!,
          rate: rate!,
          direction: values.direction,
          reverseCharge,
          vatAccountCode,
          inputVatAccountCode: reverseCharge ? inputVatAccountCode : null,
          turnoverBox: turnoverBox ?? null,
          vatBox: vatBox ?? null,
          exemptionGround,
        },
        ['templateId', 'code'],
      );
      await touch(m, template);
      return (await repository.findOneBy({ templateId: template.id, code }))!;
    });
  }

  async removeVatCode(officeId: string, templateId: string, code: string): Promise<string> {
    return this.db.transaction(async (m) => {
      const template = await lockTemplate(m, officeId, templateId);
      const removed = await m.getRepository(ChartTemplateVatCodeEntity).delete({
        templateId: template.id,
        code: code.trim().toUpperCase(),
      });
      if (!removed.affected) {
        throw ledgerError('VAT_CODE_NOT_FOUND', `No VAT code ${code} in this template.`, [
          'input',
          'code',
        ]);
      }
      await touch(m, template);
      return code.trim().toUpperCase();
    });
  }
}

export function checkRate(
  value: DecimalInput | null | undefined,
  field: string[],
  errors: ErrorList,
): Decimal | null {
  const rate = isValidDecimal(value) ? value : null;
  if (!rate || rate.isNegative() || rate.gte(100) || rate.decimalPlaces() > 2) {
    errors.add('INVALID_RATE', 'A rate is a percentage from 0 to 99.99, e.g. "21".', field);
    return null;
  }
  return new MoneyDecimal(rate);
}

export function checkBox(
  value: string | null | undefined,
  field: string[],
  errors: ErrorList,
): string | null | undefined {
  const box = value?.trim().toLowerCase();
  if (!box) return null;
  if (!BOX.test(box)) {
    errors.add(
      'INVALID_VAT_CODE',
      `"${value}" is not a box of the VAT return (e.g. "1a", "5b").`,
      field,
    );
    return undefined;
  }
  return box;
}

async function lockTemplate(
  m: EntityManager,
  officeId: string,
  templateId: string,
): Promise<ChartTemplateEntity> {
  const template = isUuid(templateId)
    ? await m
        .getRepository(ChartTemplateEntity)
        .createQueryBuilder('t')
        .where('t.id = :templateId AND t.office_id = :officeId', { templateId, officeId })
        .setLock('pessimistic_write')
        .getOne()
    : null;
  if (!template)
    throw ledgerError('TEMPLATE_NOT_FOUND', 'No such chart template.', ['input', 'templateId']);
  return template;
}

async function touch(m: EntityManager, template: ChartTemplateEntity): Promise<void> {
  await m.getRepository(ChartTemplateEntity).update({ id: template.id }, { updatedAt: new Date() });
}

async function writeSpec(m: EntityManager, templateId: string, spec: ChartSpec): Promise<void> {
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
export async function templateSpec(m: EntityManager, templateId: string): Promise<ChartSpec> {
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
  const templates = m.getRepository(ChartTemplateEntity);
  let template: ChartTemplateEntity | null = null;
  if (officeId && isUuid(officeId)) {
    if (chartTemplateId && isUuid(chartTemplateId)) {
      template = await templates.findOneBy({ id: chartTemplateId, officeId });
    }
    template ??= await templates.findOneBy({ officeId, isDefault: true });
  }
  if (!template) {
    return {
      chart: KANTOOR_DEFAULT_CHART,
      origin: { officeId, chartSource: 'KANTOOR_DEFAULT', chartTemplateId: null },
    };
  }
  return {
    chart: await templateSpec(m, template.id),
    origin: { officeId, chartSource: 'OFFICE_TEMPLATE', chartTemplateId: template.id },
  };
}
