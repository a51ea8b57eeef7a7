import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Login throttling per (email, client address) and per client address (issue 15): failed
 * logins remember the address the gateway saw.
 */
export class LoginThrottle1764200000000 implements MigrationInterface {
  name = 'LoginThrottle1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE tenancy.failed_logins ADD COLUMN client_address text NOT NULL DEFAULT ''`,
    );
    await q.query(`DROP INDEX tenancy.failed_logins_email_idx`);
    await q.query(
      `CREATE INDEX failed_logins_email_address_idx
         ON tenancy.failed_logins (email, client_address, attempted_at)`,
    );
    await q.query(
      `CREATE INDEX failed_logins_address_idx ON tenancy.failed_logins (client_address, attempted_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX tenancy.failed_logins_address_idx`);
    await q.query(`DROP INDEX tenancy.failed_logins_email_address_idx`);
    await q.query(
      `CREATE INDEX failed_logins_email_idx ON tenancy.failed_logins (email, attempted_at)`,
    );
    await q.query(`ALTER TABLE tenancy.failed_logins DROP COLUMN client_address`);
  }
}
