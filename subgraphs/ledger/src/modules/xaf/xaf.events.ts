import { isUuid, type Subscription, type SubgraphRuntime } from '@kantoor/platform';
import type { EntityManager } from 'typeorm';

/** What the ledger reads of tenancy's "administration.created" / "administration.updated". */
interface AdministrationDetailsPayload {
  administrationId?: string;
  name?: string | null;
  vatNumber?: string | null;
  kvkNumber?: string | null;
}

/**
 * Keeps the ledger's copy of an administration's name, VAT number and KvK number (the XAF
 * header; issue 13, item 17), newest event wins (by occurredAt). A payload without a key
 * (events published before tenancy sent them) leaves that value as it was.
 */
export async function applyAdministrationDetails(
  m: EntityManager,
  payload: AdministrationDetailsPayload,
  occurredAt: Date,
): Promise<void> {
  const has = (key: keyof AdministrationDetailsPayload) =>
    Object.prototype.hasOwnProperty.call(payload, key);
  await m.query(
    `INSERT INTO ledger.administration_details AS d
       (administration_id, name, vat_number, kvk_number, event_at)
     VALUES ($1, $2, $4, $6, $8)
     ON CONFLICT (administration_id) DO UPDATE SET
       name = CASE WHEN $3 THEN EXCLUDED.name ELSE d.name END,
       vat_number = CASE WHEN $5 THEN EXCLUDED.vat_number ELSE d.vat_number END,
       kvk_number = CASE WHEN $7 THEN EXCLUDED.kvk_number ELSE d.kvk_number END,
       event_at = EXCLUDED.event_at
     WHERE d.event_at <= EXCLUDED.event_at`,
    [
      payload.administrationId,
      payload.name ?? null,
      has('name'),
      payload.vatNumber ?? null,
      has('vatNumber'),
      payload.kvkNumber ?? null,
      has('kvkNumber'),
      occurredAt,
    ],
  );
}

export function xafSubscriptions(runtime: Pick<SubgraphRuntime, 'logger'>): Subscription[] {
  return (['created', 'updated'] as const).map((what): Subscription => ({
    event: `administration.${what}`,
    queue: `ledger.administration-details-${what}`,
    handle: async (event, manager) => {
      const payload = event.payload as AdministrationDetailsPayload;
      if (!payload.administrationId || !isUuid(payload.administrationId)) {
        runtime.logger.warn({ eventId: event.id }, `administration.${what}: bad payload`);
        return;
      }
      await applyAdministrationDetails(manager, payload, new Date(event.occurredAt));
    },
  }));
}
