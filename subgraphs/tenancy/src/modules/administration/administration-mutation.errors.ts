import type { ErrorReport } from '@kantoor/platform';

/**
 * Every error code createAdministration, updateAdministration, archiveAdministration and
 * signUpBusiness can raise, and how it reaches the caller.
 */
export const ADMINISTRATION_MUTATION_ERRORS = {
  /** The name is empty or only whitespace. */
  EMPTY_NAME: 'userError',
  /** signUpBusiness: the business name is empty. */
  EMPTY_BUSINESS_NAME: 'userError',
  /** EXTERNAL administrations only arise by linking a business's own subscription. */
  KIND_NOT_ALLOWED: 'userError',
  /** An EXTERNAL administration needs at least one module. */
  MODULES_REQUIRED: 'userError',
  /** clientModules are for INTERNAL_WITH_CLIENT_LOGIN only. */
  CLIENT_MODULES_NOT_ALLOWED: 'userError',
  /** INTERNAL_WITH_CLIENT_LOGIN needs at least one client module. */
  CLIENT_MODULES_REQUIRED: 'userError',
  /** A client module must be one of the administration's modules. */
  CLIENT_MODULE_NOT_IN_MODULES: 'userError',
  /** Not NL + 9 digits + B + 2 digits, or the check fails. */
  INVALID_VAT_NUMBER: 'userError',
  /** Not exactly 8 digits. */
  INVALID_KVK_NUMBER: 'userError',
  /** chartTemplateId is not an id at all (an unknown id is passed on to the ledger). */
  INVALID_CHART_TEMPLATE: 'userError',
  /** The administration does not exist (e.g. removed between the rule and the write). */
  ADMINISTRATION_NOT_FOUND: 'userError',
  /** An archived administration is read-only until it is unarchived. */
  ADMINISTRATION_ARCHIVED: 'userError',
  /** signUpBusiness: not an email address. */
  INVALID_EMAIL: 'userError',
  /** signUpBusiness: shorter than MIN_PASSWORD_LENGTH. */
  WEAK_PASSWORD: 'userError',
  /** signUpBusiness: a user with this email (case-insensitively) exists. */
  DUPLICATE_EMAIL: 'userError',
  /** signUpBusiness: an address in a reserved (operators') domain, taken or not. */
  EMAIL_NOT_ALLOWED: 'userError',
  /** signUpBusiness: too many refusals for taken or reserved emails from this address. */
  TOO_MANY_ATTEMPTS: 'userError',
} as const satisfies Record<string, ErrorReport>;
export type AdministrationMutationErrorCode = keyof typeof ADMINISTRATION_MUTATION_ERRORS;
