import { createHash } from 'node:crypto';
import { isValidDecimal, type DecimalInput } from '@kantoor/platform';
import { DEFAULT_JOURNAL_CODE } from '../account/default-chart.data.js';
import { ledgerError } from '../common/ledger.errors.js';
import type { IdempotentOperation, JournalEntryEntity } from './entry.entity.js';
import type { LineInput } from './entry.calc.js';

/**
 * An idempotency key bound to its operation and input, as payment APIs do: the entry booked
 * with the key records both, and a repeat is answered with that entry only when the operation
 * and the SHA-256 of the normalized input are the same; otherwise IDEMPOTENCY_KEY_REUSED.
 * Normalized: text trimmed, codes upper-cased, amounts as exact decimals ("10" = "10.00"),
 * the default journal filled in, so a retry that spells the same request differently is the
 * same request.
 */
export interface IdempotencyClaim {
  key: string;
  operation: IdempotentOperation;
  hash: string;
}

export function idempotencyClaim(
  key: string,
  operation: IdempotentOperation,
  normalizedInput: unknown,
): IdempotencyClaim {
  const hash = createHash('sha256')
    .update(JSON.stringify([operation, normalizedInput]))
    .digest('hex');
  return { key, operation, hash };
}

const text = (value: string | null | undefined): string | null => value?.trim() || null;
const code = (value: string | null | undefined): string | null =>
  value?.trim() ? value.trim().toUpperCase() : null;
const amount = (value: DecimalInput | null | undefined): string | null => {
  if (value === null || value === undefined) return null;
  return isValidDecimal(value) ? value.toString() : `invalid:${value.raw}`;
};

/** The input of postJournalEntry as it is compared between a request and its retry. */
export function normalizedPostInput(values: {
  date: string;
  description: string;
  journalCode?: string | null;
  lines: readonly (LineInput & { correction?: boolean | null })[];
}): unknown {
  return {
    date: values.date,
    description: text(values.description),
    journalCode: code(values.journalCode) ?? DEFAULT_JOURNAL_CODE,
    lines: (values.lines ?? []).map((l) => ({
      accountCode: (l.accountCode ?? '').trim(),
      debit: amount(l.debit),
      credit: amount(l.credit),
      vatCode: code(l.vatCode),
      description: text(l.description),
      reference: text(l.reference),
      correction: Boolean(l.correction),
    })),
  };
}

export function normalizedReverseInput(
  entryId: string,
  values: { date?: string | null; description?: string | null },
): unknown {
  return {
    entryId: entryId.trim().toLowerCase(),
    date: values.date ?? null,
    description: text(values.description),
  };
}

/**
 * Whether `existing` (the entry booked with the claim's key) answers this request; throws
 * IDEMPOTENCY_KEY_REUSED when the key was used by another operation or with another input
 * (also for an entry whose input was not recorded: it cannot be shown to be the same).
 */
export function requireSameRequest(existing: JournalEntryEntity, claim: IdempotencyClaim): void {
  if (
    existing.idempotencyOperation === claim.operation &&
    existing.idempotencyHash === claim.hash
  ) {
    return;
  }
  throw ledgerError(
    'IDEMPOTENCY_KEY_REUSED',
    existing.idempotencyOperation && existing.idempotencyOperation !== claim.operation
      ? `The idempotency key was used for another operation (entry ${existing.number}); use a new key.`
      : `The idempotency key was used with another input (entry ${existing.number}); use a new key for a new request.`,
    ['input', 'idempotencyKey'],
  );
}
