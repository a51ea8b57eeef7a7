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
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { BillingErrorCode } from '../common/billing.errors.js';
import type { Clock } from '@kantoor/platform';
import { firstDay, parsePeriod, periodOfDay } from '../billing-period/billing-period.calc.js';
import { isPriceCode } from '../statement/statement.calc.js';
import { PriceListEntity, PriceListItemEntity } from './price-list.entity.js';

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
    const list = await manager
      .getRepository(PriceListEntity)
      .createQueryBuilder('p')
      .where('p.effective_from <= CAST(:date AS date)', { date })
      .orderBy('p.effective_from', 'DESC')
      .getOne();
    if (!list) return null;
    const items = await manager
      .getRepository(PriceListItemEntity)
      .find({ where: { priceListId: list.id }, order: { position: 'ASC' } });
    return { list, items };
  }

  /** Every version, the latest first (scheduled ones included). */
  /** A page of versions, the latest first (keyset on effective_from, which is unique). */
  async page(
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<Page<PriceListWithItems>> {
    const limit = pageSize(first);
    const from = after ? String(decodeCursor(after, 1)[0]) : null;
    const query = this.db
      .getRepository(PriceListEntity)
      .createQueryBuilder('p')
      .orderBy('p.effective_from', 'DESC')
      .limit(limit + 1);
    if (from) query.where('p.effective_from < CAST(:from AS date)', { from });
    const [lists, totalCount] = await Promise.all([
      limit === 0 ? Promise.resolve([]) : query.getMany(),
      this.db.getRepository(PriceListEntity).count(),
    ]);
    const items = lists.length
      ? await this.db.getRepository(PriceListItemEntity).find({
          where: { priceListId: In(lists.map((l) => l.id)) },
          order: { position: 'ASC' },
        })
      : [];
    const found = lists.map((list) => ({
      list,
      items: items.filter((i) => i.priceListId === list.id),
    }));
    return toPage(found, limit, (f) => [f.list.effectiveFrom], totalCount, from !== null);
  }

  async all(): Promise<PriceListWithItems[]> {
    const lists = await this.db
      .getRepository(PriceListEntity)
      .find({ order: { effectiveFrom: 'DESC' } });
    const items = await this.db
      .getRepository(PriceListItemEntity)
      .find({ order: { position: 'ASC' } });
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
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['billing:price-lists']);
      const base = await this.inForceOn(effectiveFrom, manager);
      if (!base) {
        fail('NO_PRICE_LIST', 'There is no price list to start from.', ['input', 'fromPeriod']);
      }
      const [row] = (await manager.query(
        `INSERT INTO billing.price_lists (effective_from) VALUES (CAST($1 AS date))
         ON CONFLICT (effective_from) DO UPDATE SET created_at = now()
         RETURNING id`,
        [effectiveFrom],
      )) as { id: string }[];
      const listId = row!.id;
      await manager.query(`DELETE FROM billing.price_list_items WHERE price_list_id = $1`, [
        listId,
      ]);
      for (const item of base.items) {
        await manager.query(
          `INSERT INTO billing.price_list_items (price_list_id, code, description, unit_price, position)
           VALUES ($1, $2, $3, CAST($4 AS numeric), $5)`,
          [
            listId,
            item.code,
            item.description,
            (prices.get(item.code) ?? item.unitPrice).toFixed(2),
            item.position,
          ],
        );
      }
      return (await this.inForceOn(effectiveFrom, manager))!;
    });
  }
}
