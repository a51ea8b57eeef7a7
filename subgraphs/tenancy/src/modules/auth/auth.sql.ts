import { statement } from '@kantoor/platform';
import type { EntityManager } from 'typeorm';
import { OfficeEntity, UserEntity } from '../user/user.entity.js';

/** Logins, sessions, refresh and API tokens, throttling, and the users and offices they create. */

export async function officeById(m: EntityManager, id: string): Promise<OfficeEntity | null> {
  return m.getRepository(OfficeEntity).findOneBy({ id });
}

export async function officeByIdOrFail(m: EntityManager, id: string): Promise<OfficeEntity> {
  return m.getRepository(OfficeEntity).findOneByOrFail({ id });
}

export async function userByIdOrFail(m: EntityManager, id: string): Promise<UserEntity> {
  return m.getRepository(UserEntity).findOneByOrFail({ id });
}

/** The user with this e-mail address, whatever its case. */
export async function userWithEmailIgnoringCase(
  m: EntityManager,
  email: string,
): Promise<UserEntity | null> {
  return m
    .getRepository(UserEntity)
    .createQueryBuilder('u')
    .where('lower(u.email) = lower(:email)', { email })
    .getOne();
}

export const revokeAllSessions = statement(
  `UPDATE tenancy.sessions SET revoked_at = now(), revoked_reason = 'logout (all sessions)'
    WHERE user_id = $1 AND revoked_at IS NULL RETURNING id`,
);

export const revokeSession = statement(
  `UPDATE tenancy.sessions SET revoked_at = now(), revoked_reason = 'logout'
    WHERE user_id = $1 AND id = $2 AND revoked_at IS NULL RETURNING id`,
);

export const lockProbeAddress = statement(
  `SELECT pg_advisory_xact_lock(hashtext('account-probe:' || $1))`,
);

export const deleteOldProbes = statement(
  `DELETE FROM tenancy.account_probes
  WHERE client_address = $1 AND attempted_at <= now() - make_interval(mins => $2)`,
);

export const countRecentProbes = statement(
  `SELECT count(*)::int AS n, extract(epoch FROM now() - max(attempted_at)) AS since
  FROM tenancy.account_probes WHERE client_address = $1`,
);

export const insertProbe = statement(
  `INSERT INTO tenancy.account_probes (client_address) VALUES ($1) RETURNING id`,
);

export const deleteProbe = statement(`DELETE FROM tenancy.account_probes WHERE id = $1`);

export const insertSession = statement(
  `INSERT INTO tenancy.sessions (user_id, expires_at)
  VALUES ($1, now() + make_interval(days => $2)) RETURNING id`,
);

export const insertRefreshToken = statement(
  `INSERT INTO tenancy.refresh_tokens (token_hash, session_id) VALUES ($1, $2)`,
);

export const countApiTokens = statement(
  `SELECT count(*)::int AS n FROM tenancy.api_tokens WHERE user_id = $1`,
);

export const insertUserRow = statement(
  `INSERT INTO tenancy.users (office_id, email, name, kind, office_role, password_hash)
  VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
);

export const insertOffice = statement(
  `INSERT INTO tenancy.offices (name, trial_ends_at)
  VALUES ($1, now() + make_interval(days => $2)) RETURNING id`,
);

export const lockLoginAddress = statement(
  `SELECT pg_advisory_xact_lock(hashtext('login-address:' || $1))`,
);

export const lockLoginEmail = statement(
  `SELECT pg_advisory_xact_lock(hashtext('login:' || lower($1)))`,
);

export const deleteOldFailedLogins = statement(
  `DELETE FROM tenancy.failed_logins
  WHERE email = $1 AND attempted_at <= now() - make_interval(mins => $2)`,
);

export const countFailedLogins = statement(
  `SELECT count(*) FILTER (WHERE email = $1)::int AS for_email,
        count(*)::int AS for_address,
        extract(epoch FROM now() - max(attempted_at) FILTER (WHERE email = $1))
          AS since_email,
        extract(epoch FROM now() - max(attempted_at)) AS since_address
   FROM tenancy.failed_logins
  WHERE client_address = $2 AND attempted_at > now() - make_interval(mins => $3)`,
);

export const insertFailedLogin = statement(
  `INSERT INTO tenancy.failed_logins (email, client_address) VALUES ($1, $2)`,
);

/** A refresh token FOR UPDATE with its session's state. */
export const lockRefreshToken = statement(
  `SELECT rt.session_id, rt.used_at, s.user_id, s.revoked_at, s.expires_at > now() AS live
   FROM tenancy.refresh_tokens rt
   JOIN tenancy.sessions s ON s.id = rt.session_id
  WHERE rt.token_hash = $1
    FOR UPDATE OF rt`,
);

export const revokeSessionForReuse = statement(
  `UPDATE tenancy.sessions SET revoked_at = now(), revoked_reason = 'refresh token reuse'
  WHERE id = $1 AND revoked_at IS NULL`,
);

/** A row when the user may still log in (tenancy.principals). */
export const isPrincipal = statement(`SELECT 1 FROM tenancy.principals WHERE user_id = $1`);

export const markRefreshTokenUsed = statement(
  `UPDATE tenancy.refresh_tokens SET used_at = now() WHERE token_hash = $1`,
);

const API_TOKEN_COLUMNS =
  'id, name, permissions, created_at, expires_at, revoked_at, last_used_at, format';

export const insertApiToken = statement(
  `INSERT INTO tenancy.api_tokens (user_id, name, token_hash, permissions, expires_at, format)
   VALUES ($1, $2, $3, $4, $5, 'OPAQUE') RETURNING ${API_TOKEN_COLUMNS}`,
);

/** A user's API tokens, newest first. */
export const apiTokensOfUser = statement(
  `SELECT ${API_TOKEN_COLUMNS} FROM tenancy.api_tokens
    WHERE user_id = $1 ORDER BY created_at DESC, id DESC`,
);

/** The first $2 of a user's API tokens, newest first. */
export const apiTokensFirst = statement(
  `SELECT ${API_TOKEN_COLUMNS} FROM tenancy.api_tokens
    WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
);

/** The next $2 of a user's API tokens after token $3 (keyset on created_at, id). */
export const apiTokensAfter = statement(
  `SELECT ${API_TOKEN_COLUMNS} FROM tenancy.api_tokens
    WHERE user_id = $1 AND (created_at, id) < (SELECT c.created_at, c.id FROM tenancy.api_tokens c
               WHERE c.id = $3 AND c.user_id = $1)
    ORDER BY created_at DESC, id DESC LIMIT $2`,
);

/** Revokes a user's API token (idempotent); RETURNING the token. */
export const revokeApiTokenRow = statement(
  `UPDATE tenancy.api_tokens SET revoked_at = coalesce(revoked_at, now())
    WHERE id = $1 AND user_id = $2 RETURNING ${API_TOKEN_COLUMNS}`,
);
