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

/** What each userError code means, published as the UserErrorCode enum's descriptions. */
export const BILLING_ERROR_DESCRIPTIONS = {
  INVALID_PERIOD: 'The period (month) is not given as YYYY-MM.',
  PERIOD_NOT_ENDED: 'runBilling for the current or a future month; only ended months are billed.',
  NO_PRICE_LIST: 'No price list is in force for the month.',
  PERIOD_NOT_IN_FUTURE: 'A price list must take effect from a future month.',
  ITEMS_REQUIRED: 'A price list needs at least one item.',
  UNKNOWN_ITEM: 'A price list item code that billing does not know.',
  DUPLICATE_ITEM: 'The same item code twice in one price list.',
  INVALID_PRICE: 'A price that is not a decimal with at most 2 decimals, or too large.',
  NEGATIVE_PRICE: 'A price below zero.',
} as const satisfies Record<BillingErrorCode, string>;
