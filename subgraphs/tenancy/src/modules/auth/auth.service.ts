import {
  failWith,
  signAccessToken,
  type Fail,
  type SubgraphRuntime,
  type UserViewer,
} from '@kantoor/platform';
import type { EntityManager } from 'typeorm';
import { type OfficeEntity, type UserEntity } from '../user/user.entity.js';
import type { AuthErrorCode } from './auth.errors.js';
import {
  insertUser,
  normalizeEmail,
  requireEmail,
  requireName,
  requirePassword,
} from './credentials.validation.js';
import {
  assertEmailAllowed,
  reservedEmailDomains,
  throttleAccountCreation,
} from './account-throttle.service.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password.service.js';
import { issueRefreshToken, issueSession, sha256, type IssuedSession } from './session.service.js';
import {
  countFailedLogins,
  deleteOldFailedLogins,
  insertFailedLogin,
  insertOffice,
  isPrincipal,
  lockLoginAddress,
  lockLoginEmail,
  lockRefreshToken,
  markRefreshTokenUsed,
  officeById,
  officeByIdOrFail,
  revokeAllSessions,
  revokeSession,
  revokeSessionForReuse,
  userWithEmailIgnoringCase,
} from './auth.sql.js';

/** A new office's free trial. */
export const TRIAL_DAYS = 30;
/** Failed logins per email within the window after which every attempt is refused. */
/** Failures per (email, client address) within the window before the back-off starts. */
export const FREE_FAILURES_PER_EMAIL = 5;
/** Failures per client address over all emails within the window before the back-off starts. */
export const FREE_FAILURES_PER_ADDRESS = 30;

/** The first wait once the free failures are used up; it doubles with each further failure. */
export const FIRST_BACKOFF_SECONDS = 30;

/**
 * Seconds still to wait after `failures` failures, the last `sinceSeconds` ago: nothing up
 * to `free`, then 30 s x 2^(failures - free) after the last failure, at most the window.
 */
export function throttleWait(failures: number, free: number, sinceSeconds: string | null): number {
  if (failures < free || sinceSeconds === null) return 0;
  const backoff = Math.min(
    FIRST_BACKOFF_SECONDS * 2 ** (failures - free),
    FAILED_LOGIN_WINDOW_MINUTES * 60,
  );
  return Math.max(0, Math.ceil(backoff - Number(sinceSeconds)));
}
export const FAILED_LOGIN_WINDOW_MINUTES = 15;

export interface SignUpData {
  officeName: string;
  name: string;
  email: string;
  password: string;
}

export interface SignedUp {
  office: OfficeEntity;
  user: UserEntity;
  session: IssuedSession;
}

export interface LoggedIn {
  user: UserEntity;
  session: IssuedSession;
}

export interface RefreshedTokens {
  token: string;
  refreshToken: string;
}

const fail: Fail<AuthErrorCode> = failWith;

const INVALID_CREDENTIALS = 'Wrong email address or password.';
const INVALID_REFRESH_TOKEN = 'This refresh token is not valid; log in again.';

/**
 * Sign-up, login, token refresh and logout (API tokens: api-token.service.ts). Validation and writes of each
 * operation run in one transaction; a DomainError rolls it back. Where a refusal must
 * itself be recorded (a failed login, a reused refresh token), the transaction commits
 * the record and the refusal is raised after it.
 */
export class AuthService {
  constructor(private readonly runtime: SubgraphRuntime) {}

  private get secret(): string {
    return this.runtime.config.KANTOOR_JWT_SECRET;
  }

  /**
   * A new office in its free trial with the caller as its STAFF ADMIN, and a login session.
   * Publishes "office.created" and "user.added". Throttled per client address and refused
   * for reserved domains (account-throttle.service.ts).
   */
  async signUp(input: SignUpData, clientAddress: string | null = null): Promise<SignedUp> {
    return throttleAccountCreation(this.runtime.dataSource, clientAddress, () =>
      this.signUpNow(input),
    );
  }

  private async signUpNow(input: SignUpData): Promise<SignedUp> {
    const officeName = requireName(input.officeName, ['input', 'officeName'], 'EMPTY_OFFICE_NAME');
    const name = requireName(input.name, ['input', 'name']);
    const email = requireEmail(input.email, ['input', 'email']);
    assertEmailAllowed(email, reservedEmailDomains(this.runtime.config), ['input', 'email']);
    const password = requirePassword(input.password, ['input', 'password']);
    // Hashing is slow on purpose; do it before the transaction opens.
    const passwordHash = await hashPassword(password);
    return this.runtime.dataSource.transaction(async (manager) => {
      const [row] = (await insertOffice(manager, [officeName, TRIAL_DAYS])) as { id: string }[];
      const office = await officeByIdOrFail(manager, row!.id);
      await this.runtime.events.publish(manager, 'office.created', {
        officeId: office.id,
        name: office.name,
        trialEndsAt: office.trialEndsAt?.toISOString() ?? null,
      });
      const user = await insertUser(
        manager,
        this.runtime.events,
        {
          officeId: office.id,
          email,
          name,
          kind: 'STAFF',
          officeRole: 'ADMIN',
          passwordHash,
        },
        ['input', 'email'],
      );
      const session = await issueSession(manager, user.id, this.secret);
      return { office, user, session };
    });
  }

