import type { ErrorReport } from '@kantoor/platform';

/** Every error code the access module can raise, and how it reaches the caller. */
export const ACCESS_ERRORS = {
  /** Unknown id, a non-uuid id, or an administration of another office (no difference visible). */
  ADMINISTRATION_NOT_FOUND: 'userError',
  /** Unknown id, a non-uuid id, an OPS user, or a user of another office. */
  USER_NOT_FOUND: 'userError',
  /** Office ADMINs hold every permission on every administration of their office already. */
  USER_IS_ADMIN: 'userError',
  /** A CLIENT may only get permissions of the administration's clientModules. */
  CLIENT_MODULE_NOT_ALLOWED: 'userError',
} as const satisfies Record<string, ErrorReport>;
export type AccessErrorCode = keyof typeof ACCESS_ERRORS;
