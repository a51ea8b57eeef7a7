import { isUuid, type DomainEvent } from '@kantoor/platform';
import type { DataSource, EntityManager } from 'typeorm';
import { subjectTypeOf, type SubjectType, type UsageFact } from './usage.calc.js';

interface FactRow {
  event_id: string;
  event_type: string;
  subject_type: SubjectType;
  subject_id: string;
  office_id: string | null;
  occurred_at: Date;
  occurred_on: string;
  payload: Record<string, unknown>;
}

function toFact(row: FactRow): UsageFact {
  return {
    eventId: row.event_id,
    type: row.event_type,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    officeId: row.office_id,
    occurredAt: row.occurred_at,
    occurredOn: row.occurred_on,
    payload: row.payload,
  };
}

/** Thrown for an event billing cannot read; the delivery is retried, then dead-lettered for ops. */
export class MalformedUsageEvent extends Error {
  constructor(event: DomainEvent, problem: string) {
    super(`${event.type} ${event.id}: ${problem}`);
    this.name = 'MalformedUsageEvent';
  }
}

/** The usage history: tenancy's events, stored once each, read per office. */
export class UsageService {
  constructor(private readonly db: DataSource | EntityManager) {}

  /**
   * Stores one event (in the consumer's transaction). Returns false when this event id was
   * stored before: a repeated delivery changes nothing.
   */
  static async record(manager: EntityManager, event: DomainEvent): Promise<boolean> {
    const subjectType = subjectTypeOf(event.type);
    if (!subjectType) throw new MalformedUsageEvent(event, 'not a usage event');
    const p = event.payload;
    const rawSubject =
      subjectType === 'OFFICE'
        ? p.officeId
        : subjectType === 'USER'
          ? p.userId
          : p.administrationId;
    if (!isUuid(rawSubject)) throw new MalformedUsageEvent(event, 'no subject id');
    if (!isUuid(event.id)) throw new MalformedUsageEvent(event, 'no event id');
    if (p.officeId != null && !isUuid(p.officeId)) {
      throw new MalformedUsageEvent(event, 'officeId is not an id');
    }
    const occurredAt = new Date(event.occurredAt);
    if (Number.isNaN(occurredAt.getTime())) {
      throw new MalformedUsageEvent(event, 'occurredAt is not an instant');
    }
    const officeId = typeof p.officeId === 'string' ? p.officeId.toLowerCase() : null;
    const at = occurredAt.toISOString();
    const inserted: unknown[] = await manager.query(
      `INSERT INTO billing.usage_facts
         (event_id, event_type, subject_type, subject_id, office_id, occurred_at, occurred_on, payload)
       VALUES ($1, $2, $3, $4, $5, CAST($6 AS timestamptz),
               CAST(CAST($6 AS timestamptz) AT TIME ZONE 'Europe/Amsterdam' AS date), CAST($7 AS jsonb))
       ON CONFLICT (event_id) DO NOTHING
       RETURNING event_id`,
      [
        event.id,
        event.type,
        subjectType,
        rawSubject.toLowerCase(),
        officeId,
        at,
        JSON.stringify(p),
      ],
    );
    if (inserted.length === 0) return false;
    if (officeId) {
      await manager.query(
        `INSERT INTO billing.offices (id, first_seen_at, first_seen_on)
         VALUES ($1, CAST($2 AS timestamptz), CAST(CAST($2 AS timestamptz) AT TIME ZONE 'Europe/Amsterdam' AS date))
         ON CONFLICT (id) DO UPDATE
           SET first_seen_at = LEAST(offices.first_seen_at, EXCLUDED.first_seen_at),
               first_seen_on = LEAST(offices.first_seen_on, EXCLUDED.first_seen_on)`,
        [officeId, at],
      );
    }
    return true;
  }

  /**
   * Every fact about the given offices and about every user and administration that ever
   * belonged to one of them (one query).
   */
  async factsOf(officeIds: readonly string[]): Promise<UsageFact[]> {
    const ids = officeIds.filter(isUuid).map((id) => id.toLowerCase());
    if (ids.length === 0) return [];
    const rows: FactRow[] = await this.db.query(
      `SELECT event_id, event_type, subject_type, subject_id, office_id, occurred_at, occurred_on, payload
         FROM billing.usage_facts
        WHERE subject_id IN (
          SELECT DISTINCT subject_id FROM billing.usage_facts WHERE office_id = ANY(CAST($1 AS uuid[])))`,
      [ids],
    );
    return rows.map(toFact);
  }

  /** The day each office was first heard of (offices billing never heard of are left out). */
  async firstSeen(officeIds: readonly string[]): Promise<Map<string, string>> {
    const ids = officeIds.filter(isUuid).map((id) => id.toLowerCase());
    if (ids.length === 0) return new Map();
    const rows: { id: string; first_seen_on: string }[] = await this.db.query(
      `SELECT id, first_seen_on FROM billing.offices WHERE id = ANY(CAST($1 AS uuid[]))`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.first_seen_on]));
  }
}
