import type { Decimal } from '@kantoor/platform';
import type { EntityManager } from 'typeorm';
import { firstDay, lastDay, type Period } from '../billing-period/billing-period.calc.js';
import type { ComputedStatement } from './statement.calc.js';

/** Billing runs and the statements they make, per office (billing knows no administration). */

export interface StatementRow {
  id: string;
  office_id: string;
  period: string;
  period_start: string;
  period_end: string;
  total_excl_vat: string;
  vat: string;
  total_incl_vat: string;
  created_at: Date;
}

export interface LineRow {
  statement_id: string;
  code: string;
  description: string;
  quantity: number;
  weighted_quantity: string;
  unit_price: string;
  amount: string;
}

/** Starts a billing run; its id. */
export async function insertBillingRun(
  m: EntityManager,
  period: string,
  runBy: string | null,
  startedAt: Date,
): Promise<string> {
  const [run] = (await m.query(
    `INSERT INTO billing.billing_runs (period, run_by, started_at) VALUES ($1, $2, $3) RETURNING id`,
    [period, runBy, startedAt],
  )) as { id: string }[];
  return run!.id;
}

/** Offices known by `lastDay` of the period that have no statement of it yet. */
export async function officesToBill(
  m: EntityManager,
  period: string,
  lastDayOfPeriod: string,
): Promise<string[]> {
  const rows = (await m.query(
    `SELECT o.id FROM billing.offices o
      WHERE o.first_seen_on <= CAST($1 AS date)
        AND NOT EXISTS (SELECT 1 FROM billing.statements s WHERE s.office_id = o.id AND s.period = $2)
      ORDER BY o.id`,
    [lastDayOfPeriod, period],
  )) as { id: string }[];
  return rows.map((r) => r.id);
}

export async function setRunCount(m: EntityManager, runId: string, created: number): Promise<void> {
  await m.query(`UPDATE billing.billing_runs SET statements_created = $2 WHERE id = $1`, [
    runId,
    created,
  ]);
}

/** Statements of offices, the latest period first. */
export async function statementRows(
  m: EntityManager,
  officeIds: readonly string[],
): Promise<StatementRow[]> {
  return m.query(
    `SELECT id, office_id, period, period_start, period_end, total_excl_vat, vat, total_incl_vat, created_at
       FROM billing.statements WHERE office_id = ANY(CAST($1 AS uuid[]))
      ORDER BY period DESC`,
    [officeIds],
  );
}

/** Lines of statements, in order. */
export async function statementLineRows(
  m: EntityManager,
  statementIds: readonly string[],
): Promise<LineRow[]> {
  return m.query(
    `SELECT statement_id, code, description, quantity, weighted_quantity, unit_price, amount
       FROM billing.statement_lines WHERE statement_id = ANY(CAST($1 AS uuid[]))
      ORDER BY statement_id, position`,
    [statementIds],
  );
}

/**
 * Stores an office's statement of the period and its lines, unless it has one (ON CONFLICT DO
 * NOTHING); false then.
 */
export async function insertStatement(
  manager: EntityManager,
  officeId: string,
  period: Period,
  made: { priceListId: string; runId: string; statement: ComputedStatement },
): Promise<boolean> {
  const { priceListId, runId, statement } = made;
  const money = (d: Decimal) => d.toFixed(2);
  const inserted = (await manager.query(
    `INSERT INTO billing.statements
       (office_id, period, period_start, period_end, price_list_id, run_id, total_excl_vat, vat, total_incl_vat)
     VALUES ($1, $2, CAST($3 AS date), CAST($4 AS date), $5, $6,
             CAST($7 AS numeric), CAST($8 AS numeric), CAST($9 AS numeric))
     ON CONFLICT (office_id, period) DO NOTHING
     RETURNING id`,
    [
      officeId,
      period.key,
      firstDay(period),
      lastDay(period),
      priceListId,
      runId,
      money(statement.totalExclVat),
      money(statement.vat),
      money(statement.totalInclVat),
    ],
  )) as { id: string }[];
  const id = inserted[0]?.id;
  if (!id) return false;
  const values: unknown[] = [id];
  const rows = statement.lines.map((line, index) => {
    const at = values.length;
    values.push(
      index + 1,
      line.code,
      line.description,
      line.quantity,
      line.weightedQuantity.toFixed(4),
      money(line.unitPrice),
      money(line.amount),
    );
    return `($1, $${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, CAST($${at + 5} AS numeric), CAST($${at + 6} AS numeric), CAST($${at + 7} AS numeric))`;
  });
  if (rows.length > 0) {
    await manager.query(
      `INSERT INTO billing.statement_lines
         (statement_id, position, code, description, quantity, weighted_quantity, unit_price, amount)
       VALUES ${rows.join(', ')}`,
      values,
    );
  }
  return true;
}
