import {
  decodeCursor,
  isCalendarDate,
  isUuid,
  MoneyDecimal,
  pageSize,
  scoped,
  scopedMany,
  toPage,
  type Decimal,
  type Page,
} from '@kantoor/platform';
import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import { AccountEntity } from '../account/account.entity.js';
import type { AccountType } from '../account/account.type.js';
import { isUnappropriatedResultRgsCode, isVatRgsCode } from '../common/rgs.calc.js';
import { queryDate, rgsGroup } from '../common/ledger.validation.js';
import { fiscalYearOf } from '../entry/entry.calc.js';
import { JournalEntryLineEntity } from '../entry/entry.entity.js';

const ZERO = new MoneyDecimal(0);

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

export interface MovementData {
  entryId: string;
  lineNo: number;
  date: string;
  sequence: number;
  debit: Decimal;
  credit: Decimal;
  balance: Decimal;
  vatCode: string | null;
  description: string | null;
  reference: string | null;
}

export interface AccountLedgerData {
  account: AccountEntity;
  from: string | null;
  to: string | null;
  openingBalance: Decimal;
  closingBalance: Decimal;
  movements: Page<MovementData>;
}

const isResultType = (type: AccountType) => type === 'REVENUE' || type === 'EXPENSE';

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
function natural(type: AccountType, debit: Decimal, credit: Decimal): Decimal {
  return type === 'ASSET' || type === 'EXPENSE' ? debit.minus(credit) : credit.minus(debit);
}

function requireRange(from: string, to: string): void {
  if (from > to) {
    throw new GraphQLError('from is after to.', { extensions: { code: 'BAD_USER_INPUT' } });
  }
}

function requireLevel(level: number): void {
  if (!Number.isInteger(level) || level < 1 || level > 5) {
    throw new GraphQLError('rgsLevel is 1 to 5.', { extensions: { code: 'BAD_USER_INPUT' } });
  }
}

interface Sums {
  account_id: string;
  debit: string;
  credit: string;
}

/** Reports over posted lines; all amounts exact (numeric sums, decimal.js). */
export class ReportService {
  constructor(private readonly db: DataSource) {}

  /** Accounts of many administrations in one query: administration id -> account id -> account. */
  private async accountsOf(ids: string[]): Promise<Map<string, Map<string, AccountEntity>>> {
    const result = new Map<string, Map<string, AccountEntity>>();
    if (ids.length === 0) return result;
    const rows = await scopedMany(this.db.manager, AccountEntity, ids, 'a').getMany();
    for (const a of rows) {
      const map = result.get(a.administrationId) ?? new Map<string, AccountEntity>();
      map.set(a.id, a);
      result.set(a.administrationId, map);
    }
    return result;
  }

  /**
   * The posted lines of the given administrations (every query names them: the scoping of
   * the ScopedRepository, for several administrations at once).
   */
  private lines(ids: string[]) {
    return scopedMany(this.db.manager, JournalEntryLineEntity, ids, 'l');
  }

  /**
   * Trial balance (proefbalans) of a period: per account the opening balance before `from`,
   * the debits and credits of the period and the closing balance, in one GROUP BY over the
   * administration's lines up to `to` (served by the (administration, account, date) index).
   * Profit-and-loss accounts start every fiscal year at zero: their opening is the movement
   * from the start of `from`'s fiscal year; the result of earlier years that no closing entry
   * moved into equity is carried in the opening of the result account (resultAccountOf), as
   * the XAF opening balance does, so the opening column balances. Rows: every account with an
   * opening balance or movements, by code.
   */
  async trialBalance(
    administrationId: string,
    fromArg: string,
    toArg: string,
  ): Promise<TrialBalanceData> {
    return (await this.trialBalances([administrationId], fromArg, toArg)).get(administrationId)!;
  }

