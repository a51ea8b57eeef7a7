import { createHash, randomBytes } from 'node:crypto';
import { signAccessToken, ACCESS_TOKEN_TTL_SECONDS } from '@kantoor/platform';
import type { EntityManager } from 'typeorm';
import { insertRefreshToken, insertSession } from './auth.sql.js';

/** How long a login session (its refresh-token family) lives without activity limits. */
export const SESSION_TTL_DAYS = 30;

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** An opaque random token, e.g. a refresh token or an invitation code. */
export function randomToken(prefix: string, bytes = 32): string {
  return `${prefix}_${randomBytes(bytes).toString('base64url')}`;
}

export interface IssuedSession {
  sessionId: string;
  /** Short-lived access JWT (15 minutes) naming the user and the session, never an administration. */
  token: string;
  /** Single-use refresh token; only its hash is stored. */
  refreshToken: string;
  accessTokenExpiresInSeconds: number;
}

/** Opens a login session for `userId` in the caller's transaction. */
export async function issueSession(
  manager: EntityManager,
  userId: string,
  jwtSecret: string,
): Promise<IssuedSession> {
  const [session] = (await insertSession(manager, [userId, SESSION_TTL_DAYS])) as { id: string }[];
  const refreshToken = await issueRefreshToken(manager, session!.id);
  const token = await signAccessToken({ sub: userId, sid: session!.id }, jwtSecret);
  return {
    sessionId: session!.id,
    token,
    refreshToken,
    accessTokenExpiresInSeconds: ACCESS_TOKEN_TTL_SECONDS,
  };
}

/** A new refresh token in an existing session (family). */
export async function issueRefreshToken(
  manager: EntityManager,
  sessionId: string,
): Promise<string> {
  const refreshToken = randomToken('krt');
  await insertRefreshToken(manager, [sha256(refreshToken), sessionId]);
  return refreshToken;
}
