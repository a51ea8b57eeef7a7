import type { DataSource } from 'typeorm';
import { VatReturnEntity } from './vat-return.entity.js';

export class VatReturnService {
  constructor(private readonly db: DataSource) {}

  /** VAT returns of many administrations in one query, newest period first. */
  async returnsOf(administrationIds: readonly string[]): Promise<VatReturnEntity[]> {
    if (administrationIds.length === 0) return [];
    return this.db
      .getRepository(VatReturnEntity)
      .createQueryBuilder('r')
      .where('r.administration_id = ANY(CAST(:ids AS uuid[]))', { ids: [...administrationIds] })
      .orderBy('r.period_start', 'DESC')
      .getMany();
  }
}
