import { isUuid, MoneyDecimal, prepared } from '@kantoor/platform';
import type { EntityManager } from 'typeorm';
import type { VatSums } from './vat-boxes.calc.js';
import type { VatFilingPeriod } from './vat-period.calc.js';

/**
 * The VAT module's reads in plain SQL. Every statement names the administration(s) it reads;
 * nothing here reads another module's tables (the projections are fed by events), except
 * tenancy's published effective_permissions view for authorization.
 */

export type VatReturnStatus =
  'OPEN' | 'PREPARED' | 'AWAITING_APPROVAL' | 'APPROVED' | 'SUBMITTED' | 'ACCEPTED' | 'REJECTED';

/** Statuses whose return has been handed to the tax authority (the period is filed). */
export const FILED: readonly VatReturnStatus[] = ['SUBMITTED', 'ACCEPTED'];

export interface VatAdministrationRow {
  administrationId: string;
  officeId: string | null;
  name: string;
  vatFilingPeriod: VatFilingPeriod;
  vatNumber: string | null;
  /** The earliest of the administration's start and its first booking. */
  firstDay: string;
  archived: boolean;
}

/** Frozen sums of a prepared return, with any corrections carried into it. */
export interface FrozenSums extends VatSums {
  corrections?: { period: string; sums: VatSums }[];
}

export interface VatReturnRow {
  administrationId: string;
  period: string;
  periodStart: string;
  periodEnd: string;
  dueDate: string;
  status: VatReturnStatus;
  sums: FrozenSums;
  preparedAt: Date;
  submittedAt: Date | null;
  xbrl: string | null;
}

export interface VatReturnEventRow {
  administrationId: string;
  period: string;
  status: VatReturnStatus;
  at: Date;
  byUserId: string | null;
  note: string | null;
  suppletie: number | null;
}

type Db = Pick<EntityManager, 'query'>;

const ADMINISTRATION_COLUMNS = `administration_id AS "administrationId", office_id AS "officeId", name,
  vat_filing_period AS "vatFilingPeriod", vat_number AS "vatNumber",
  to_char(LEAST(started_on, coalesce(first_booking_on, started_on)), 'YYYY-MM-DD') AS "firstDay",
  archived`;

const RETURN_COLUMNS = `administration_id AS "administrationId", period,
  to_char(period_start, 'YYYY-MM-DD') AS "periodStart", to_char(period_end, 'YYYY-MM-DD') AS "periodEnd",
  to_char(due_date, 'YYYY-MM-DD') AS "dueDate", status, sums, prepared_at AS "preparedAt",
  submitted_at AS "submittedAt", xbrl`;

// Prepared (platform db/prepared.ts): every dashboard page runs both for 100 administrations.
const ADMINISTRATIONS_BY_IDS = prepared(
  `SELECT ${ADMINISTRATION_COLUMNS} FROM vat.administrations WHERE administration_id = ANY($1::uuid[])`,
);
const RETURNS_OF = prepared(
  `SELECT ${RETURN_COLUMNS} FROM vat.returns WHERE administration_id = ANY($1::uuid[])
      ORDER BY period_start DESC`,
);

export async function administrationsByIds(
  db: Db,
  ids: readonly string[],
): Promise<VatAdministrationRow[]> {
  const valid = [...new Set(ids.filter(isUuid).map((i) => i.toLowerCase()))];
  if (valid.length === 0) return [];
  return db.query(ADMINISTRATIONS_BY_IDS, [valid]);
}

export async function returnsOf(db: Db, ids: readonly string[]): Promise<VatReturnRow[]> {
  const valid = [...new Set(ids.filter(isUuid).map((i) => i.toLowerCase()))];
  if (valid.length === 0) return [];
  return db.query(RETURNS_OF, [valid]);
}

