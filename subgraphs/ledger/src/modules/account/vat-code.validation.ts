import { isValidDecimal, MoneyDecimal, type Decimal, type DecimalInput } from '@kantoor/platform';
import type { ErrorList } from '../common/ledger.errors.js';
import { checkText, isVatCode, optionalText } from '../common/ledger.validation.js';
import type { VatDirection } from './account.entity.js';

/**
 * The one rule of a VAT code, for an administration's codes (vat-code.service.ts) and for an
 * office template's (template-chart.service.ts). A template is a chart books open with, so a
 * code the administration would refuse must not get into one: both call checkVatCode, and
 * only where the VAT accounts are looked up differs (an administration's accounts, which can
 * be blocked, or the template's own).
 */

const BOX = /^[1-5][a-g]$/;

export interface VatCodeValues {
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

/** A VAT code that passed checkVatCode: normalized, account codes not yet looked up. */
export interface CheckedVatCode {
  code: string;
  description: string;
  rate: Decimal;
  direction: VatDirection;
  reverseCharge: boolean;
  vatAccountCode: string | null;
  /** Always null unless reverseCharge: only reverse charge books input VAT. */
  inputVatAccountCode: string | null;
  turnoverBox: string | null;
  vatBox: string | null;
  exemptionGround: string | null;
}

/** A VAT rate: a percentage from 0 to 99.99 with at most two decimals; null after reporting. */
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

/** A box of the VAT return ("1a" to "5g"): null without one, undefined after reporting. */
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

/**
 * The checks of a whole VAT code (new, or an existing one with changes applied), as the
 * table in docs/decisions/0013-ledger-audit.md says: a rate above 0 needs a VAT account, a
 * reverse-charge code a VAT account and an input VAT account; an exempt code (with an
 * exemption ground) is SALES at 0% without boxes and without accounts. An input VAT account
 * on a code that is not reverse charge is dropped, not refused: updateVatCode merges the
 * stored account into a change that turns reverse charge off. Null when anything was reported.
 */
export function checkVatCode(values: VatCodeValues, errors: ErrorList): CheckedVatCode | null {
  const code = (values.code ?? '').trim().toUpperCase();
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
  const inputVatAccountCode = reverseCharge ? values.inputVatAccountCode?.trim() || null : null;
  const turnoverBox = checkBox(values.turnoverBox, ['input', 'turnoverBox'], errors);
  const vatBox = checkBox(values.vatBox, ['input', 'vatBox'], errors);
  const exemptionGround = optionalText(
    values.exemptionGround,
    ['input', 'exemptionGround'],
    errors,
  );
  if (rate && !rate.isZero() && !vatAccountCode) {
    errors.add('VAT_ACCOUNT_REQUIRED', 'A VAT code with a rate above 0 needs a VAT account.', [
      'input',
      'vatAccountCode',
    ]);
  }
  if (reverseCharge && (!inputVatAccountCode || !vatAccountCode)) {
    errors.add(
      'VAT_ACCOUNT_REQUIRED',
      'A reverse-charge VAT code needs a VAT account and an input VAT account.',
      ['input', inputVatAccountCode ? 'vatAccountCode' : 'inputVatAccountCode'],
    );
  }
  if (
    exemptionGround &&
    (values.direction !== 'SALES' ||
      !rate?.isZero() ||
      reverseCharge ||
      turnoverBox ||
      vatBox ||
      vatAccountCode)
  ) {
    errors.add(
      'INVALID_VAT_CODE',
      'An exempt code (with an exemption ground) is a sales code at 0% without VAT account and without return boxes: exempt supplies are not in the VAT return.',
      ['input', 'exemptionGround'],
    );
  }
  if (!errors.empty) return null;
  return {
    code,
    description: description!,
    rate: rate!,
    direction: values.direction,
    reverseCharge,
    vatAccountCode,
    inputVatAccountCode,
    turnoverBox: turnoverBox ?? null,
    vatBox: vatBox ?? null,
    exemptionGround,
  };
}
