import type { ErrorReport } from '@kantoor/platform';
import { CREDENTIAL_ERRORS } from '../auth/credentials.validation.js';

/** Every error code createUser, updateUser and deactivateUser can raise. */
export const USER_MUTATION_ERRORS = {
  ...CREDENTIAL_ERRORS,
  KIND_NOT_ALLOWED: 'userError',
  OFFICE_ROLE_REQUIRED: 'userError',
  OFFICE_ROLE_NOT_ALLOWED: 'userError',
  USER_NOT_FOUND: 'userError',
  LAST_ADMIN: 'userError',
  CANNOT_DEACTIVATE_SELF: 'userError',
} as const satisfies Record<string, ErrorReport>;
export type UserMutationErrorCode = keyof typeof USER_MUTATION_ERRORS;