/** One return row, locked for the workflow transaction. */
export async function lockReturn(
  db: Db,
  administrationId: string,
  periodStart: string,
): Promise<VatReturnRow | null> {
  // Serializes every transition of one (administration, period), also the first prepare.
  await db.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 12))`, [
    `vat:${administrationId}:${periodStart}`,
  ]);
  const [row] = (await db.query(
    `SELECT ${RETURN_COLUMNS} FROM vat.returns
      WHERE administration_id = $1 AND period_start = $2 FOR UPDATE`,
    [administrationId, periodStart],
  )) as VatReturnRow[];
  return row ?? null;
}

export interface PeriodKey {
  administrationId: string;
  start: string;
  end: string;
}

/**
 * The exact sums of many (administration, period) pairs in one statement, from the VAT lines
 * projected from the ledger.
 */
export async function liveSums(db: Db, keys: readonly PeriodKey[]): Promise<VatSums[]> {
  const result: VatSums[] = keys.map(() => ({ turnover: {}, vat: {}, input: '0.00' }));
  if (keys.length === 0) return result;
  const rows: {
    i: string;
    turnover_box: string | null;
    vat_box: string | null;
    turnover: string;
    vat_due: string;
    input_vat: string;
  }[] = await db.query(
    `SELECT k.i, l.turnover_box, l.vat_box, sum(l.turnover)::text AS turnover,
            sum(l.vat_due)::text AS vat_due, sum(l.input_vat)::text AS input_vat
       FROM unnest($1::uuid[], $2::date[], $3::date[]) WITH ORDINALITY AS k(a, s, e, i)
       JOIN vat.lines l ON l.administration_id = k.a AND l.entry_date BETWEEN k.s AND k.e
      GROUP BY k.i, l.turnover_box, l.vat_box`,
    [keys.map((k) => k.administrationId), keys.map((k) => k.start), keys.map((k) => k.end)],
  );
  for (const r of rows) {
    const sums = result[Number(r.i) - 1]!;
    const add = (record: Record<string, string>, box: string, value: string) => {
      record[box] = new MoneyDecimal(record[box] ?? '0').plus(new MoneyDecimal(value)).toFixed(2);
    };
    if (r.turnover_box) add(sums.turnover, r.turnover_box, r.turnover);
    if (r.vat_box && r.vat_box !== '5b') add(sums.vat, r.vat_box, r.vat_due);
    sums.input = new MoneyDecimal(sums.input).plus(new MoneyDecimal(r.input_vat)).toFixed(2);
  }
  return result;
}

export async function historyOf(
  db: Db,
  keys: readonly { administrationId: string; period: string }[],
  suppleties = false,
): Promise<VatReturnEventRow[]> {
  if (keys.length === 0) return [];
  return db.query(
    `SELECT e.administration_id AS "administrationId", e.period, e.status, e.at,
            e.by_user_id AS "byUserId", e.note, e.suppletie
       FROM unnest($1::uuid[], $2::text[]) AS k(a, p)
       JOIN vat.return_events e ON e.administration_id = k.a AND e.period = k.p
      WHERE (e.suppletie IS NOT NULL) = ${suppleties ? 'true' : 'false'}
      ORDER BY e.id`,
    [keys.map((k) => k.administrationId), keys.map((k) => k.period)],
  );
}

export async function recordEvent(
  db: Db,
  administrationId: string,
  period: string,
  status: VatReturnStatus,
  byUserId: string | null,
  note: string | null,
  suppletie: number | null = null,
): Promise<void> {
  await db.query(
    `INSERT INTO vat.return_events (administration_id, period, status, by_user_id, note, suppletie)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [administrationId, period, status, byUserId, note, suppletie],
  );
}

export type SuppletieStatus = 'PREPARED' | 'SUBMITTED' | 'ACCEPTED' | 'REJECTED';

export interface SuppletieRow {
  administrationId: string;
  period: string;
  number: number;
  status: SuppletieStatus;
  sums: VatSums;
  preparedAt: Date;
  submittedAt: Date | null;
  xbrl: string | null;
}

export async function suppletiesOf(db: Db, ids: readonly string[]): Promise<SuppletieRow[]> {
  const valid = [...new Set(ids.filter(isUuid).map((i) => i.toLowerCase()))];
  if (valid.length === 0) return [];
  return db.query(
    `SELECT administration_id AS "administrationId", period, number, status, sums,
            prepared_at AS "preparedAt", submitted_at AS "submittedAt", xbrl
       FROM vat.suppleties WHERE administration_id = ANY($1::uuid[]) ORDER BY period, number`,
    [valid],
  );
}

export interface IcpRow {
  countryCode: string | null;
  vatNumber: string | null;
  customerName: string | null;
  amount: string;
}

/**
 * The Opgaaf ICP of many periods in one statement: VEU supplies per customer VAT number
 * (credit notes negative), from invoicing's finalized documents.
 */
