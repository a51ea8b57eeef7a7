import type { DataSource, EntityManager } from 'typeorm';
import type { SubjectType } from './usage.calc.js';

/** The usage history (tenancy's events, once each) and the offices billing knows of. */

type Db = Pick<DataSource | EntityManager, 'query'>;

export interface FactRow {
  event_id: string;
  event_type: string;
  subject_type: SubjectType;
  subject_id: string;
  office_id: string | null;
  occurred_at: Date;
  occurred_on: string;
  payload: Record<string, unknown>;
}

/** Stores an event once (by its id); false when it was stored before. */
export async function insertUsageFact(
  m: EntityManager,
  fact: {
    eventId: string;
    eventType: string;
    subjectType: SubjectType;
    subjectId: string;
    officeId: string | null;
    /** ISO instant. */
    occurredAt: string;
    payload: unknown;
  },
): Promise<boolean> {
  const inserted: unknown[] = await m.query(
    `INSERT INTO billing.usage_facts
       (event_id, event_type, subject_type, subject_id, office_id, occurred_at, occurred_on, payload)
     VALUES ($1, $2, $3, $4, $5, CAST($6 AS timestamptz),
             CAST(CAST($6 AS timestamptz) AT TIME ZONE 'Europe/Amsterdam' AS date), CAST($7 AS jsonb))
     ON CONFLICT (event_id) DO NOTHING
     RETURNING event_id`,
    [
      fact.eventId,
      fact.eventType,
      fact.subjectType,
      fact.subjectId,
      fact.officeId,
      fact.occurredAt,
      JSON.stringify(fact.payload),
    ],
  );
  return inserted.length > 0;
}

/** The office, first seen at `at` (an earlier event moves that back). */
export async function noteOffice(m: EntityManager, officeId: string, at: string): Promise<void> {
  await m.query(
    `INSERT INTO billing.offices (id, first_seen_at, first_seen_on)
     VALUES ($1, CAST($2 AS timestamptz), CAST(CAST($2 AS timestamptz) AT TIME ZONE 'Europe/Amsterdam' AS date))
     ON CONFLICT (id) DO UPDATE
       SET first_seen_at = LEAST(offices.first_seen_at, EXCLUDED.first_seen_at),
           first_seen_on = LEAST(offices.first_seen_on, EXCLUDED.first_seen_on)`,
    [officeId, at],
  );
}

/** Every fact about the offices and every subject that ever belonged to one of them. */
export async function factRowsOf(db: Db, officeIds: readonly string[]): Promise<FactRow[]> {
  return db.query(
    `SELECT event_id, event_type, subject_type, subject_id, office_id, occurred_at, occurred_on, payload
       FROM billing.usage_facts
      WHERE subject_id IN (
        SELECT DISTINCT subject_id FROM billing.usage_facts WHERE office_id = ANY(CAST($1 AS uuid[])))`,
    [officeIds],
  );
}

export async function firstSeenRows(
  db: Db,
  officeIds: readonly string[],
): Promise<{ id: string; first_seen_on: string }[]> {
  return db.query(
    `SELECT id, first_seen_on FROM billing.offices WHERE id = ANY(CAST($1 AS uuid[]))`,
    [officeIds],
  );
}
