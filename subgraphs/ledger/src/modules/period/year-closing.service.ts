import { MoneyDecimal, scoped, type Decimal } from '@kantoor/platform';
import type { DataSource, EntityManager } from 'typeorm';
import { AccountEntity } from '../account/account.entity.js';
import { lockBooks } from '../account/books.service.js';
import { DEFAULT_JOURNAL_CODE } from '../account/default-chart.data.js';
import { ErrorList, ledgerError } from '../common/ledger.errors.js';
import { optionalText } from '../common/ledger.validation.js';
import { fiscalYearOf } from '../entry/entry.calc.js';
import { FiscalYearEntity, type JournalEntryEntity } from '../entry/entry.entity.js';
import type { EntryService } from '../entry/entry.service.js';
import type { ReversalService } from '../entry/reversal.service.js';
import { resultAccountOf } from '../report/report.calc.js';
import { lockPeriodIn, unlockIn } from './period.service.js';
import { LockedPeriodEntity } from './period.entity.js';
import {
  balancesBetween,
  countDraftsBetween,
  insertFiscalYear,
  markYearClosed,
  markYearReopened,
} from './period.sql.js';

export interface CloseYearValues {
  year: number;
  resultAccountCode?: string | null;
}

const isResultType = (type: string) => type === 'REVENUE' || type === 'EXPENSE';

/**
 * Closing a fiscal year (jaarafsluiting; issue 13, item 4) and reopening it. Fiscal years are
 * calendar years (fiscalYearOf).
 */
export class YearClosingService {
  constructor(
    private readonly db: DataSource,
    private readonly entries: EntryService,
    private readonly reversals: ReversalService,
  ) {}

  /**
   * Closes `year`: one closing entry on its last day (memoriaal, CLOSING lines) brings every
   * profit-and-loss account to zero against the result account (equity), and the whole year
   * is locked (source YEAR_CLOSING). In order: the year has ended (FISCAL_YEAR_NOT_ENDED),
   * earlier years with bookings are closed (EARLIER_YEAR_OPEN), no drafts wait in it
   * (DRAFTS_IN_YEAR), not closed already (FISCAL_YEAR_CLOSED). The closing entry may fall in a
   * period locked by a VAT filing: it carries no VAT. A year without results is locked only.
   * Takes the books row FOR UPDATE: no posting lands in the year while it is closed.
   */
  async close(
    administrationId: string,
    values: CloseYearValues,
    actorId: string | null,
    today: Date = new Date(),
  ): Promise<FiscalYearEntity> {
    const field = ['input', 'year'];
    if (!Number.isInteger(values.year) || values.year < 1900 || values.year > 9999) {
      throw ledgerError('INVALID_PERIOD', 'Not a fiscal year.', field);
    }
    const fy = fiscalYearOf(`${values.year}-06-30`);
    if (fy.endDate >= today.toISOString().slice(0, 10)) {
      throw ledgerError(
        'FISCAL_YEAR_NOT_ENDED',
        `${values.year} runs until ${fy.endDate}; close it after that.`,
        field,
      );
    }
    return this.db.transaction(async (m) => {
      await lockBooks(m, administrationId, 'update');
      const years = scoped(m, FiscalYearEntity, administrationId);
      const open = (await years.find({ order: { year: 'ASC' } })).filter(
        (y) => y.year < values.year && y.closedAt === null && y.lastNumber > 0,
      );
      if (open.length > 0) {
        throw ledgerError(
          'EARLIER_YEAR_OPEN',
          `Close ${open.map((y) => y.year).join(', ')} first: years are closed in order.`,
          field,
        );
      }
      let row = await years.findOneBy({ year: values.year });
      if (row?.closedAt) {
        throw ledgerError('FISCAL_YEAR_CLOSED', `${values.year} is closed already.`, field);
      }
      const drafts = await countDraftsBetween(m, administrationId, fy.startDate, fy.endDate);
      if (drafts > 0) {
        throw ledgerError(
          'DRAFTS_IN_YEAR',
          `${drafts} draft entries are dated in ${values.year}: post or delete them first.`,
          field,
        );
      }
      const resultAccount = await this.resultAccount(m, administrationId, values.resultAccountCode);
      const sums = await balancesBetween(m, administrationId, fy.startDate, fy.endDate);
      const lines: { accountCode: string; debit?: Decimal; credit?: Decimal }[] = [];
      let result: Decimal = new MoneyDecimal(0);
      for (const s of sums) {
        if (!isResultType(s.type)) continue;
        const balance = new MoneyDecimal(s.balance);
        if (balance.isZero()) continue;
        result = result.plus(balance);
        lines.push(
          balance.isPositive()
            ? { accountCode: s.code, credit: balance }
            : { accountCode: s.code, debit: balance.negated() },
        );
      }
      let closingEntry: JournalEntryEntity | null = null;
      if (lines.length > 0) {
        // result = debit - credit of the results: positive is a loss (debit equity).
        if (!result.isZero()) {
          lines.push(
            result.isPositive()
              ? { accountCode: resultAccount.code, debit: result }
              : { accountCode: resultAccount.code, credit: result.negated() },
          );
        }
        closingEntry = await this.entries.postIn(
          m,
          administrationId,
          {
            date: fy.endDate,
            description:
              `Jaarafsluiting ${values.year}: resultaat naar ${resultAccount.code} ${resultAccount.name}`.slice(
                0,
                500,
              ),
            journalCode: DEFAULT_JOURNAL_CODE,
            lines,
          },
          actorId,
          { closing: true },
        );
        row = await years.findOneBy({ year: values.year });
      }
      if (!row) {
        await insertFiscalYear(m, administrationId, values.year, fy);
        row = (await years.findOneBy({ year: values.year }))!;
      }
      // The year's lock; a lock by hand of exactly the year becomes the closing's.
      const periods = scoped(m, LockedPeriodEntity, administrationId);
      const same = await periods.findOneBy({ startDate: fy.startDate, endDate: fy.endDate });
      if (same && same.source === 'USER') await periods.delete({ id: same.id });
      if (!same || same.source === 'USER') {
        await lockPeriodIn(m, administrationId, fy.startDate, fy.endDate, {
          source: 'YEAR_CLOSING',
          reason: `Jaarafsluiting ${values.year}`,
          actorId,
          eventId: null,
        });
      }
      await markYearClosed(m, administrationId, values.year, actorId, closingEntry?.id ?? null);
      return (await years.findOneBy({ year: values.year }))!;
    });
  }

