import type { EntityManager } from 'typeorm';
import type { FilingAnswer } from './filing.adapter.js';

/** A filing row FOR UPDATE with the administration's VAT number; null when there is none. */
export async function lockFiling(
  m: EntityManager,
  administrationId: string,
  filingId: string,
): Promise<{ xbrl: string; answered_at: Date | null; vat_number: string | null } | null> {
  const [filing] = (await m.query(
    `SELECT f.xbrl, f.answered_at, a.vat_number FROM vat.filings f
       JOIN vat.administrations a ON a.administration_id = f.administration_id
      WHERE f.administration_id = $1 AND f.id = $2 FOR UPDATE OF f`,
    [administrationId, filingId],
  )) as { xbrl: string; answered_at: Date | null; vat_number: string | null }[];
  return filing ?? null;
}

export async function recordFilingAnswer(
  m: EntityManager,
  administrationId: string,
  filingId: string,
  adapterName: string,
  answer: FilingAnswer,
): Promise<void> {
  await m.query(
    `UPDATE vat.filings SET adapter = $3, answered_at = clock_timestamp(), result = $4,
            reference = $5, message = $6
      WHERE administration_id = $1 AND id = $2`,
    [administrationId, filingId, adapterName, answer.result, answer.reference, answer.message],
  );
}

/**
 * Moves the SUBMITTED return (or suppletie `suppletie`) of the period to the filing's answer;
 * returns how many rows moved (0 when it was not SUBMITTED any more).
 */
export async function setAnsweredStatus(
  m: EntityManager,
  administrationId: string,
  period: string,
  suppletie: number | null,
  status: FilingAnswer['result'],
): Promise<number> {
  // TypeORM answers an UPDATE with [rows, affected].
  const [, affected] = (await m.query(
    suppletie === null
      ? `UPDATE vat.returns SET status = $3
          WHERE administration_id = $1 AND period = $2 AND status = 'SUBMITTED'`
      : `UPDATE vat.suppleties SET status = $3
          WHERE administration_id = $1 AND period = $2 AND number = $4 AND status = 'SUBMITTED'`,
    [administrationId, period, status, ...(suppletie === null ? [] : [suppletie])],
  )) as [unknown[], number];
  return affected;
}