export async function icpOf(db: Db, keys: readonly PeriodKey[]): Promise<IcpRow[][]> {
  const result: IcpRow[][] = keys.map(() => []);
  if (keys.length === 0) return result;
  const rows: (IcpRow & { i: string })[] = await db.query(
    `SELECT k.i, upper(coalesce(l.customer_country_code, left(l.customer_vat_number, 2))) AS "countryCode",
            upper(l.customer_vat_number) AS "vatNumber", min(l.customer_name) AS "customerName",
            sum(l.amount)::text AS amount
       FROM unnest($1::uuid[], $2::date[], $3::date[]) WITH ORDINALITY AS k(a, s, e, i)
       JOIN vat.icp_lines l ON l.administration_id = k.a AND l.issue_date BETWEEN k.s AND k.e
      GROUP BY k.i, 2, 3
      ORDER BY k.i, 2, 3`,
    [keys.map((k) => k.administrationId), keys.map((k) => k.start), keys.map((k) => k.end)],
  );
  for (const { i, ...row } of rows) result[Number(i) - 1]!.push(row);
  return result;
}

/** The return of the period as PREPARED with its frozen sums (again after a rejection). */
export async function upsertPreparedReturn(
  db: Db,
  administrationId: string,
  period: { label: string; start: string; end: string; due: string },
  sums: FrozenSums,
): Promise<void> {
  await db.query(
    `INSERT INTO vat.returns (administration_id, period, period_start, period_end, due_date,
       status, sums, prepared_at)
     VALUES ($1, $2, $3, $4, $5, 'PREPARED', $6, clock_timestamp())
     ON CONFLICT (administration_id, period_start) DO UPDATE SET
       status = 'PREPARED', sums = EXCLUDED.sums, prepared_at = EXCLUDED.prepared_at, xbrl = NULL`,
    [administrationId, period.label, period.start, period.end, period.due, JSON.stringify(sums)],
  );
}

export async function setReturnStatus(
  db: Db,
  row: Pick<VatReturnRow, 'administrationId' | 'periodStart'>,
  status: VatReturnStatus,
): Promise<void> {
  await db.query(
    `UPDATE vat.returns SET status = $3 WHERE administration_id = $1 AND period_start = $2`,
    [row.administrationId, row.periodStart, status],
  );
}

export async function markReturnSubmitted(
  db: Db,
  administrationId: string,
  periodStart: string,
  xbrl: string,
): Promise<void> {
  await db.query(
    `UPDATE vat.returns SET status = 'SUBMITTED', submitted_at = clock_timestamp(), xbrl = $3
      WHERE administration_id = $1 AND period_start = $2`,
    [administrationId, periodStart, xbrl],
  );
}

/** A filing waiting for the adapter (of a return, or of suppletie `suppletie`); its id. */
export async function insertFiling(
  db: Db,
  administrationId: string,
  period: string,
  xbrl: string,
  suppletie: number | null,
): Promise<string> {
  const [filing] = (await db.query(
    `INSERT INTO vat.filings (administration_id, period, adapter, xbrl, suppletie)
     VALUES ($1, $2, 'pending', $3, $4) RETURNING id`,
    [administrationId, period, xbrl, suppletie],
  )) as { id: string }[];
  return filing!.id;
}

/** Suppletie `number` of the period as PREPARED with the difference it files. */
export async function upsertPreparedSuppletie(
  db: Db,
  administrationId: string,
  period: string,
  number: number,
  sums: VatSums,
): Promise<void> {
  await db.query(
    `INSERT INTO vat.suppleties (administration_id, period, number, status, sums, prepared_at)
     VALUES ($1, $2, $3, 'PREPARED', $4, clock_timestamp())
     ON CONFLICT (administration_id, period, number) DO UPDATE SET sums = EXCLUDED.sums,
       prepared_at = EXCLUDED.prepared_at`,
    [administrationId, period, number, JSON.stringify(sums)],
  );
}

export async function markSuppletieSubmitted(
  db: Db,
  administrationId: string,
  period: string,
  number: number,
  xbrl: string,
): Promise<void> {
  await db.query(
    `UPDATE vat.suppleties SET status = 'SUBMITTED', submitted_at = clock_timestamp(), xbrl = $4
      WHERE administration_id = $1 AND period = $2 AND number = $3`,
    [administrationId, period, number, xbrl],
  );
}
