import { isUuid, MoneyDecimal, type Decimal } from '@kantoor/platform';
import type { AccountEntity } from '../account/account.entity.js';
import type { AccountType } from '../account/account.type.js';
import { isUnappropriatedResultRgsCode, isVatRgsCode } from '../common/rgs.calc.js';
import { rgsGroup } from '../common/ledger.validation.js';

/** The reports' shapes and how balances become them: pure, no I/O. */

export const ZERO = new MoneyDecimal(0);

export interface TrialBalanceRowData {
  account: AccountEntity;
  /** Balance (debit - credit) before `from`; see trialBalance. */
  openingBalance: Decimal;
  debit: Decimal;
  credit: Decimal;
  /** debit - credit of the period. */
  balance: Decimal;
  /** openingBalance + debit - credit. */
  closingBalance: Decimal;
  /** Of debit and credit: what a year's closing entry (CLOSING lines) moved to equity. */
  closingEntryDebit: Decimal;
  closingEntryCredit: Decimal;
}

export interface TrialBalanceData {
  from: string;
  to: string;
  rows: TrialBalanceRowData[];
  totalDebit: Decimal;
  totalCredit: Decimal;
  totalOpeningBalance: Decimal;
  totalClosingBalance: Decimal;
}

export interface ReportRowData {
  account: AccountEntity;
  amount: Decimal;
}

export interface ReportGroupData {
  rgsCode: string | null;
  amount: Decimal;
  rows: ReportRowData[];
}

export interface ReportSectionData {
  type: AccountType;
  amount: Decimal;
  groups: ReportGroupData[];
}

export interface BalanceSheetData {
  date: string;
  rgsLevel: number;
  sections: ReportSectionData[];
  totalAssets: Decimal;
  totalLiabilities: Decimal;
  totalEquity: Decimal;
  /** Profit of the fiscal year of `date` up to it (resultaat lopend boekjaar). */
  resultCurrentYear: Decimal;
  /** Profit of earlier years not (yet) booked into equity. */
  resultPreviousYears: Decimal;
  totalLiabilitiesAndEquity: Decimal;
}

export interface ProfitAndLossData {
  from: string;
  to: string;
  rgsLevel: number;
  sections: ReportSectionData[];
  totalRevenue: Decimal;
  totalExpenses: Decimal;
  result: Decimal;
}

export const isResultType = (type: AccountType) => type === 'REVENUE' || type === 'EXPENSE';

/**
 * The account that carries the result of earlier years not (yet) closed into equity: the
 * unappropriated-result account (RGS BEivOreOvw, 0750 in the default chart), else the first equity account by code; null
 * without an equity account. The XAF opening balance uses the same rule.
 */
export function resultAccountOf(accounts: Iterable<AccountEntity>): AccountEntity | null {
  const equity = [...accounts]
    .filter((a) => a.type === 'EQUITY')
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return equity.find((a) => isUnappropriatedResultRgsCode(a.rgsCode)) ?? equity[0] ?? null;
}

/** Debit-positive balances show as they are; credit-natured types flip the sign. */
export function natural(type: AccountType, debit: Decimal, credit: Decimal): Decimal {
  return type === 'ASSET' || type === 'EXPENSE' ? debit.minus(credit) : credit.minus(debit);
}

/** Groups account amounts into sections per type and groups per RGS code of `level`. */
export function group(
  types: AccountType[],
  balances: Map<string, Decimal>,
  accounts: Map<string, AccountEntity>,
  level: number,
  sideOf: (accountId: string) => AccountType = (id) => accounts.get(id)!.type,
): ReportSectionData[] {
  return types.map((type) => {
    const groups = new Map<string, ReportGroupData>();
    for (const [accountId, amount] of balances) {
      const account = accounts.get(accountId)!;
      if (sideOf(accountId) !== type) continue;
      const rgsCode = rgsGroup(account.rgsCode, level);
      const key = rgsCode ?? '';
      const g = groups.get(key) ?? { rgsCode, amount: ZERO, rows: [] };
      g.amount = g.amount.plus(amount);
      g.rows.push({ account, amount });
      groups.set(key, g);
    }
    const list = [...groups.values()].sort((a, b) =>
      (a.rgsCode ?? '~').localeCompare(b.rgsCode ?? '~'),
    );
    for (const g of list) g.rows.sort((a, b) => a.account.code.localeCompare(b.account.code));
    return {
      type,
      amount: list.reduce((sum, g) => sum.plus(g.amount), ZERO as Decimal),
      groups: list,
    };
  });
}

