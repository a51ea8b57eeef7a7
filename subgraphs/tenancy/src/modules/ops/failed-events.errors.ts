import type { ErrorReport } from '@kantoor/platform';

/** Every error code of failedEvents / retryFailedEvent, and how it reaches the caller. */
export const FAILED_EVENT_ERRORS = {
  FAILED_EVENT_NOT_FOUND: 'userError',
  FAILED_EVENT_NOT_DEAD_LETTERED: 'userError',
  FORBIDDEN: 'FORBIDDEN',
} as const satisfies Record<string, ErrorReport>;
export type FailedEventErrorCode = keyof typeof FAILED_EVENT_ERRORS;
