import { isUniqueViolation, scoped } from '@kantoor/platform';
import type { DataSource, EntityManager } from 'typeorm';
import { accountCodesById, isVatCodeUsed } from './account.sql.js';
import { ErrorList, ledgerError } from '../common/ledger.errors.js';
import { AccountEntity, VatCodeEntity } from './account.entity.js';
import { lockBooks } from './books.service.js';
import { checkVatCode, type CheckedVatCode, type VatCodeValues } from './vat-code.validation.js';

/** undefined keeps a value; null clears an optional one. */
export type VatCodeChanges = { code: string } & Partial<Omit<VatCodeValues, 'code'>>;

/** Account ids of the VAT accounts a code names; UNKNOWN_ACCOUNT / ACCOUNT_BLOCKED reported. */
async function vatAccountIds(
  m: EntityManager,
  administrationId: string,
  checked: CheckedVatCode,
  errors: ErrorList,
): Promise<{ vatAccountId: string | null; inputVatAccountId: string | null }> {
  const accounts = scoped(m, AccountEntity, administrationId);
  const idOf = async (code: string | null, field: string) => {
    if (!code) return null;
    const account = await accounts.findOneBy({ code });
    if (!account) {
      errors.add('UNKNOWN_ACCOUNT', `There is no account "${code}".`, ['input', field]);
      return null;
    }
    if (account.blocked) {
      errors.add('ACCOUNT_BLOCKED', `Account ${code} is blocked.`, ['input', field]);
      return null;
    }
    return account.id;
  };
  return {
    vatAccountId: await idOf(checked.vatAccountCode, 'vatAccountCode'),
    inputVatAccountId: await idOf(checked.inputVatAccountCode, 'inputVatAccountCode'),
  };
}

/** The VAT codes of an administration: adding and editing them (ADMINISTRATION_MANAGE). */
export class VatCodeService {
  constructor(private readonly db: DataSource) {}

  /** Adds a VAT code to an administration's books. */
  async create(administrationId: string, values: VatCodeValues): Promise<VatCodeEntity> {
    const errors = new ErrorList();
    const checked = checkVatCode(values, errors);
    try {
      return await this.db.transaction(async (m) => {
        await lockBooks(m, administrationId, 'share');
        const vatCodes = scoped(m, VatCodeEntity, administrationId);
        if (checked && (await vatCodes.findOneBy({ code: checked.code }))) {
          errors.add('DUPLICATE_VAT_CODE', `VAT code ${checked.code} exists already.`, [
            'input',
            'code',
          ]);
        }
        const ids = checked
          ? await vatAccountIds(m, administrationId, checked, errors)
          : { vatAccountId: null, inputVatAccountId: null };
        errors.throwIfAny();
        const { vatAccountCode: _v, inputVatAccountCode: _i, ...row } = checked!;
        return vatCodes.save(vatCodes.create({ ...row, ...ids, blocked: false }));
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw ledgerError('DUPLICATE_VAT_CODE', `VAT code ${checked?.code} exists already.`, [
          'input',
          'code',
        ]);
      }
      throw error;
    }
  }

  /**
   * Changes a VAT code: description, return boxes, exemption ground and VAT accounts (for
   * postings from now on) always; rate, direction and reverse charge only while no posted or
   * draft line uses the code (VAT_CODE_IN_USE): booked lines keep the meaning they had.
   */
  async update(administrationId: string, changes: VatCodeChanges): Promise<VatCodeEntity> {
    const code = (changes.code ?? '').trim().toUpperCase();
    return this.db.transaction(async (m) => {
      await lockBooks(m, administrationId, 'share');
      const current = await scoped(m, VatCodeEntity, administrationId)
        .createQueryBuilder('v')
        .andWhere('v.code = :code', { code })
        .setLock('pessimistic_write')
        .getOne();
      if (!current) {
        throw ledgerError('VAT_CODE_NOT_FOUND', `There is no VAT code "${changes.code}".`, [
          'input',
          'code',
        ]);
      }
      const accountCodes = await accountCodesById(m, administrationId, [
        current.vatAccountId,
        current.inputVatAccountId,
      ]);
      const keep = <T>(value: T | undefined, old: T): T => (value === undefined ? old : value);
      const merged: VatCodeValues = {
        code,
        description: keep(changes.description, current.description) ?? '',
        rate: keep(changes.rate, current.rate) ?? current.rate,
        direction: keep(changes.direction, current.direction) ?? current.direction,
        reverseCharge: keep(changes.reverseCharge, current.reverseCharge),
        vatAccountCode: keep(
          changes.vatAccountCode,
          current.vatAccountId ? (accountCodes.get(current.vatAccountId) ?? null) : null,
        ),
        inputVatAccountCode: keep(
          changes.inputVatAccountCode,
          current.inputVatAccountId ? (accountCodes.get(current.inputVatAccountId) ?? null) : null,
        ),
        turnoverBox: keep(changes.turnoverBox, current.turnoverBox),
        vatBox: keep(changes.vatBox, current.vatBox),
        exemptionGround: keep(changes.exemptionGround, current.exemptionGround),
      };
      const errors = new ErrorList();
      const checked = checkVatCode(merged, errors);
      if (
        checked &&
        (!checked.rate.equals(current.rate) ||
          checked.direction !== current.direction ||
          checked.reverseCharge !== current.reverseCharge)
      ) {
        if (await isVatCodeUsed(m, administrationId, code)) {
          errors.add(
            'VAT_CODE_IN_USE',
            `VAT code ${code} is used in bookings: its rate, direction and reverse charge stay. Add a new code instead.`,
            ['input', 'code'],
          );
        }
      }
      const ids = checked
        ? await vatAccountIds(m, administrationId, checked, errors)
        : { vatAccountId: null, inputVatAccountId: null };
      errors.throwIfAny();
      const { vatAccountCode: _v, inputVatAccountCode: _i, ...row } = checked!;
      Object.assign(current, row, ids);
      return scoped(m, VatCodeEntity, administrationId).save(current);
    });
  }
}
