import {
  decodeCursor,
  failWith,
  pageSize,
  toPage,
  type Page,
  isValidDecimal,
  MoneyDecimal,
  type Decimal,
  type DecimalInput,
  type Fail,
} from '@kantoor/platform';
import type { DataSource, EntityManager } from 'typeorm';
import type { BillingErrorCode } from '../common/billing.errors.js';
import type { Clock } from '@kantoor/platform';
import { firstDay, parsePeriod, periodOfDay } from '../billing-period/billing-period.calc.js';
import { isPriceCode } from '../statement/statement.calc.js';
import type { PriceListEntity, PriceListItemEntity } from './price-list.entity.js';
import {
  allPriceLists,
  countPriceLists,
  itemsOfPriceLists,
  lockPriceLists,
  priceListInForceOn,
  priceListsBefore,
  writePriceList,
} from './price-list.sql.js';

export interface PriceListWithItems {
  list: PriceListEntity;
  items: PriceListItemEntity[];
}

export interface PriceChange {
  code: string;
  unitPrice: DecimalInput;
}

/** Largest price numeric(18,2) holds. */
const MAX_PRICE = new MoneyDecimal('9999999999999999.99');

const fail: Fail<BillingErrorCode> = failWith;

/**
 * Versioned price lists: a version applies from the first day of its month until the next
 * version. Ops add versions for a future month only, so the prices of a month that has
 * started (and of every statement made) never change.
 */
export class PriceListService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /** The price list in force on `date` ("YYYY-MM-DD") with its items, or null before the first. */
  async inForceOn(
    date: string,
    manager: EntityManager = this.db.manager,
  ): Promise<PriceListWithItems | null> {
    const list = await priceListInForceOn(manager, date);
    if (!list) return null;
    return { list, items: await itemsOfPriceLists(manager, [list.id]) };
  }

  /** Every version, the latest first (scheduled ones included). */
  /** A page of versions, the latest first (keyset on effective_from, which is unique). */
  async page(
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<Page<PriceListWithItems>> {
    const limit = pageSize(first);
    const from = after ? String(decodeCursor(after, 1)[0]) : null;
    const [lists, totalCount] = await Promise.all([
      limit === 0 ? Promise.resolve([]) : priceListsBefore(this.db.manager, from, limit + 1),
      countPriceLists(this.db.manager),
    ]);
    const items = lists.length
      ? await itemsOfPriceLists(
          this.db.manager,
          lists.map((l) => l.id),
        )
      : [];
    const found = lists.map((list) => ({
      list,
      items: items.filter((i) => i.priceListId === list.id),
    }));
    return toPage(found, limit, (f) => [f.list.effectiveFrom], totalCount, from !== null);
  }

  async all(): Promise<PriceListWithItems[]> {
    const { lists, items } = await allPriceLists(this.db.manager);
    return lists.map((list) => ({
      list,
      items: items.filter((i) => i.priceListId === list.id),
    }));
  }

  /**
   * A new version from the first day of `fromPeriod` (a month after the current one): the
   * prices in force then, with `changes` applied. A version already scheduled for that
   * month is replaced the same way.
   */
  async schedule(fromPeriod: string, changes: readonly PriceChange[]): Promise<PriceListWithItems> {
    const period = parsePeriod(fromPeriod);
    if (!period) {
      fail('INVALID_PERIOD', 'Give the first month as YYYY-MM, e.g. 2027-01.', [
        'input',
        'fromPeriod',
      ]);
    }
    if (period.key <= periodOfDay(this.clock.today()).key) {
      fail(
        'PERIOD_NOT_IN_FUTURE',
        'A new price list applies from a month that has not started yet.',
        ['input', 'fromPeriod'],
      );
    }
    if (changes.length === 0)
      fail('ITEMS_REQUIRED', 'Give at least one price.', ['input', 'items']);
    const prices = new Map<string, Decimal>();
    changes.forEach((change, index) => {
      const field = (name: string) => ['input', 'items', String(index), name];
      if (!isPriceCode(change.code)) {
        fail('UNKNOWN_ITEM', `There is no price list item ${change.code}.`, field('code'));
      }
      if (prices.has(change.code)) {
        fail('DUPLICATE_ITEM', `${change.code} is given twice.`, field('code'));
      }
      const price = change.unitPrice;
      if (!isValidDecimal(price) || price.decimalPlaces() > 2 || price.abs().gt(MAX_PRICE)) {
        fail(
          'INVALID_PRICE',
          'A price is an amount in euros with at most 2 decimals, e.g. "11.25".',
          field('unitPrice'),
        );
      }
      if (price.isNegative() && !price.isZero()) {
        fail('NEGATIVE_PRICE', 'A price cannot be negative.', field('unitPrice'));
      }
      prices.set(change.code, new MoneyDecimal(price));
    });

    const effectiveFrom = firstDay(period);
    return this.db.transaction(async (manager) => {
      await lockPriceLists(manager);
      const base = await this.inForceOn(effectiveFrom, manager);
      if (!base) {
        fail('NO_PRICE_LIST', 'There is no price list to start from.', ['input', 'fromPeriod']);
      }
      await writePriceList(
        manager,
        effectiveFrom,
        base.items.map((item) => ({
          ...item,
          unitPrice: prices.get(item.code) ?? item.unitPrice,
        })),
      );
      return (await this.inForceOn(effectiveFrom, manager))!;
    });
  }
}
