import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Offices, users, administrations, grants, and the two views every subgraph reads
 * for authorization: `principals` (who may still use a token) and
 * `effective_permissions` (what each user may do in each administration).
 */
export class Initial1764000000000 implements MigrationInterface {
  name = 'Initial1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE tenancy.offices (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL CHECK (length(trim(name)) > 0),
      trial_ends_at timestamptz,
      suspended_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE tenancy.users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      office_id uuid REFERENCES tenancy.offices(id),
      email text NOT NULL,
      name text NOT NULL CHECK (length(trim(name)) > 0),
      kind text NOT NULL CHECK (kind IN ('STAFF', 'CLIENT', 'OPS')),
      office_role text CHECK (office_role IN ('ADMIN', 'MEMBER')),
      password_hash text NOT NULL,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((kind = 'STAFF') = (office_role IS NOT NULL)),
      CHECK (kind <> 'OPS' OR office_id IS NULL)
    )`);
    await q.query(`CREATE UNIQUE INDEX users_email_key ON tenancy.users (lower(email))`);
    await q.query(`CREATE INDEX users_office_idx ON tenancy.users (office_id, name, id)`);
    await q.query(`CREATE TABLE tenancy.administrations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      office_id uuid REFERENCES tenancy.offices(id),
      owner_user_id uuid REFERENCES tenancy.users(id),
      name text NOT NULL CHECK (length(trim(name)) > 0),
      kind text NOT NULL CHECK (kind IN ('INTERNAL', 'INTERNAL_WITH_CLIENT_LOGIN', 'EXTERNAL')),
      modules text[] NOT NULL DEFAULT '{LEDGER}',
      client_modules text[] NOT NULL DEFAULT '{}',
      vat_filing_period text NOT NULL DEFAULT 'QUARTER'
        CHECK (vat_filing_period IN ('MONTH', 'QUARTER', 'YEAR')),
      vat_number text,
      kvk_number text,
      archived_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (office_id IS NOT NULL OR owner_user_id IS NOT NULL)
    )`);
    await q.query(
      `CREATE INDEX administrations_office_name_idx ON tenancy.administrations (office_id, name, id)`,
    );
    await q.query(`CREATE TABLE tenancy.grants (
      user_id uuid NOT NULL REFERENCES tenancy.users(id),
      administration_id uuid NOT NULL REFERENCES tenancy.administrations(id),
      permissions text[] NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, administration_id)
    )`);
    await q.query(`CREATE INDEX grants_administration_idx ON tenancy.grants (administration_id)`);

    // Published read contract: a user who may use a token right now.
    await q.query(`CREATE VIEW tenancy.principals AS
      SELECT u.id AS user_id, u.kind, u.office_id, u.office_role
        FROM tenancy.users u
        LEFT JOIN tenancy.offices o ON o.id = u.office_id
       WHERE u.active AND (u.office_id IS NULL OR o.suspended_at IS NULL)`);

    // Published read contract: what each user may do in each administration.
    // - office ADMINs: every permission on every administration of their office;
    // - the owner of an own-subscription administration: every permission there;
    // - granted STAFF of the administration's office: their grant;
    // - CLIENTs: their grant, cut to the administration's client modules
    //   (LEDGER -> LEDGER_* and VAT_*, INVOICING -> INVOICING_*), never ADMINISTRATION_MANAGE.
    // OPS users appear nowhere: they never gain rights on anybody's books.
    await q.query(`CREATE VIEW tenancy.effective_permissions AS
      SELECT u.id AS user_id, a.id AS administration_id, p.permission
        FROM tenancy.users u
        JOIN tenancy.administrations a ON a.office_id = u.office_id
        CROSS JOIN unnest(ARRAY['LEDGER_READ', 'LEDGER_WRITE', 'INVOICING_READ', 'INVOICING_WRITE',
                                'VAT_READ', 'VAT_SUBMIT', 'ADMINISTRATION_MANAGE']) AS p(permission)
       WHERE u.kind = 'STAFF' AND u.office_role = 'ADMIN' AND u.active
      UNION
      SELECT u.id, a.id, p.permission
        FROM tenancy.users u
        JOIN tenancy.administrations a ON a.owner_user_id = u.id
        CROSS JOIN unnest(ARRAY['LEDGER_READ', 'LEDGER_WRITE', 'INVOICING_READ', 'INVOICING_WRITE',
                                'VAT_READ', 'VAT_SUBMIT', 'ADMINISTRATION_MANAGE']) AS p(permission)
       WHERE u.active
      UNION
      SELECT g.user_id, g.administration_id, p.permission
        FROM tenancy.grants g
        JOIN tenancy.users u ON u.id = g.user_id
        JOIN tenancy.administrations a ON a.id = g.administration_id
        CROSS JOIN unnest(g.permissions) AS p(permission)
       WHERE u.active
         AND (
           (u.kind = 'STAFF' AND u.office_id = a.office_id)
           OR (u.kind = 'CLIENT'
               AND p.permission <> 'ADMINISTRATION_MANAGE'
               AND (a.owner_user_id = u.id
                    OR (a.kind = 'INTERNAL_WITH_CLIENT_LOGIN'
                        AND ((p.permission LIKE 'INVOICING\\_%' AND 'INVOICING' = ANY (a.client_modules))
                          OR ((p.permission LIKE 'LEDGER\\_%' OR p.permission LIKE 'VAT\\_%')
                              AND 'LEDGER' = ANY (a.client_modules))))))
         )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW tenancy.effective_permissions`);
    await q.query(`DROP VIEW tenancy.principals`);
    await q.query(`DROP TABLE tenancy.grants`);
    await q.query(`DROP TABLE tenancy.administrations`);
    await q.query(`DROP TABLE tenancy.users`);
    await q.query(`DROP TABLE tenancy.offices`);
  }
}
