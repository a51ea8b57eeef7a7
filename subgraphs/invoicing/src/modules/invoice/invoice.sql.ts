import { prepared, type Decimal } from '@kantoor/platform';
import type { EntityManager } from 'typeorm';
import { InvoiceEntity, InvoiceLineEntity } from './invoice.entity.js';

/**
 * Invoicing's SQL: number series, finalization in one statement, payments from the bank, the
 * locked periods it knows of, and the loaders' batches. Every statement names the
 * administration ($1, or the pairs and lists the loaders batch).
 */

/**
 * The next number of the administration's series for `year` ("2026-0001"): one upsert on the
 * counter row, which stays locked until this transaction ends. Concurrent finalizations
 * queue on it, so numbers are consecutive; a rollback gives the number back.
 */
export async function nextInvoiceNumber(
  m: EntityManager,
  administrationId: string,
  year: number,
): Promise<{ sequence: number; number: string }> {
  const [row]: { last_number: number }[] = await m.query(
    `INSERT INTO invoicing.number_series (administration_id, kind, year, last_number)
     VALUES ($1, 'INVOICE', $2, 1)
     ON CONFLICT (administration_id, kind, year) DO UPDATE SET last_number = number_series.last_number + 1
     RETURNING last_number`,
    [administrationId, year],
  );
  const sequence = row!.last_number;
  return { sequence, number: `${year}-${String(sequence).padStart(4, '0')}` };
}

/** The locked period `date` lies in, if invoicing knows of one. */
export async function lockedPeriodAt(
  m: EntityManager,
  administrationId: string,
  date: string,
): Promise<{ start_date: string; end_date: string } | null> {
  const rows: { start_date: string; end_date: string }[] = await m.query(
    `SELECT start_date::text, end_date::text FROM invoicing.locked_periods
      WHERE administration_id = $1 AND $2::date BETWEEN start_date AND end_date LIMIT 1`,
    [administrationId, date],
  );
  return rows[0] ?? null;
}

