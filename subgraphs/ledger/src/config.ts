import { isCalendarDate, parseConfig } from '@kantoor/platform';
import { z } from 'zod';

/**
 * The ledger's own settings, read from the environment once (start-up fails fast on a bad
 * value, see index.ts onStart):
 * - KANTOOR_LEDGER_EARLIEST_DATE: the earliest bookkeeping date accepted (default 2000-01-01);
 * - KANTOOR_LEDGER_MAX_DAYS_AHEAD: how many days after today a booking may be dated (default
 *   366: a year ahead);
 * - KANTOOR_LEDGER_MAX_STATEMENT_BYTES: the largest CAMT.053 file importBankStatement reads
 *   (default 5 MB = 5242880 bytes of UTF-8); larger: FILE_TOO_LARGE, before it is parsed.
 */
export const ledgerConfigSchema = z.object({
  KANTOOR_LEDGER_EARLIEST_DATE: z
    .string()
    .refine(isCalendarDate, 'must be a date YYYY-MM-DD')
    .default('2000-01-01'),
  KANTOOR_LEDGER_MAX_DAYS_AHEAD: z.coerce.number().int().min(0).max(3660).default(366),
  KANTOOR_LEDGER_MAX_STATEMENT_BYTES: z.coerce
    .number()
    .int()
    .min(1000)
    .max(100 * 1024 * 1024)
    .default(5 * 1024 * 1024),
});

export interface LedgerConfig {
  dateWindow: DateWindow;
  /** The largest bank statement file read, in bytes (UTF-8). */
  maxStatementBytes: number;
}

/** Bookkeeping dates accepted: from `earliest` up to `maxDaysAhead` days after today (UTC). */
export interface DateWindow {
  earliest: string;
  maxDaysAhead: number;
}

let cached: LedgerConfig | null = null;

export function parseLedgerConfig(env: Record<string, string | undefined>): LedgerConfig {
  const c = parseConfig(ledgerConfigSchema, env);
  return {
    dateWindow: {
      earliest: c.KANTOOR_LEDGER_EARLIEST_DATE,
      maxDaysAhead: c.KANTOOR_LEDGER_MAX_DAYS_AHEAD,
    },
    maxStatementBytes: c.KANTOOR_LEDGER_MAX_STATEMENT_BYTES,
  };
}

/** The ledger's configuration from process.env, parsed once. */
export function ledgerConfig(): LedgerConfig {
  cached ??= parseLedgerConfig(process.env);
  return cached;
}
