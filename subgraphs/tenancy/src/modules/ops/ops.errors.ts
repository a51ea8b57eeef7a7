import type { ErrorReport } from '@kantoor/platform';

/** Every error code the ops module can raise, and how it reaches the caller. */
export const OPS_ERRORS = {
  OFFICE_NOT_FOUND: 'userError',
} as const satisfies Record<string, ErrorReport>;
export type OpsErrorCode = keyof typeof OPS_ERRORS;
