import type { ErrorReport } from '@kantoor/platform';
import { CREDENTIAL_ERRORS } from './credentials.validation.js';

/** Every error code the auth module can raise, and how it reaches the caller. */
export const AUTH_ERRORS = {
  ...CREDENTIAL_ERRORS,
  EMPTY_OFFICE_NAME: 'userError',
  INVALID_CREDENTIALS: 'userError',
  TOO_MANY_ATTEMPTS: 'userError',
  OFFICE_SUSPENDED: 'userError',
  INVALID_REFRESH_TOKEN: 'userError',
  REFRESH_TOKEN_REUSED: 'userError',
  NOT_A_SESSION: 'userError',
  KIND_NOT_ALLOWED: 'userError',
  EXPIRY_IN_PAST: 'userError',
  EXPIRY_TOO_FAR: 'userError',
  NO_PERMISSIONS: 'userError',
  API_TOKEN_NOT_FOUND: 'userError',
} as const satisfies Record<string, ErrorReport>;
export type AuthErrorCode = keyof typeof AUTH_ERRORS;
