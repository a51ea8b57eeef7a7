import { processedEventsTableSql } from '@kantoor/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhooks per office (issue 16, docs/decisions/0017-webhooks.md): the office's
 * subscriptions and a delivery log (one row per webhook and event, with its attempts).
 * Tenancy now consumes events (the fan-out to webhooks): its processed_events table.
 */
export class Webhooks1764450000000 implements MigrationInterface {
  name = 'Webhooks1764450000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(processedEventsTableSql('tenancy'));
    await q.query(`CREATE TABLE tenancy.webhooks (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      office_id uuid NOT NULL REFERENCES tenancy.offices(id),
      url text NOT NULL,
      event_types text[] NOT NULL CHECK (cardinality(event_types) > 0),
      description text,
      -- The signing secret (whsec_...): kept as is, since every delivery is signed with it.
      secret text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid REFERENCES tenancy.users(id),
      consecutive_failures int NOT NULL DEFAULT 0,
      disabled_at timestamptz,
      disabled_reason text
    )`);
    await q.query(`CREATE INDEX webhooks_office_idx ON tenancy.webhooks (office_id, created_at)`);
    await q.query(`CREATE TABLE tenancy.webhook_deliveries (
      id bigserial PRIMARY KEY,
      webhook_id uuid NOT NULL REFERENCES tenancy.webhooks(id) ON DELETE CASCADE,
      office_id uuid NOT NULL REFERENCES tenancy.offices(id),
      event_id uuid NOT NULL,
      event_type text NOT NULL,
      body jsonb NOT NULL,
      status text NOT NULL DEFAULT 'PENDING'
        CHECK (status IN ('PENDING', 'RETRYING', 'SUCCEEDED', 'FAILED', 'SKIPPED')),
      attempts int NOT NULL DEFAULT 0,
      last_status_code int,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_attempt_at timestamptz,
      delivered_at timestamptz,
      UNIQUE (webhook_id, event_id)
    )`);
    await q.query(
      `CREATE INDEX webhook_deliveries_newest_idx ON tenancy.webhook_deliveries (webhook_id, id DESC)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE tenancy.webhook_deliveries`);
    await q.query(`DROP TABLE tenancy.webhooks`);
    await q.query(`DROP TABLE tenancy.processed_events`);
  }
}