/** Records a locked period (once). */
export async function insertLockedPeriod(
  m: EntityManager,
  administrationId: string,
  from: string,
  to: string,
  source: string,
): Promise<void> {
  await m.query(
    `INSERT INTO invoicing.locked_periods (administration_id, start_date, end_date, source)
     VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
    [administrationId, from, to, source],
  );
}

/** Forgets a period the ledger unlocked (a VAT filing's lock stays). */
export async function deleteLedgerLockedPeriod(
  m: EntityManager,
  administrationId: string,
  from: string,
  to: string,
): Promise<void> {
  await m.query(
    `DELETE FROM invoicing.locked_periods
      WHERE administration_id = $1 AND start_date = $2 AND end_date = $3 AND source = 'LEDGER'`,
    [administrationId, from, to],
  );
}

/**
 * Writes a finalized invoice's number, dates, snapshots and status in ONE UPDATE (not
 * TypeORM's select-then-update): everything from the counter to the commit runs while the
 * series is locked for the other finalizations.
 */
export async function writeFinalized(m: EntityManager, invoice: InvoiceEntity): Promise<void> {
  await m.query(
    `UPDATE invoicing.invoices
        SET status = $3, number = $4, year = $5, sequence = $6, issue_date = $7, due_date = $8,
            customer_snapshot = $9, supplier_snapshot = $10, sort_rank = 0, sort_no = $11,
            finalized_at = $12, finalized_by = $13, updated_at = $12
      WHERE administration_id = $1 AND id = $2`,
    [
      invoice.administrationId,
      invoice.id,
      invoice.status,
      invoice.number,
      invoice.year,
      invoice.sequence,
      invoice.issueDate,
      invoice.dueDate,
      JSON.stringify(invoice.customerSnapshot),
      JSON.stringify(invoice.supplierSnapshot),
      invoice.sortNo,
      invoice.finalizedAt,
      invoice.finalizedBy,
    ],
  );
}

/** A payment from a bank settlement, once per settlement; false when it was recorded already. */
export async function insertBankPayment(
  m: EntityManager,
  administrationId: string,
  payment: { invoiceId: string; amount: Decimal; date: string; settlementId: string },
): Promise<boolean> {
  const inserted: unknown[] = await m.query(
    `INSERT INTO invoicing.payments (administration_id, invoice_id, source, amount, payment_date, settlement_id)
     VALUES ($1, $2, 'BANK', $3, $4, $5) ON CONFLICT (administration_id, settlement_id) DO NOTHING RETURNING id`,
    [
      administrationId,
      payment.invoiceId,
      payment.amount.toFixed(2),
      payment.date,
      payment.settlementId,
    ],
  );
  return inserted.length > 0;
}

/** A draft's sort key: microseconds of the clock, so drafts list newest first. */
export async function clockSortNo(m: EntityManager): Promise<string> {
  const [{ sort_no }] = (await m.query(
    `SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint::text AS sort_no`,
  )) as [{ sort_no: string }];
  return sort_no;
}

/** Replaces an invoice's lines. */
export async function replaceInvoiceLines(
  m: EntityManager,
  invoice: Pick<InvoiceEntity, 'administrationId' | 'id'>,
  lines: readonly Omit<InvoiceLineEntity, 'administrationId' | 'invoiceId'>[],
): Promise<void> {
  await m.query(
    `DELETE FROM invoicing.invoice_lines WHERE administration_id = $1 AND invoice_id = $2`,
    [invoice.administrationId, invoice.id],
  );
  await m
    .createQueryBuilder()
    .insert()
    .into(InvoiceLineEntity)
    .values(
      lines.map((l) => ({
        ...l,
        invoiceId: invoice.id,
        administrationId: invoice.administrationId,
      })),
    )
    .updateEntity(false)
    .execute();
}

/** Invoices by (administration, id) pairs of valid ids, in one query. */
export async function invoicesByKeys(
  m: EntityManager,
  keys: readonly { administrationId: string; id: string }[],
): Promise<InvoiceEntity[]> {
  return m
    .getRepository(InvoiceEntity)
    .createQueryBuilder('i')
    .where(
      '(i.administration_id, i.id) IN (SELECT * FROM unnest(CAST(:a AS uuid[]), CAST(:i AS uuid[])))',
      {
        a: keys.map((k) => k.administrationId.toLowerCase()),
        i: keys.map((k) => k.id.toLowerCase()),
      },
    )
    .getMany();
}

/** Lines of invoices by (administration, invoice id) pairs of valid ids, in line order. */
export async function invoiceLinesByKeys(
  m: EntityManager,
  keys: readonly { administrationId: string; id: string }[],
): Promise<InvoiceLineEntity[]> {
  return m
    .getRepository(InvoiceLineEntity)
    .createQueryBuilder('l')
    .where(
      '(l.administration_id, l.invoice_id) IN (SELECT * FROM unnest(CAST(:a AS uuid[]), CAST(:i AS uuid[])))',
      {
        a: keys.map((k) => k.administrationId.toLowerCase()),
        i: keys.map((k) => k.id.toLowerCase()),
      },
    )
    .orderBy('l.invoice_id')
    .addOrderBy('l.line_no')
    .getMany();
}

/** The dashboard counts of many administrations (valid, distinct ids) in one statement. */
export async function invoiceStatusRows(
  m: EntityManager,
  administrationIds: readonly string[],
  today: string,
): Promise<
  {
    administration_id: string;
    drafts: string;
    open: string;
    overdue: string;
    outstanding: string;
  }[]
> {
  return m.query(INVOICE_STATUS, [administrationIds, today]);
}

// Prepared (platform db/prepared.ts): every dashboard page runs it for 100 administrations.
const INVOICE_STATUS = prepared(
  `SELECT i.administration_id::text,
            count(*) FILTER (WHERE i.status = 'DRAFT') AS drafts,
            count(*) FILTER (WHERE i.status = 'OPEN') AS open,
            count(*) FILTER (WHERE i.status = 'OPEN' AND i.due_date < $2::date) AS overdue,
            coalesce(sum(greatest(i.total_incl_vat - i.paid_amount - i.credited_amount, 0))
              FILTER (WHERE i.status = 'OPEN'), 0)::text AS outstanding
       FROM invoicing.invoices i
      WHERE i.administration_id = ANY($1::uuid[]) AND i.type = 'INVOICE'
        AND i.status IN ('DRAFT', 'OPEN')
      GROUP BY i.administration_id`,
);
