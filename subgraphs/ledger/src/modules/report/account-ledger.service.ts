import {
  decodeCursor,
  isCalendarDate,
  isUuid,
  MoneyDecimal,
  pageSize,
  scoped,
  toPage,
  type Decimal,
  type Page,
} from '@kantoor/platform';
import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import { AccountEntity } from '../account/account.entity.js';
import { queryDate } from '../common/ledger.validation.js';
import { fiscalYearOf } from '../entry/entry.calc.js';
import { JournalEntryLineEntity } from '../entry/entry.entity.js';
import { isResultType, ZERO } from './report.calc.js';
import { requireRange } from './report.validation.js';

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

/** One account's movements with running balances (grootboekkaart). */
export class AccountLedgerService {
  constructor(private readonly db: DataSource) {}

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