  /**
   * Reopens a closed year (the last closed one: LATER_YEAR_CLOSED otherwise): the closing
   * entry is reversed on the same date (CLOSING lines again) and the year's YEAR_CLOSING lock
   * removed, audit-logged with the required reason. Locks by VAT filings stay.
   */
  async reopen(
    administrationId: string,
    year: number,
    reasonText: string,
    actorId: string | null,
  ): Promise<FiscalYearEntity> {
    const errors = new ErrorList();
    const reason = optionalText(reasonText, ['input', 'reason'], errors);
    if (errors.empty && !reason) {
      errors.add('REASON_REQUIRED', 'Say why the year is reopened (it is audit-logged).', [
        'input',
        'reason',
      ]);
    }
    errors.throwIfAny();
    const field = ['input', 'year'];
    return this.db.transaction(async (m) => {
      await lockBooks(m, administrationId, 'update');
      const years = scoped(m, FiscalYearEntity, administrationId);
      const row = Number.isInteger(year) ? await years.findOneBy({ year }) : null;
      if (!row?.closedAt) {
        throw ledgerError('FISCAL_YEAR_NOT_CLOSED', `${year} is not closed.`, field);
      }
      const later = (await years.find()).filter((y) => y.year > year && y.closedAt !== null);
      if (later.length > 0) {
        throw ledgerError(
          'LATER_YEAR_CLOSED',
          `Reopen ${later.map((y) => y.year).join(', ')} first.`,
          field,
        );
      }
      if (row.closingEntryId) {
        await this.reversals.reverseIn(m, administrationId, row.closingEntryId, actorId, {
          description: `Heropening ${year}: tegenboeking jaarafsluiting`,
        });
      }
      const lock = await scoped(m, LockedPeriodEntity, administrationId).findOneBy({
        startDate: row.startDate,
        endDate: row.endDate,
        source: 'YEAR_CLOSING',
      });
      if (lock) await unlockIn(m, administrationId, lock, { reason, actorId });
      await markYearReopened(m, administrationId, year);
      return (await years.findOneBy({ year }))!;
    });
  }

  private async resultAccount(
    m: EntityManager,
    administrationId: string,
    code: string | null | undefined,
  ): Promise<AccountEntity> {
    const accounts = scoped(m, AccountEntity, administrationId);
    const field = ['input', 'resultAccountCode'];
    if (code?.trim()) {
      const account = await accounts.findOneBy({ code: code.trim() });
      if (!account) throw ledgerError('UNKNOWN_ACCOUNT', `No account ${code.trim()}.`, field);
      if (account.type !== 'EQUITY') {
        throw ledgerError(
          'NOT_AN_EQUITY_ACCOUNT',
          `${account.code} is no equity account: the result goes into equity.`,
          field,
        );
      }
      return account;
    }
    const account = resultAccountOf(await accounts.find());
    if (!account) {
      throw ledgerError('NOT_AN_EQUITY_ACCOUNT', 'The chart has no equity account.', field);
    }
    return account;
  }
}
