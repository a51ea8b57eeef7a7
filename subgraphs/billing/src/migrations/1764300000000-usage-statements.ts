import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Usage history (the tenancy events billing consumes), monthly statements (immutable) and
 * billing runs.
 */
export class UsageStatements1764300000000 implements MigrationInterface {
  name = 'UsageStatements1764300000000';

  async up(q: QueryRunner): Promise<void> {
    // Every office billing has heard of, and when it first did.
    await q.query(`CREATE TABLE billing.offices (
      id uuid PRIMARY KEY,
      first_seen_at timestamptz NOT NULL,
      first_seen_on date NOT NULL
    )`);
    // One row per consumed event; the history is derived from them in occurred_at order, so
    // late or repeated deliveries cannot double-count (event_id is the key).
    await q.query(`CREATE TABLE billing.usage_facts (
      event_id uuid PRIMARY KEY,
      event_type text NOT NULL,
      subject_type text NOT NULL CHECK (subject_type IN ('OFFICE', 'USER', 'ADMINISTRATION')),
      subject_id uuid NOT NULL,
      office_id uuid,
      occurred_at timestamptz NOT NULL,
      occurred_on date NOT NULL,
      payload jsonb NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(
      `CREATE INDEX usage_facts_office_idx ON billing.usage_facts (office_id, subject_id) WHERE office_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX usage_facts_subject_idx ON billing.usage_facts (subject_id, occurred_at)`,
    );

    await q.query(`CREATE TABLE billing.billing_runs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      period text NOT NULL,
      run_by uuid,
      started_at timestamptz NOT NULL DEFAULT now(),
      statements_created int NOT NULL DEFAULT 0
    )`);
    await q.query(`CREATE TABLE billing.statements (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      office_id uuid NOT NULL REFERENCES billing.offices(id),
      period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      period_start date NOT NULL,
      period_end date NOT NULL,
      price_list_id uuid NOT NULL REFERENCES billing.price_lists(id),
      run_id uuid REFERENCES billing.billing_runs(id),
      total_excl_vat numeric(18,2) NOT NULL,
      vat numeric(18,2) NOT NULL,
      total_incl_vat numeric(18,2) NOT NULL CHECK (total_incl_vat = total_excl_vat + vat),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (office_id, period)
    )`);
    await q.query(`CREATE TABLE billing.statement_lines (
      statement_id uuid NOT NULL REFERENCES billing.statements(id),
      position int NOT NULL,
      code text NOT NULL,
      description text NOT NULL,
      quantity int NOT NULL,
      weighted_quantity numeric(18,4) NOT NULL,
      unit_price numeric(18,2) NOT NULL,
      amount numeric(18,2) NOT NULL,
      PRIMARY KEY (statement_id, position)
    )`);
    // A statement, once made, never changes (billing.md).
    await q.query(`CREATE FUNCTION billing.refuse_statement_change() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'billing statements are immutable (%)', TG_TABLE_NAME;
      END $$`);
    for (const table of ['statements', 'statement_lines']) {
      await q.query(`CREATE TRIGGER ${table}_immutable BEFORE UPDATE OR DELETE ON billing.${table}
        FOR EACH ROW EXECUTE FUNCTION billing.refuse_statement_change()`);
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON billing.${table}
        FOR EACH STATEMENT EXECUTE FUNCTION billing.refuse_statement_change()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE billing.statement_lines`);
    await q.query(`DROP TABLE billing.statements`);
    await q.query(`DROP FUNCTION billing.refuse_statement_change()`);
    await q.query(`DROP TABLE billing.billing_runs`);
    await q.query(`DROP TABLE billing.usage_facts`);
    await q.query(`DROP TABLE billing.offices`);
  }
}