/** The profit and loss of a trial balance's period (its movements), grouped by RGS level. */
export function profitAndLossOf(tb: TrialBalanceData, rgsLevel: number): ProfitAndLossData {
  const accounts = new Map<string, AccountEntity>();
  const balances = new Map<string, Decimal>();
  for (const row of tb.rows) {
    if (row.account.type !== 'REVENUE' && row.account.type !== 'EXPENSE') continue;
    // A year's closing entry moves the result to equity; it is no revenue or expense.
    const debit = row.debit.minus(row.closingEntryDebit);
    const credit = row.credit.minus(row.closingEntryCredit);
    if (debit.isZero() && credit.isZero()) continue;
    accounts.set(row.account.id, row.account);
    balances.set(row.account.id, natural(row.account.type, debit, credit));
  }
  const sections = group(['REVENUE', 'EXPENSE'], balances, accounts, rgsLevel);
  const totalRevenue = sections.find((s) => s.type === 'REVENUE')?.amount ?? ZERO;
  const totalExpenses = sections.find((s) => s.type === 'EXPENSE')?.amount ?? ZERO;
  return {
    from: tb.from,
    to: tb.to,
    rgsLevel,
    sections,
    totalRevenue,
    totalExpenses,
    result: totalRevenue.minus(totalExpenses),
  };
}

/** Valid administration ids, lower-cased, once each. */
export function validIds(ids: readonly string[]): string[] {
  return [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
}

/** RGS prefix of liquid assets: a credit balance (an overdrawn bank) is a debt. */
const LIQUID_RGS_PREFIX = 'BLim';

/**
 * Where the balance sheet shows each balance-sheet account, as Dutch reporting does
 * (issue 13, item 6), with the amount in the natural sign of that side:
 * - the VAT accounts (common/rgs.calc.ts, e.g. 1500, 1550, 1560) are one net position: on the
 *   liability side when VAT is owed on balance, on the asset side (te vorderen btw) when the
 *   input VAT is larger; each keeps its own row inside that position;
 * - any other liability with a debit balance (e.g. a current account with the director that
 *   the director owes) is a receivable: shown on the asset side;
 * - a liquid asset with a credit balance (RGS BLim..., an overdrawn bank account) is a debt:
 *   shown on the liability side. Other assets keep their side (an accumulated depreciation
 *   account is credit by nature).
 * Equity stays equity. Moving an amount to the other side changes both totals equally, so
 * assets still equal liabilities, equity and results.
 */
export function presentOnTheirSide(
  balances: Map<string, Decimal>,
  accounts: Map<string, AccountEntity>,
): { amounts: Map<string, Decimal>; side: Map<string, AccountType> } {
  const amounts = new Map<string, Decimal>();
  const side = new Map<string, AccountType>();
  const isVat = (a: AccountEntity) => a.type !== 'EQUITY' && isVatRgsCode(a.rgsCode);
  /** debit - credit of an account's natural amount. */
  const debitBalance = (a: AccountEntity, amount: Decimal) =>
    a.type === 'ASSET' ? amount : amount.negated();
  let vatDebit: Decimal = ZERO;
  for (const [id, amount] of balances) {
    const account = accounts.get(id)!;
    if (isVat(account)) vatDebit = vatDebit.plus(debitBalance(account, amount));
  }
  const vatSide: AccountType = vatDebit.greaterThan(0) ? 'ASSET' : 'LIABILITY';
  for (const [id, amount] of balances) {
    const account = accounts.get(id)!;
    let target: AccountType = account.type;
    if (isVat(account)) target = vatSide;
    else if (account.type === 'LIABILITY' && amount.isNegative()) target = 'ASSET';
    else if (
      account.type === 'ASSET' &&
      amount.isNegative() &&
      (account.rgsCode ?? '').startsWith(LIQUID_RGS_PREFIX)
    ) {
      target = 'LIABILITY';
    }
    const debit = debitBalance(account, amount);
    side.set(id, target);
    amounts.set(
      id,
      target === account.type ? amount : target === 'ASSET' ? debit : debit.negated(),
    );
  }
  return { amounts, side };
}