  /**
   * Checks the password (argon2id; an unknown email is checked against a dummy hash so it
   * takes as long) and opens a login session.
   *
   * Throttling (issue 15) never locks an account: it slows the client that fails.
   * - Per (email, client address): FREE_FAILURES_PER_EMAIL failures within the window pass;
   *   after that each further attempt from that address must wait 30 s x 2^(n - free)
   *   since the last failure (capped at the window), so a guesser slows down exponentially
   *   while the right password from another client still works at once.
   * - Per client address over all emails (password spraying): FREE_FAILURES_PER_ADDRESS
   *   failures pass, then the same exponential wait.
   * Attempts for one (email, address) and one address are serialized by advisory locks, so
   * parallel requests or aliased mutations cannot outrun the count. A refused attempt is
   * not counted as a failure and never reaches the password check.
   */
  async login(
    emailInput: string,
    password: string,
    clientAddress: string | null = null,
  ): Promise<LoggedIn> {
    const email = normalizeEmail(emailInput);
    const address = clientAddress ?? '';
    type Outcome =
      | { kind: 'throttled'; waitSeconds: number }
      | { kind: 'invalid' }
      | { kind: 'suspended' }
      | { kind: 'ok'; user: UserEntity; session: IssuedSession };
    const outcome = await this.runtime.dataSource.transaction(async (manager): Promise<Outcome> => {
      await lockLoginAddress(manager, [address]);
      await lockLoginEmail(manager, [email]);
      await deleteOldFailedLogins(manager, [email, FAILED_LOGIN_WINDOW_MINUTES]);
      const [counts] = (await countFailedLogins(manager, [
        email,
        address,
        FAILED_LOGIN_WINDOW_MINUTES,
      ])) as {
        for_email: number;
        for_address: number;
        since_email: string | null;
        since_address: string | null;
      }[];
      const wait = Math.max(
        throttleWait(counts!.for_email, FREE_FAILURES_PER_EMAIL, counts!.since_email),
        throttleWait(counts!.for_address, FREE_FAILURES_PER_ADDRESS, counts!.since_address),
      );
      if (wait > 0) return { kind: 'throttled', waitSeconds: wait };

      const user = await userWithEmailIgnoringCase(manager, email);
      const verified = await verifyPassword(
        user?.passwordHash ?? (await dummyPasswordHash()),
        password,
      );
      if (!user || !verified || !user.active) {
        await insertFailedLogin(manager, [email, address]);
        return { kind: 'invalid' };
      }
      if (user.officeId && (await this.officeSuspended(manager, user.officeId))) {
        return { kind: 'suspended' };
      }
      const session = await issueSession(manager, user.id, this.secret);
      return { kind: 'ok', user, session };
    });
    switch (outcome.kind) {
      case 'throttled':
        return fail(
          'TOO_MANY_ATTEMPTS',
          `Too many failed logins from here; try again in ${outcome.waitSeconds} seconds.`,
        );
      case 'invalid':
        return fail('INVALID_CREDENTIALS', INVALID_CREDENTIALS);
      case 'suspended':
        return fail('OFFICE_SUSPENDED', 'Your office is suspended; contact Kantoor support.');
      case 'ok':
        return { user: outcome.user, session: outcome.session };
    }
  }

  private async officeSuspended(manager: EntityManager, officeId: string): Promise<boolean> {
    const office = await officeById(manager, officeId);
    return office?.suspendedAt != null;
  }

  /**
   * Refresh-token rotation: the presented token is used up and a new access token and
   * refresh token of the same session are returned. A token presented a second time
   * means it leaked (or the client raced itself): the whole session is revoked, so every
   * access and refresh token of it stops working. The token row is locked, so of two
   * parallel refreshes exactly one succeeds; the other counts as the reuse.
   */
  async refresh(refreshToken: string): Promise<RefreshedTokens> {
    type Outcome = { kind: 'invalid' } | { kind: 'reused' } | ({ kind: 'ok' } & RefreshedTokens);
    const outcome = await this.runtime.dataSource.transaction(async (manager): Promise<Outcome> => {
      const [row] = (await lockRefreshToken(manager, [sha256(refreshToken)])) as {
        session_id: string;
        used_at: Date | null;
        user_id: string;
        revoked_at: Date | null;
        live: boolean;
      }[];
      if (!row || row.revoked_at !== null || !row.live) return { kind: 'invalid' };
      if (row.used_at !== null) {
        await revokeSessionForReuse(manager, [row.session_id]);
        return { kind: 'reused' };
      }
      // A deactivated user or a suspended office gets no new tokens (principals view).
      const principal = (await isPrincipal(manager, [row.user_id])) as unknown[];
      if (principal.length === 0) return { kind: 'invalid' };
      await markRefreshTokenUsed(manager, [sha256(refreshToken)]);
      return {
        kind: 'ok',
        refreshToken: await issueRefreshToken(manager, row.session_id),
        token: await signAccessToken({ sub: row.user_id, sid: row.session_id }, this.secret),
      };
    });
    if (outcome.kind === 'invalid') return fail('INVALID_REFRESH_TOKEN', INVALID_REFRESH_TOKEN);
    if (outcome.kind === 'reused') {
      return fail(
        'REFRESH_TOKEN_REUSED',
        'This refresh token was already used; the session has been ended. Log in again.',
      );
    }
    return { token: outcome.token, refreshToken: outcome.refreshToken };
  }

  /** Ends the viewer's login session, or all of the user's sessions; returns how many. */
  async logout(viewer: UserViewer, allSessions: boolean): Promise<number> {
    if (!viewer.sessionId) {
      return fail('NOT_A_SESSION', 'An API token cannot log out; revoke it instead.');
    }
    const [rows] = (await (allSessions
      ? revokeAllSessions(this.runtime.dataSource.manager, [viewer.userId])
      : revokeSession(this.runtime.dataSource.manager, [viewer.userId, viewer.sessionId]))) as [
      unknown[],
      number,
    ]; // TypeORM returns [rows, count] for UPDATE
    return rows.length;
  }
}
