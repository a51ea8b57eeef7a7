import type { Decimal } from '@kantoor/platform';
import { In, type EntityManager } from 'typeorm';
import { PriceListEntity, PriceListItemEntity } from './price-list.entity.js';

/** Kantoor's price lists (one for every office, no administration): versions and items. */

/** The version in force on `date` (the latest that starts on or before it). */
export async function priceListInForceOn(
  m: EntityManager,
  date: string,
): Promise<PriceListEntity | null> {
  return m
    .getRepository(PriceListEntity)
    .createQueryBuilder('p')
    .where('p.effective_from <= CAST(:date AS date)', { date })
    .orderBy('p.effective_from', 'DESC')
    .getOne();
}

/** Items of versions, in list order. */
export async function itemsOfPriceLists(
  m: EntityManager,
  priceListIds: readonly string[],
): Promise<PriceListItemEntity[]> {
  return m.getRepository(PriceListItemEntity).find({
    where: { priceListId: In([...priceListIds]) },
    order: { position: 'ASC' },
  });
}

/** Up to `limit` versions, the latest first, that start before `before` (all without it). */
export async function priceListsBefore(
  m: EntityManager,
  before: string | null,
  limit: number,
): Promise<PriceListEntity[]> {
  const query = m
    .getRepository(PriceListEntity)
    .createQueryBuilder('p')
    .orderBy('p.effective_from', 'DESC')
    .limit(limit);
  if (before) query.where('p.effective_from < CAST(:from AS date)', { from: before });
  return query.getMany();
}

export async function countPriceLists(m: EntityManager): Promise<number> {
  return m.getRepository(PriceListEntity).count();
}

/** Every version (the latest first) and every item (in list order). */
export async function allPriceLists(
  m: EntityManager,
): Promise<{ lists: PriceListEntity[]; items: PriceListItemEntity[] }> {
  const lists = await m.getRepository(PriceListEntity).find({ order: { effectiveFrom: 'DESC' } });
  const items = await m.getRepository(PriceListItemEntity).find({ order: { position: 'ASC' } });
  return { lists, items };
}

/** Serialises the scheduling of versions (one transaction at a time). */
export async function lockPriceLists(m: EntityManager): Promise<void> {
  await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['billing:price-lists']);
}

/** Writes the version starting `effectiveFrom` with `items` (replacing one scheduled already). */
export async function writePriceList(
  m: EntityManager,
  effectiveFrom: string,
  items: readonly (Pick<PriceListItemEntity, 'code' | 'description' | 'position'> & {
    unitPrice: Decimal;
  })[],
): Promise<void> {
  const [row] = (await m.query(
    `INSERT INTO billing.price_lists (effective_from) VALUES (CAST($1 AS date))
     ON CONFLICT (effective_from) DO UPDATE SET created_at = now()
     RETURNING id`,
    [effectiveFrom],
  )) as { id: string }[];
  const listId = row!.id;
  await m.query(`DELETE FROM billing.price_list_items WHERE price_list_id = $1`, [listId]);
  for (const item of items) {
    await m.query(
      `INSERT INTO billing.price_list_items (price_list_id, code, description, unit_price, position)
       VALUES ($1, $2, $3, CAST($4 AS numeric), $5)`,
      [listId, item.code, item.description, item.unitPrice.toFixed(2), item.position],
    );
  }
}
