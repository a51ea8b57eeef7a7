import { isUuid, type DomainEvent } from '@kantoor/platform';
import type { DataSource, EntityManager } from 'typeorm';
import { subjectTypeOf, type UsageFact } from './usage.calc.js';
import {
  factRowsOf,
  firstSeenRows,
  insertUsageFact,
  noteOffice,
  type FactRow,
} from './usage.sql.js';

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
    const inserted = await insertUsageFact(manager, {
      eventId: event.id,
      eventType: event.type,
      subjectType,
      subjectId: rawSubject.toLowerCase(),
      officeId,
      occurredAt: at,
      payload: p,
    });
    if (!inserted) return false;
    if (officeId) {
      await noteOffice(manager, officeId, at);
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
    const rows = await factRowsOf(this.db, ids);
    return rows.map(toFact);
  }

  /** The day each office was first heard of (offices billing never heard of are left out). */
  async firstSeen(officeIds: readonly string[]): Promise<Map<string, string>> {
    const ids = officeIds.filter(isUuid).map((id) => id.toLowerCase());
    if (ids.length === 0) return new Map();
    const rows = await firstSeenRows(this.db, ids);
    return new Map(rows.map((r) => [r.id, r.first_seen_on]));
  }
}
