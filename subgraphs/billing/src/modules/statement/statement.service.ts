import { failWith, isUuid, MoneyDecimal, type Fail } from '@kantoor/platform';
import type { DataSource } from 'typeorm';
import type { BillingErrorCode } from '../common/billing.errors.js';
import type { Clock } from '@kantoor/platform';
import {
  daysInMonth,
  firstDay,
  lastDay,
  parsePeriod,
  periodOfDay,
  type Period,
} from '../billing-period/billing-period.calc.js';
import type { PriceListService, PriceListWithItems } from '../price-list/price-list.service.js';
import { UsageService } from '../usage/usage.service.js';
import { officeUsage, type UsageFact } from '../usage/usage.calc.js';
import { computeStatement, type ComputedStatement, type StatementLine } from './statement.calc.js';
import {
  insertBillingRun,
  insertStatement,
  officesToBill,
  setRunCount,
  statementLineRows,
  statementRows,
} from './statement.sql.js';

/** A statement as shown: made by a billing run, or a preview of the month so far. */
export interface StatementView extends ComputedStatement {
  period: string;
  /** First and last day covered. */
  from: string;
  to: string;
  /** When the billing run made it; null for a preview. */
  issuedAt: Date | null;
}

/** How many offices a billing run computes per transaction. */
const RUN_CHUNK = 100;

const fail: Fail<BillingErrorCode> = failWith;

/** Monthly statements: previews of the month so far, billing runs, statements made. */
export class StatementService {
  private readonly usage: UsageService;

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly priceLists: PriceListService,
  ) {
    this.usage = new UsageService(db);
  }

  /**
   * What each office will pay for the current month so far (the 1st up to and including
   * today), trial discount applied; no entry when no price list is in force.
   */
  async preview(officeIds: readonly string[]): Promise<Map<string, StatementView>> {
    const today = this.clock.today();
    const period = periodOfDay(today);
    const prices = await this.priceLists.inForceOn(firstDay(period));
    const result = new Map<string, StatementView>();
    if (!prices) return result;
    const ids = officeIds.filter(isUuid).map((id) => id.toLowerCase());
    const [facts, firstSeen] = await Promise.all([
      this.usage.factsOf(ids),
      this.usage.firstSeen(ids),
    ]);
    for (const officeId of ids) {
      result.set(officeId, {
        ...this.compute(officeId, facts, firstSeen.has(officeId), period, today, prices),
        period: period.key,
        from: firstDay(period),
        to: today,
        issuedAt: null,
      });
    }
    return result;
  }

  /**
   * Makes the statement of `periodKey` (a month that has ended) for every office billing
   * knows of by then and that has none yet. Returns how many it made: a second run, or one
   * racing this one, makes none for an office that has one (unique office and period;
   * ON CONFLICT DO NOTHING decides, and only inserted rows are counted).
   */
  async run(periodKey: string, runBy: string | null): Promise<number> {
    const period = parsePeriod(periodKey);
    if (!period) {
      fail('INVALID_PERIOD', 'Give the month as YYYY-MM, e.g. 2026-01.', ['input', 'period']);
    }
    if (period.key >= periodOfDay(this.clock.today()).key) {
      fail('PERIOD_NOT_ENDED', 'Only a month that has ended can be billed.', ['input', 'period']);
    }
    const prices = await this.priceLists.inForceOn(firstDay(period));
    if (!prices) {
      fail('NO_PRICE_LIST', 'No price list is in force for this month.', ['input', 'period']);
    }
    const runId = await insertBillingRun(this.db.manager, period.key, runBy, this.clock.now());
    const offices = await officesToBill(this.db.manager, period.key, lastDay(period));

    let created = 0;
    for (let start = 0; start < offices.length; start += RUN_CHUNK) {
      const chunk = offices.slice(start, start + RUN_CHUNK);
      const facts = await this.usage.factsOf(chunk);
      created += await this.db.transaction(async (manager) => {
        let inserted = 0;
        for (const officeId of chunk) {
          const statement = this.compute(officeId, facts, true, period, lastDay(period), prices);
          const stored = await insertStatement(manager, officeId, period, {
            priceListId: prices.list.id,
            runId,
            statement,
          });
          if (stored) inserted++;
        }
        return inserted;
      });
    }
    await setRunCount(this.db.manager, runId, created);
    return created;
  }

  /** The statements made for each office, the latest period first. */
  async statementsOf(officeIds: readonly string[]): Promise<Map<string, StatementView[]>> {
    const ids = officeIds.filter(isUuid).map((id) => id.toLowerCase());
    const result = new Map<string, StatementView[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) return result;
    const statements = await statementRows(this.db.manager, ids);
    if (statements.length === 0) return result;
    const lines = await statementLineRows(
      this.db.manager,
      statements.map((st) => st.id),
    );
    const linesOf = new Map<string, StatementLine[]>();
    for (const l of lines) {
      let list = linesOf.get(l.statement_id);
      if (!list) linesOf.set(l.statement_id, (list = []));
      list.push({
        code: l.code,
        description: l.description,
        quantity: l.quantity,
        weightedQuantity: new MoneyDecimal(l.weighted_quantity),
        unitPrice: new MoneyDecimal(l.unit_price),
        amount: new MoneyDecimal(l.amount),
      });
    }
    for (const s of statements) {
      result.get(s.office_id)?.push({
        period: s.period,
        from: s.period_start,
        to: s.period_end,
        issuedAt: s.created_at,
        lines: linesOf.get(s.id) ?? [],
        totalExclVat: new MoneyDecimal(s.total_excl_vat),
        vat: new MoneyDecimal(s.vat),
        totalInclVat: new MoneyDecimal(s.total_incl_vat),
      });
    }
    return result;
  }

  private compute(
    officeId: string,
    facts: readonly UsageFact[],
    /** Whether billing knew the office by `to` (it then has the dashboard). */
    known: boolean,
    period: Period,
    to: string,
    prices: PriceListWithItems,
  ): ComputedStatement {
    const from = firstDay(period);
    const usage = officeUsage(officeId, facts, from, to);
    return computeStatement({
      daysInMonth: daysInMonth(period),
      items: usage.items,
      trialDays: usage.trialDays,
      includeDashboard: known,
      prices: prices.items.map((i) => ({
        code: i.code,
        description: i.description,
        unitPrice: i.unitPrice,
        position: i.position,
      })),
    });
  }
}
