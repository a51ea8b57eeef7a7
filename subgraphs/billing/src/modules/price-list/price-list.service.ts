import type { DataSource } from 'typeorm';
import { PriceListEntity, PriceListItemEntity } from './price-list.entity.js';

export class PriceListService {
  constructor(private readonly db: DataSource) {}

  /** The price list in force on `date` ("YYYY-MM-DD") with its items, or null before the first. */
  async inForceOn(
    date: string,
  ): Promise<{ list: PriceListEntity; items: PriceListItemEntity[] } | null> {
    const list = await this.db
      .getRepository(PriceListEntity)
      .createQueryBuilder('p')
      .where('p.effective_from <= CAST(:date AS date)', { date })
      .orderBy('p.effective_from', 'DESC')
      .getOne();
    if (!list) return null;
    const items = await this.db
      .getRepository(PriceListItemEntity)
      .find({ where: { priceListId: list.id }, order: { position: 'ASC' } });
    return { list, items };
  }
}