  /** Trial balances of many administrations over one period: two queries in all. */
  async trialBalances(
    administrationIds: readonly string[],
    fromArg: string,
    toArg: string,
  ): Promise<Map<string, TrialBalanceData>> {
    const from = queryDate(fromArg, 'from')!;
    const to = queryDate(toArg, 'to')!;
    requireRange(from, to);
    const yearStart = fiscalYearOf(from).startDate;
    const ids = validIds(administrationIds);
    const allSums: {
      administration_id: string;
      account_id: string;
      before: string;
      before_year: string;
      debit: string;
      credit: string;
      closing_debit: string;
      closing_credit: string;
    }[] = await this.lines(ids)
      .select('l.administrationId', 'administration_id')
      .addSelect('l.accountId', 'account_id')
      .addSelect(
        'COALESCE(SUM(l.debit - l.credit) FILTER (WHERE l.entryDate < CAST(:from AS date)), 0)',
        'before',
      )
      .addSelect(
        'COALESCE(SUM(l.debit - l.credit) FILTER (WHERE l.entryDate < CAST(:yearStart AS date)), 0)',
        'before_year',
      )
      .addSelect(
        'COALESCE(SUM(l.debit) FILTER (WHERE l.entryDate >= CAST(:from AS date)), 0)',
        'debit',
      )
      .addSelect(
        'COALESCE(SUM(l.credit) FILTER (WHERE l.entryDate >= CAST(:from AS date)), 0)',
        'credit',
      )
      .addSelect(
        "COALESCE(SUM(l.debit) FILTER (WHERE l.entryDate >= CAST(:from AS date) AND l.kind = 'CLOSING'), 0)",
        'closing_debit',
      )
      .addSelect(
        "COALESCE(SUM(l.credit) FILTER (WHERE l.entryDate >= CAST(:from AS date) AND l.kind = 'CLOSING'), 0)",
        'closing_credit',
      )
      .andWhere('l.entryDate <= CAST(:to AS date)', { from, to, yearStart })
      .groupBy('l.administrationId')
      .addGroupBy('l.accountId')
      .getRawMany();
    const accountsByAdministration = await this.accountsOf(ids);
    const result = new Map<string, TrialBalanceData>();
    for (const administrationId of administrationIds) {
      const accounts = accountsByAdministration.get(administrationId.toLowerCase()) ?? new Map();
      const sums = allSums.filter((r) => r.administration_id === administrationId.toLowerCase());
      const resultAccount = resultAccountOf(accounts.values());
      let earlierResult: Decimal = ZERO;
      const byAccount = new Map<
        string,
        {
          opening: Decimal;
          debit: Decimal;
          credit: Decimal;
          closingDebit?: Decimal;
          closingCredit?: Decimal;
        }
      >();
      for (const s of sums) {
        const account = accounts.get(s.account_id)!;
        let opening: Decimal = new MoneyDecimal(s.before);
        if (isResultType(account.type) && resultAccount) {
          const beforeYear = new MoneyDecimal(s.before_year);
          earlierResult = earlierResult.plus(beforeYear);
          opening = opening.minus(beforeYear);
        }
        byAccount.set(account.id, {
          opening,
          debit: new MoneyDecimal(s.debit),
          credit: new MoneyDecimal(s.credit),
          closingDebit: new MoneyDecimal(s.closing_debit),
          closingCredit: new MoneyDecimal(s.closing_credit),
        });
      }
      if (resultAccount && !earlierResult.isZero()) {
        const row = byAccount.get(resultAccount.id) ?? { opening: ZERO, debit: ZERO, credit: ZERO };
        row.opening = row.opening.plus(earlierResult);
        byAccount.set(resultAccount.id, row);
      }
      let totalDebit: Decimal = ZERO;
      let totalCredit: Decimal = ZERO;
      let totalOpeningBalance: Decimal = ZERO;
      let totalClosingBalance: Decimal = ZERO;
      const rows: TrialBalanceRowData[] = [];
      for (const [accountId, r] of byAccount) {
        if (r.opening.isZero() && r.debit.isZero() && r.credit.isZero()) continue;
        const balance = r.debit.minus(r.credit);
        const closingBalance = r.opening.plus(balance);
        totalDebit = totalDebit.plus(r.debit);
        totalCredit = totalCredit.plus(r.credit);
        totalOpeningBalance = totalOpeningBalance.plus(r.opening);
        totalClosingBalance = totalClosingBalance.plus(closingBalance);
        rows.push({
          account: accounts.get(accountId)!,
          openingBalance: r.opening,
          debit: r.debit,
          credit: r.credit,
          balance,
          closingBalance,
          closingEntryDebit: r.closingDebit ?? ZERO,
          closingEntryCredit: r.closingCredit ?? ZERO,
        });
      }
      rows.sort((a, b) =>
        a.account.code < b.account.code ? -1 : a.account.code > b.account.code ? 1 : 0,
      );
      result.set(administrationId, {
        from,
        to,
        rows,
        totalDebit,
        totalCredit,
        totalOpeningBalance,
        totalClosingBalance,
      });
    }
    return result;
  }

  /**
   * Balance sheet (balans) at `date`: the balance of every balance-sheet account up to and
   * including the date, grouped by account type and by RGS code of `rgsLevel`. Profit and
   * loss accounts are not closed into equity by the ledger, so their balance shows as the
   * result of the current fiscal year and of earlier years; assets then equal liabilities
   * plus equity plus results.
   */
  async balanceSheet(
    administrationId: string,
    dateArg: string,
    rgsLevel: number,
  ): Promise<BalanceSheetData> {
    return (await this.balanceSheets([administrationId], dateArg, rgsLevel)).get(administrationId)!;
  }

