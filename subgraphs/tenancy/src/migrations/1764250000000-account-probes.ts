import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Account-creating mutations (signUp, signUpBusiness, createUser) throttled per client
 * address (issue 15): each attempt is recorded while it runs; one refused because the email
 * is taken or reserved stays recorded for the window.
 */
export class AccountProbes1764250000000 implements MigrationInterface {
  name = 'AccountProbes1764250000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE tenancy.account_probes (
         id bigserial PRIMARY KEY,
         client_address text NOT NULL,
         attempted_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    await q.query(
      `CREATE INDEX account_probes_address_idx ON tenancy.account_probes (client_address, attempted_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE tenancy.account_probes`);
  }
}
