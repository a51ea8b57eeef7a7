import type { ErrorReport } from '@kantoor/platform';

/** Every error code the link module can raise, and how it reaches the caller. */
export const LINK_ERRORS = {
  /** createLinkInvitation: not an email address. */
  INVALID_EMAIL: 'userError',
  /** acceptLinkInvitation: unknown, already used or expired code. */
  INVALID_INVITATION: 'userError',
  /** acceptLinkInvitation: the administration is linked to an office already. */
  ALREADY_LINKED: 'userError',
  /** unlinkAdministration: not a linked own-subscription administration. */
  NOT_LINKED: 'userError',
  /**
   * acceptLinkInvitation by anyone but the administration's owner (also for an unknown
   * administration, so that existence does not show): a FORBIDDEN GraphQL error.
   */
  NOT_OWNER: 'FORBIDDEN',
  /**
   * unlinkAdministration by anyone but the owner or an ADMIN of the linked office (e.g. a
   * MEMBER with a grant there): a FORBIDDEN GraphQL error.
   */
  NOT_ALLOWED: 'FORBIDDEN',
} as const satisfies Record<string, ErrorReport>;
export type LinkErrorCode = keyof typeof LINK_ERRORS;