  /** Balance sheets of many administrations at one date: two queries in all. */
  async balanceSheets(
    administrationIds: readonly string[],
    dateArg: string,
    rgsLevel: number,
  ): Promise<Map<string, BalanceSheetData>> {
    const date = queryDate(dateArg, 'date')!;
    requireLevel(rgsLevel);
    const yearStart = fiscalYearOf(date).startDate;
    const ids = validIds(administrationIds);
    const allSums: (Sums & { administration_id: string; current: boolean })[] = await this.lines(
      ids,
    )
      .select('l.administrationId', 'administration_id')
      .addSelect('l.accountId', 'account_id')
      .addSelect('l.entryDate >= CAST(:yearStart AS date)', 'current')
      .addSelect('SUM(l.debit)', 'debit')
      .addSelect('SUM(l.credit)', 'credit')
      .andWhere('l.entryDate <= CAST(:date AS date)', { date, yearStart })
      .groupBy('l.administrationId')
      .addGroupBy('l.accountId')
      .addGroupBy('current')
      .getRawMany();
    const accountsByAdministration = await this.accountsOf(ids);
    const result = new Map<string, BalanceSheetData>();
    for (const administrationId of administrationIds) {
      const accounts = accountsByAdministration.get(administrationId.toLowerCase()) ?? new Map();
      const sums = allSums.filter((r) => r.administration_id === administrationId.toLowerCase());
      const balances = new Map<string, Decimal>();
      let resultCurrentYear: Decimal = ZERO;
      let resultPreviousYears: Decimal = ZERO;
      for (const s of sums) {
        const account = accounts.get(s.account_id)!;
        const debit = new MoneyDecimal(s.debit);
        const credit = new MoneyDecimal(s.credit);
        if (account.type === 'REVENUE' || account.type === 'EXPENSE') {
          const profit = credit.minus(debit);
          if (s.current) resultCurrentYear = resultCurrentYear.plus(profit);
          else resultPreviousYears = resultPreviousYears.plus(profit);
          continue;
        }
        balances.set(
          account.id,
          (balances.get(account.id) ?? ZERO).plus(natural(account.type, debit, credit)),
        );
      }
      const presented = presentOnTheirSide(balances, accounts);
      const sections = group(
        ['ASSET', 'LIABILITY', 'EQUITY'],
        presented.amounts,
        accounts,
        rgsLevel,
        (id) => presented.side.get(id)!,
      );
      const total = (type: AccountType) => sections.find((s) => s.type === type)?.amount ?? ZERO;
      result.set(administrationId, {
        date,
        rgsLevel,
        sections,
        totalAssets: total('ASSET'),
        totalLiabilities: total('LIABILITY'),
        totalEquity: total('EQUITY'),
        resultCurrentYear,
        resultPreviousYears,
        totalLiabilitiesAndEquity: total('LIABILITY')
          .plus(total('EQUITY'))
          .plus(resultCurrentYear)
          .plus(resultPreviousYears),
      });
    }
    return result;
  }

  /** Profit and loss (winst-en-verliesrekening) over a period, grouped like the balance sheet. */
  async profitAndLoss(
    administrationId: string,
    fromArg: string,
    toArg: string,
    rgsLevel: number,
  ): Promise<ProfitAndLossData> {
    return (await this.profitAndLosses([administrationId], fromArg, toArg, rgsLevel)).get(
      administrationId,
    )!;
  }

  /** Profit and loss of many administrations over one period: two queries in all. */
  async profitAndLosses(
    administrationIds: readonly string[],
    fromArg: string,
    toArg: string,
    rgsLevel: number,
  ): Promise<Map<string, ProfitAndLossData>> {
    requireLevel(rgsLevel);
    const tbs = await this.trialBalances(administrationIds, fromArg, toArg);
    return new Map([...tbs].map(([id, tb]) => [id, profitAndLossOf(tb, rgsLevel)]));
  }

