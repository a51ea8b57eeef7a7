import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Opaque API tokens (issue 16, docs/decisions/0017-opaque-api-tokens.md): `kat_...` tokens
 * are looked up by their SHA-256; `last_used_at` is kept to the minute.
 *
 * `tenancy.use_api_token(hash)` is part of tenancy's published contract, next to the
 * `principals` view: every subgraph resolves a bearer API token with this one call, which
 * returns the token's principal and permissions (active token, active user, office not
 * suspended) and notes its use. The write stays tenancy's: no other subgraph touches the
 * table, and the update is skipped while the last use is under a minute old, so a busy
 * integration costs one index lookup per request and one row update per minute.
 */
export class OpaqueApiTokens1764400000000 implements MigrationInterface {
  name = 'OpaqueApiTokens1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tenancy.api_tokens
      ADD COLUMN last_used_at timestamptz,
      ADD COLUMN format text NOT NULL DEFAULT 'JWT' CHECK (format IN ('JWT', 'OPAQUE'))`);
    await q.query(`ALTER TABLE tenancy.api_tokens ALTER COLUMN format SET DEFAULT 'OPAQUE'`);
    await q.query(`CREATE OR REPLACE VIEW tenancy.active_api_tokens AS
      SELECT id, user_id, permissions, token_hash FROM tenancy.api_tokens
       WHERE revoked_at IS NULL AND expires_at > now()`);
    await q.query(`CREATE FUNCTION tenancy.use_api_token(p_token_hash text)
      RETURNS TABLE (token_id uuid, user_id uuid, kind text, office_id uuid, office_role text,
                     permissions text[])
      LANGUAGE plpgsql VOLATILE AS $fn$
      BEGIN
        RETURN QUERY
          SELECT t.id, p.user_id, p.kind, p.office_id, p.office_role, t.permissions
            FROM tenancy.active_api_tokens t
            JOIN tenancy.principals p ON p.user_id = t.user_id
           WHERE t.token_hash = p_token_hash;
        IF FOUND THEN
          UPDATE tenancy.api_tokens SET last_used_at = now()
           WHERE token_hash = p_token_hash
             AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute');
        END IF;
      END
      $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION tenancy.use_api_token(text)`);
    await q.query(`DROP VIEW tenancy.active_api_tokens`);
    await q.query(`CREATE VIEW tenancy.active_api_tokens AS
      SELECT id, user_id, permissions FROM tenancy.api_tokens
       WHERE revoked_at IS NULL AND expires_at > now()`);
    await q.query(`ALTER TABLE tenancy.api_tokens DROP COLUMN format, DROP COLUMN last_used_at`);
  }
}
