import type { DataSource } from 'typeorm';
import { CustomerEntity } from './customer.entity.js';

export class CustomerService {
  constructor(private readonly db: DataSource) {}

  /** Customers of many administrations in one query, by name. */
  async customersOf(administrationIds: readonly string[]): Promise<CustomerEntity[]> {
    if (administrationIds.length === 0) return [];
    return this.db
      .getRepository(CustomerEntity)
      .createQueryBuilder('c')
      .where('c.administration_id = ANY(CAST(:ids AS uuid[]))', { ids: [...administrationIds] })
      .orderBy('lower(c.name)', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .getMany();
  }
}
