import type { ErrorReport } from '@kantoor/platform';

/** Every error code the webhook module can raise, and how it reaches the caller. */
export const WEBHOOK_ERRORS = {
  INVALID_URL: 'userError',
  NO_EVENT_TYPES: 'userError',
  DESCRIPTION_TOO_LONG: 'userError',
  TOO_MANY_WEBHOOKS: 'userError',
  WEBHOOK_NOT_FOUND: 'userError',
  FORBIDDEN: 'FORBIDDEN',
} as const satisfies Record<string, ErrorReport>;
export type WebhookErrorCode = keyof typeof WEBHOOK_ERRORS;
