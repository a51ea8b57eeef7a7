import type { ErrorReport } from '@kantoor/platform';

/** Every error code the billing subgraph can raise, and how it reaches the caller. */
export const BILLING_ERRORS = {
  /** A period that is not "YYYY-MM" (e.g. "2026-13", "26-01"). */
  INVALID_PERIOD: 'userError',
  /** runBilling for the current or a future month. */
  PERIOD_NOT_ENDED: 'userError',
  /** No price list is in force for the month. */
  NO_PRICE_LIST: 'userError',
  /** setPriceList effective from the current or a past month. */
  PERIOD_NOT_IN_FUTURE: 'userError',
  ITEMS_REQUIRED: 'userError',
  UNKNOWN_ITEM: 'userError',
  DUPLICATE_ITEM: 'userError',
  /** Not a decimal, more than 2 decimals, or too large. */
  INVALID_PRICE: 'userError',
  NEGATIVE_PRICE: 'userError',
} as const satisfies Record<string, ErrorReport>;
export type BillingErrorCode = keyof typeof BILLING_ERRORS;
