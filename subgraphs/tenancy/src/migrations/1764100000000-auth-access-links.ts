import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions (refresh-token families), refresh tokens, API tokens, failed-login counters,
 * link invitations, the grant audit log, and the two further published views the
 * subgraphs check a token against (`active_sessions`, `active_api_tokens`).
 */
export class AuthAccessLinks1764100000000 implements MigrationInterface {
  name = 'AuthAccessLinks1764100000000';

  async up(q: QueryRunner): Promise<void> {
    // A login session: one refresh-token family. Access tokens name it (claim `sid`).
    await q.query(`CREATE TABLE tenancy.sessions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES tenancy.users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      revoked_reason text
    )`);
    await q.query(`CREATE INDEX sessions_user_idx ON tenancy.sessions (user_id)`);
    // Refresh tokens: only a SHA-256 hash is stored; each is used once (rotation).
    await q.query(`CREATE TABLE tenancy.refresh_tokens (
      token_hash text PRIMARY KEY,
      session_id uuid NOT NULL REFERENCES tenancy.sessions(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      used_at timestamptz
    )`);
    await q.query(`CREATE INDEX refresh_tokens_session_idx ON tenancy.refresh_tokens (session_id)`);
    // Long-lived API tokens for integrating tools: an explicit subset of permissions.
    await q.query(`CREATE TABLE tenancy.api_tokens (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES tenancy.users(id),
      name text NOT NULL CHECK (length(trim(name)) > 0),
      token_hash text NOT NULL UNIQUE,
      permissions text[] NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz
    )`);
    await q.query(`CREATE INDEX api_tokens_user_idx ON tenancy.api_tokens (user_id)`);
    // Failed logins per (lower-cased) email, for rate limiting.
    await q.query(`CREATE TABLE tenancy.failed_logins (
      id bigserial PRIMARY KEY,
      email text NOT NULL,
      attempted_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(
      `CREATE INDEX failed_logins_email_idx ON tenancy.failed_logins (email, attempted_at)`,
    );
    // Single-use invitations to link an own-subscription administration to an office.
    await q.query(`CREATE TABLE tenancy.link_invitations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      office_id uuid NOT NULL REFERENCES tenancy.offices(id),
      code_hash text NOT NULL UNIQUE,
      email text NOT NULL,
      created_by uuid NOT NULL REFERENCES tenancy.users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      accepted_at timestamptz,
      administration_id uuid REFERENCES tenancy.administrations(id)
    )`);
    // Who changed whose access where, and how.
    await q.query(`CREATE TABLE tenancy.access_audit (
      id bigserial PRIMARY KEY,
      office_id uuid REFERENCES tenancy.offices(id),
      administration_id uuid NOT NULL REFERENCES tenancy.administrations(id),
      user_id uuid NOT NULL REFERENCES tenancy.users(id),
      changed_by uuid REFERENCES tenancy.users(id),
      action text NOT NULL,
      permissions_before text[] NOT NULL,
      permissions_after text[] NOT NULL,
      changed_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(
      `CREATE INDEX access_audit_office_idx ON tenancy.access_audit (office_id, changed_at DESC, id DESC)`,
    );
    // The dashboard lists by name; case-insensitive ordering needs its own index.
    await q.query(
      `CREATE INDEX administrations_office_lower_name_idx ON tenancy.administrations (office_id, lower(name), id)`,
    );
    await q.query(
      `CREATE INDEX administrations_owner_idx ON tenancy.administrations (owner_user_id)`,
    );

    // Published read contract: sessions and API tokens a token may still name.
    await q.query(`CREATE VIEW tenancy.active_sessions AS
      SELECT id, user_id FROM tenancy.sessions WHERE revoked_at IS NULL AND expires_at > now()`);
    await q.query(`CREATE VIEW tenancy.active_api_tokens AS
      SELECT id, user_id, permissions FROM tenancy.api_tokens
       WHERE revoked_at IS NULL AND expires_at > now()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW tenancy.active_api_tokens`);
    await q.query(`DROP VIEW tenancy.active_sessions`);
    await q.query(`DROP INDEX tenancy.administrations_owner_idx`);
    await q.query(`DROP INDEX tenancy.administrations_office_lower_name_idx`);
    await q.query(`DROP TABLE tenancy.access_audit`);
    await q.query(`DROP TABLE tenancy.link_invitations`);
    await q.query(`DROP TABLE tenancy.failed_logins`);
    await q.query(`DROP TABLE tenancy.api_tokens`);
    await q.query(`DROP TABLE tenancy.refresh_tokens`);
    await q.query(`DROP TABLE tenancy.sessions`);
  }
}
