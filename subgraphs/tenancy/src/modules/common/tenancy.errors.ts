import { userErrorCodesOf, type UserErrorCodeOf, type UserErrorCodes } from '@kantoor/platform';
import { ACCESS_ERRORS } from '../access/access.errors.js';
import { ADMINISTRATION_MUTATION_ERRORS } from '../administration/administration-mutation.errors.js';
import { AUTH_ERRORS } from '../auth/auth.errors.js';
import { LINK_ERRORS } from '../link/link.errors.js';
import { FAILED_EVENT_ERRORS } from '../ops/failed-events.errors.js';
import { OPS_ERRORS } from '../ops/ops.errors.js';
import { USER_MUTATION_ERRORS } from '../user/user-mutation.errors.js';
import { WEBHOOK_ERRORS } from '../webhook/webhook.errors.js';

const TENANCY_ERROR_MAPS = [
  ACCESS_ERRORS,
  ADMINISTRATION_MUTATION_ERRORS,
  AUTH_ERRORS,
  LINK_ERRORS,
  FAILED_EVENT_ERRORS,
  OPS_ERRORS,
  USER_MUTATION_ERRORS,
  WEBHOOK_ERRORS,
];

/** What each userError code of tenancy means (the UserErrorCode enum's descriptions). */
const TENANCY_ERROR_DESCRIPTIONS = {
  ADMINISTRATION_NOT_FOUND:
    'No such administration, or one of another office (no difference visible).',
  USER_NOT_FOUND: 'No such user in the office.',
  USER_IS_ADMIN: 'Office ADMINs hold every permission already; their access cannot be set.',
  CLIENT_MODULE_NOT_ALLOWED:
    "A client may only get permissions of the administration's clientModules.",
  EMPTY_NAME: 'The name is empty.',
  EMPTY_BUSINESS_NAME: 'The business name is empty.',
  EMPTY_OFFICE_NAME: 'The office name is empty.',
  KIND_NOT_ALLOWED: 'This kind (of administration, user or token) may not be created here.',
  MODULES_REQUIRED: 'An EXTERNAL administration needs at least one module.',
  CLIENT_MODULES_NOT_ALLOWED: 'clientModules are for INTERNAL_WITH_CLIENT_LOGIN only.',
  CLIENT_MODULES_REQUIRED: 'INTERNAL_WITH_CLIENT_LOGIN needs at least one client module.',
  CLIENT_MODULE_NOT_IN_MODULES: "A client module must be one of the administration's modules.",
  INVALID_VAT_NUMBER: 'Not a Dutch VAT number (btw-nummer: NL + 9 digits + B + 2 digits).',
  INVALID_KVK_NUMBER: 'Not a KvK number (8 digits).',
  INVALID_CHART_TEMPLATE: 'chartTemplateId is not a valid id.',
  ADMINISTRATION_ARCHIVED: 'The administration is archived and read-only.',
  INVALID_EMAIL: 'Not an email address.',
  WEAK_PASSWORD: 'The password is too short.',
  DUPLICATE_EMAIL: 'A user with this email exists.',
  EMAIL_NOT_ALLOWED: "An address in a reserved (operators') domain.",
  TOO_MANY_ATTEMPTS: 'Too many refused attempts from this client: wait and try again.',
  INVALID_CREDENTIALS: 'Unknown email or wrong password.',
  OFFICE_SUSPENDED: 'The office is suspended; its users cannot log in.',
  INVALID_REFRESH_TOKEN: 'Unknown, expired or revoked refresh token.',
  REFRESH_TOKEN_REUSED: 'A refresh token was used twice; the session is ended.',
  NOT_A_SESSION: 'Needs a login session, not an API token.',
  EXPIRY_IN_PAST: 'The expiry lies in the past.',
  EXPIRY_TOO_FAR: 'The expiry lies too far ahead.',
  NO_PERMISSIONS: 'An API token needs at least one permission.',
  API_TOKEN_NOT_FOUND: 'No such API token of yours.',
  INVALID_INVITATION: 'Unknown, used or expired invitation code.',
  ALREADY_LINKED: 'The administration is linked to an office already.',
  NOT_LINKED: 'Not a linked own-subscription administration.',
  FAILED_EVENT_NOT_FOUND: 'No such failed event delivery.',
  FAILED_EVENT_NOT_DEAD_LETTERED: 'The event delivery has not failed for good (not dead-lettered).',
  OFFICE_NOT_FOUND: 'No such office.',
  OFFICE_ROLE_REQUIRED: 'Staff need an office role (ADMIN or MEMBER).',
  OFFICE_ROLE_NOT_ALLOWED: 'Only staff have an office role.',
  LAST_ADMIN: 'The office would be left without an active ADMIN.',
  CANNOT_DEACTIVATE_SELF: 'You cannot deactivate yourself.',
  INVALID_URL:
    'Not an acceptable webhook URL: https:// to a public host (no private or loopback addresses).',
  NO_EVENT_TYPES: 'A webhook needs at least one event type.',
  DESCRIPTION_TOO_LONG: 'The description is too long.',
  TOO_MANY_WEBHOOKS: 'The office has the most webhooks it may have.',
  WEBHOOK_NOT_FOUND: "No such webhook of the viewer's office.",
} as const satisfies Record<UserErrorCodeOf<(typeof TENANCY_ERROR_MAPS)[number]>, string>;

/** Tenancy's userError codes, for the UserErrorCode enum. */
export const TENANCY_USER_ERROR_CODES: UserErrorCodes = userErrorCodesOf(
  TENANCY_ERROR_MAPS,
  TENANCY_ERROR_DESCRIPTIONS,
);
