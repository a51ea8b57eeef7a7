import { MoneyDecimal, scopedMany, type Decimal } from '@kantoor/platform';
import type { DataSource } from 'typeorm';
import { AccountEntity } from '../account/account.entity.js';
import type { AccountType } from '../account/account.type.js';
import { queryDate } from '../common/ledger.validation.js';
import { fiscalYearOf } from '../entry/entry.calc.js';
import { JournalEntryLineEntity } from '../entry/entry.entity.js';
import {
  group,
  isResultType,
  natural,
  presentOnTheirSide,
  profitAndLossOf,
  resultAccountOf,
  validIds,
  ZERO,
  type BalanceSheetData,
  type ProfitAndLossData,
  type TrialBalanceData,
  type TrialBalanceRowData,
} from './report.calc.js';
import { requireLevel, requireRange } from './report.validation.js';

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
}
