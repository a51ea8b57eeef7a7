import type { EntityManager } from 'typeorm';
import { CustomerEntity } from './customer.entity.js';

/** Customers by (administration, id) pairs of valid ids, in one query. */
export async function customersByKeys(
  m: EntityManager,
  keys: readonly { administrationId: string; id: string }[],
): Promise<CustomerEntity[]> {
  return m
    .getRepository(CustomerEntity)
    .createQueryBuilder('c')
    .where(
      '(c.administration_id, c.id) IN (SELECT * FROM unnest(CAST(:a AS uuid[]), CAST(:i AS uuid[])))',
      { a: keys.map((k) => k.administrationId), i: keys.map((k) => k.id) },
    )
    .getMany();
}

/**
 * The next free debtor number (1001, 1002, ...): the administration's CUSTOMER counter, held
 * until commit; numbers chosen by hand are skipped.
 */
export async function nextCustomerNumber(
  m: EntityManager,
  administrationId: string,
): Promise<string> {
  for (;;) {
    const [row]: { last_number: number }[] = await m.query(
      `INSERT INTO invoicing.number_series (administration_id, kind, year, last_number)
       VALUES ($1, 'CUSTOMER', 0, 1001)
       ON CONFLICT (administration_id, kind, year) DO UPDATE SET last_number = number_series.last_number + 1
       RETURNING last_number`,
      [administrationId],
    );
    const candidate = String(row!.last_number);
    const taken: unknown[] = await m.query(
      `SELECT 1 FROM invoicing.customers WHERE administration_id = $1 AND number = $2`,
      [administrationId, candidate],
    );
    if (taken.length === 0) return candidate;
  }
}
