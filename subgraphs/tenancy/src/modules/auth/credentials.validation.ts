import {
  DomainError,
  isUniqueViolation,
  type ErrorReport,
  type EventBus,
  type OfficeRole,
  type UserKind,
} from '@kantoor/platform';
import type { EntityManager } from 'typeorm';
import { type UserEntity } from '../user/user.entity.js';
import { MIN_PASSWORD_LENGTH } from './password.service.js';
import { insertUserRow, userByIdOrFail } from './auth.sql.js';

/** Longest password accepted (argon2 copes with more; nobody types more). */
export const MAX_PASSWORD_LENGTH = 256;
/** RFC 5321: an address is at most 254 characters. */
const MAX_EMAIL_LENGTH = 254;
/** Deliberately loose: something@something.tld without spaces; the mailbox itself is not checked. */
const EMAIL_PATTERN = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** The codes every account-creating mutation (signUp, createUser) can return. */
export const CREDENTIAL_ERRORS = {
  EMPTY_NAME: 'userError',
  INVALID_EMAIL: 'userError',
  WEAK_PASSWORD: 'userError',
  DUPLICATE_EMAIL: 'userError',
  /** An address in a reserved (operators') domain: refused whether or not it exists. */
  EMAIL_NOT_ALLOWED: 'userError',
  /** Too many refusals for taken or reserved emails from this client address. */
  TOO_MANY_ATTEMPTS: 'userError',
} as const satisfies Record<string, ErrorReport>;
export type CredentialErrorCode = keyof typeof CREDENTIAL_ERRORS;

/** Emails are stored lower-cased and trimmed; uniqueness is case-insensitive anyway. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A trimmed, non-empty name; EMPTY_NAME (pointing at `field`) otherwise. */
export function requireName(name: string, field: string[], code = 'EMPTY_NAME'): string {
  const trimmed = name.trim();
  if (trimmed.length === 0) throw new DomainError(code, 'Enter a name.', field);
  return trimmed;
}

/** The normalized email; INVALID_EMAIL when it does not look like one. */
export function requireEmail(email: string, field: string[]): string {
  const normalized = normalizeEmail(email);
  if (normalized.length > MAX_EMAIL_LENGTH || !EMAIL_PATTERN.test(normalized)) {
    throw new DomainError<CredentialErrorCode>(
      'INVALID_EMAIL',
      'Enter a valid email address.',
      field,
    );
  }
  return normalized;
}

/** WEAK_PASSWORD unless MIN_PASSWORD_LENGTH..MAX_PASSWORD_LENGTH characters (code points). */
export function requirePassword(password: string, field: string[]): string {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH || length > MAX_PASSWORD_LENGTH) {
    throw new DomainError<CredentialErrorCode>(
      'WEAK_PASSWORD',
      `Choose a password of ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters.`,
      field,
    );
  }
  return password;
}

export interface NewUser {
  officeId: string | null;
  /** Already normalized (requireEmail). */
  email: string;
  name: string;
  kind: UserKind;
  officeRole: OfficeRole | null;
  passwordHash: string;
}

/**
 * Inserts a user in the caller's transaction and publishes "user.added" in it. A taken
 * email (case-insensitive unique index) becomes DUPLICATE_EMAIL, also when a concurrent
 * transaction took it first: the insert waits for that one and then fails with 23505.
 */
export async function insertUser(
  manager: EntityManager,
  events: EventBus,
  user: NewUser,
  emailField: string[],
): Promise<UserEntity> {
  let rows: { id: string }[];
  try {
    rows = (await insertUserRow(manager, [
      user.officeId,
      user.email,
      user.name,
      user.kind,
      user.officeRole,
      user.passwordHash,
    ])) as { id: string }[];
  } catch (error) {
    if (isUniqueViolation(error, 'users_email_key')) {
      throw new DomainError<CredentialErrorCode>(
        'DUPLICATE_EMAIL',
        'A user with this email address already exists.',
        emailField,
      );
    }
    throw error;
  }
  const entity = await userByIdOrFail(manager, rows[0]!.id);
  await events.publish(manager, 'user.added', {
    userId: entity.id,
    officeId: entity.officeId,
    kind: entity.kind,
    officeRole: entity.officeRole,
    active: entity.active,
  });
  return entity;
}