  /**
   * Every movement of one account in date order (date, entry number, line) with the running
   * balance (debit - credit, from the account's first booking), keyset-paginated. The page's
   * starting balance is one indexed SUM of the movements before it. A profit-and-loss account
   * starts every fiscal year at zero (its result went to equity, by a closing entry or not):
   * its opening, closing and running balances count from the start of their fiscal year.
   */
  async accountLedger(
    administrationId: string,
    accountCode: string,
    args: {
      from?: string | null;
      to?: string | null;
      first?: number | null;
      after?: string | null;
    },
  ): Promise<AccountLedgerData | null> {
    const from = queryDate(args.from, 'from');
    const to = queryDate(args.to, 'to');
    if (from && to) requireRange(from, to);
    const size = pageSize(args.first);
    if (!isUuid(administrationId)) return null;
    const account = await scoped(this.db.manager, AccountEntity, administrationId).findOneBy({
      code: accountCode,
    });
    if (!account) return null;
    const lines = () =>
      scoped(this.db.manager, JournalEntryLineEntity, administrationId)
        .createQueryBuilder('l')
        .andWhere('l.accountId = :accountId', { accountId: account.id });
    const sum = async (qb: ReturnType<typeof lines>): Promise<Decimal> => {
      const row = (await qb
        .select('COALESCE(SUM(l.debit) - SUM(l.credit), 0)', 'balance')
        .getRawOne()) as { balance: string } | undefined;
      return new MoneyDecimal(row?.balance ?? '0');
    };
    const isResult = isResultType(account.type);
    /** Lines of `date`'s fiscal year only, for a profit-and-loss account. */
    const sameYear = (qb: ReturnType<typeof lines>, date: string, name: string) =>
      isResult
        ? qb.andWhere(`l.entryDate >= CAST(:${name} AS date)`, {
            [name]: fiscalYearOf(date).startDate,
          })
        : qb;
    const openingBalance = from
      ? await sum(
          sameYear(
            lines().andWhere('l.entryDate < CAST(:from AS date)', { from }),
            from,
            'fromYear',
          ),
        )
      : ZERO;
    let closingTo = to;
    if (!closingTo && isResult) {
      const last = (await lines()
        .select("to_char(MAX(l.entryDate), 'YYYY-MM-DD')", 'last')
        .getRawOne()) as { last: string | null } | undefined;
      closingTo = last?.last ?? null;
    }
    const closingBalance = await sum(
      closingTo
        ? sameYear(
            lines().andWhere('l.entryDate <= CAST(:to AS date)', { to: closingTo }),
            closingTo,
            'toYear',
          )
        : lines(),
    );
    const inRange = () => {
      const qb = lines();
      if (from) qb.andWhere('l.entryDate >= CAST(:from AS date)', { from });
      if (to) qb.andWhere('l.entryDate <= CAST(:to AS date)', { to });
      return qb;
    };
    const totalCount = await inRange().getCount();
    let after: [string, number, number] | null = null;
    if (args.after) {
      const [d, s, n] = decodeCursor(args.after, 3);
      if (!isCalendarDate(d) || typeof s !== 'number' || typeof n !== 'number') {
        throw new GraphQLError('Invalid cursor.', { extensions: { code: 'BAD_USER_INPUT' } });
      }
      after = [d, s, n];
    }
    const keyBefore =
      '(l.entryDate, l.entrySequence, l.lineNo) <= (CAST(:upToDate AS date), :upToSequence, :upToLine)';
    const startBalance = after
      ? await sum(
          sameYear(
            lines().andWhere(keyBefore, {
              upToDate: after[0],
              upToSequence: after[1],
              upToLine: after[2],
            }),
            after[0],
            'afterYear',
          ),
        )
      : openingBalance;
    const page = inRange()
      .orderBy('l.entryDate', 'ASC')
      .addOrderBy('l.entrySequence', 'ASC')
      .addOrderBy('l.lineNo', 'ASC')
      .limit(size + 1);
    if (after) {
      page.andWhere(
        '(l.entryDate, l.entrySequence, l.lineNo) > (CAST(:afterDate AS date), :afterSequence, :afterLine)',
        { afterDate: after[0], afterSequence: after[1], afterLine: after[2] },
      );
    }
    const rows = size === 0 ? [] : await page.getMany();
    let running = startBalance;
    let year = after ? after[0].slice(0, 4) : from ? from.slice(0, 4) : null;
    const movements = rows.map((l) => {
      const lineYear = fiscalYearOf(l.entryDate).year.toString();
      if (isResult && year !== null && lineYear !== year) running = ZERO;
      year = lineYear;
      running = running.plus(l.debit).minus(l.credit);
      return {
        entryId: l.entryId,
        lineNo: l.lineNo,
        date: l.entryDate,
        sequence: l.entrySequence,
        debit: l.debit,
        credit: l.credit,
        balance: running,
        vatCode: l.vatCode,
        description: l.description,
        reference: l.reference ?? null,
      };
    });
    return {
      account,
      from,
      to,
      openingBalance,
      closingBalance,
      movements: toPage(
        movements,
        size,
        (m) => [m.date, m.sequence, m.lineNo],
        totalCount,
        Boolean(after),
      ),
    };
  }
}

/** Groups account amounts into sections per type and groups per RGS code of `level`. */
function group(
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
function profitAndLossOf(tb: TrialBalanceData, rgsLevel: number): ProfitAndLossData {
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
function validIds(ids: readonly string[]): string[] {
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
function presentOnTheirSide(
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
