import type { Decimal } from '@kantoor/platform';
import type { EntityManager } from 'typeorm';
import type { VatFilingPeriod } from '../vat-return/vat-period.calc.js';

/**
 * The VAT module's projections of other modules' events; each statement is idempotent by key
 * (ON CONFLICT) and names the administration.
 */

/** Creates or updates the administration's row; a null name or period keeps the one known. */
export async function upsertAdministrationRow(
  m: EntityManager,
  values: {
    administrationId: string;
    officeId: string | null;
    name: string | null;
    vatFilingPeriod: VatFilingPeriod | null;
    vatNumber: string | null;
    /** Whether the event carried vatNumber (null then clears it). */
    vatNumberGiven: boolean;
    startedOn: string;
  },
): Promise<void> {
  await m.query(
    `INSERT INTO vat.administrations
       (administration_id, office_id, name, vat_filing_period, vat_number, started_on)
     VALUES ($1, $2, coalesce($3, ''), coalesce($4, 'QUARTER'), $5, $6)
     ON CONFLICT (administration_id) DO UPDATE SET
       office_id = coalesce(EXCLUDED.office_id, vat.administrations.office_id),
       name = coalesce($3, vat.administrations.name),
       vat_filing_period = coalesce($4, vat.administrations.vat_filing_period),
       vat_number = CASE WHEN $7 THEN EXCLUDED.vat_number ELSE vat.administrations.vat_number END,
       started_on = LEAST(vat.administrations.started_on, EXCLUDED.started_on)`,
    [
      values.administrationId,
      values.officeId,
      values.name,
      values.vatFilingPeriod,
      values.vatNumber,
      values.startedOn,
      values.vatNumberGiven,
    ],
  );
}

/** Also when it overtakes administration.created (another queue): the row waits. */
export async function setAdministrationArchived(
  m: EntityManager,
  administrationId: string,
  archived: boolean,
  startedOn: string,
): Promise<void> {
  await m.query(
    `INSERT INTO vat.administrations (administration_id, started_on, archived)
     VALUES ($1, $3, $2)
     ON CONFLICT (administration_id) DO UPDATE SET archived = EXCLUDED.archived`,
    [administrationId, archived, startedOn],
  );
}

/** Keeps the earliest booking date (an entry may arrive before administration.created). */
export async function noteFirstBooking(
  m: EntityManager,
  administrationId: string,
  startedOn: string,
  date: string,
): Promise<void> {
  await m.query(
    `INSERT INTO vat.administrations (administration_id, started_on, first_booking_on)
     VALUES ($1, $2, $3)
     ON CONFLICT (administration_id) DO UPDATE SET first_booking_on =
       LEAST(coalesce(vat.administrations.first_booking_on, EXCLUDED.first_booking_on),
             EXCLUDED.first_booking_on)`,
    [administrationId, startedOn, date],
  );
}

/** An entry's VAT lines with their contributions to the return's boxes (once per line). */
export async function insertVatLines(
  m: EntityManager,
  entry: { administrationId: string; entryId: string; date: string },
  lines: readonly {
    lineNo: number;
    vatCode: string;
    turnoverBox: string | null;
    vatBox: string | null;
    turnover: Decimal;
    vatDue: Decimal;
    inputVat: Decimal;
  }[],
): Promise<void> {
  await m.query(
    `INSERT INTO vat.lines (administration_id, entry_id, line_no, entry_date, vat_code,
       turnover_box, vat_box, turnover, vat_due, input_vat)
     SELECT $1, $2, x.line_no, $3, x.vat_code, x.turnover_box, x.vat_box, x.turnover,
            x.vat_due, x.input_vat
       FROM unnest($4::int[], $5::text[], $6::text[], $7::text[], $8::numeric[],
                   $9::numeric[], $10::numeric[])
         AS x(line_no, vat_code, turnover_box, vat_box, turnover, vat_due, input_vat)
     ON CONFLICT DO NOTHING`,
    [
      entry.administrationId,
      entry.entryId,
      entry.date,
      lines.map((x) => x.lineNo),
      lines.map((x) => x.vatCode),
      lines.map((x) => x.turnoverBox),
      lines.map((x) => x.vatBox),
      lines.map((x) => x.turnover.toFixed(2)),
      lines.map((x) => x.vatDue.toFixed(2)),
      lines.map((x) => x.inputVat.toFixed(2)),
    ],
  );
}

/** An intra-EU supply (ICP) line of an invoicing document (once per line). */
export async function insertIcpLine(
  m: EntityManager,
  line: {
    administrationId: string;
    documentId: string;
    lineNo: number;
    issueDate: string;
    customerVatNumber: string | null;
    customerCountryCode: string | null;
    customerName: string | null;
    amount: Decimal;
  },
): Promise<void> {
  await m.query(
    `INSERT INTO vat.icp_lines (administration_id, document_id, line_no, issue_date,
       customer_vat_number, customer_country_code, customer_name, amount)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
    [
      line.administrationId,
      line.documentId,
      line.lineNo,
      line.issueDate,
      line.customerVatNumber,
      line.customerCountryCode,
      line.customerName,
      line.amount.toFixed(2),
    ],
  );
}
