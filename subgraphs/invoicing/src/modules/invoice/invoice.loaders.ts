import DataLoader from 'dataloader';
import { keyOf, type AdministrationKey } from '../customer/customer.loaders.js';
import type { InvoiceEntity, InvoiceLineEntity, InvoiceSettingsEntity } from './invoice.entity.js';
import type { InvoiceService, StatusRow } from './invoice.service.js';

export function createInvoiceLoader(service: InvoiceService) {
  return new DataLoader<AdministrationKey, InvoiceEntity | null, string>(
    async (keys) => {
      const rows = await service.byIds(keys);
      const byKey = new Map(rows.map((r) => [keyOf(r), r]));
      return keys.map((k) => byKey.get(keyOf(k)) ?? null);
    },
    { cacheKeyFn: keyOf },
  );
}

export function createInvoiceLinesLoader(service: InvoiceService) {
  return new DataLoader<AdministrationKey, InvoiceLineEntity[], string>(
    async (keys) => {
      const rows = await service.linesOf(keys);
      const grouped = new Map<string, InvoiceLineEntity[]>();
      for (const r of rows) {
        const k = keyOf({ administrationId: r.administrationId, id: r.invoiceId });
        grouped.set(k, [...(grouped.get(k) ?? []), r]);
      }
      return keys.map((k) => grouped.get(keyOf(k)) ?? []);
    },
    { cacheKeyFn: keyOf },
  );
}

/** Administration.invoicingStatus for a whole page of administrations: one SQL statement. */
export function createInvoicingStatusLoader(service: InvoiceService) {
  return new DataLoader<string, StatusRow | null, string>(
    async (ids) => {
      const rows = await service.statusOf(ids);
      const byId = new Map(rows.map((r) => [r.administrationId, r]));
      return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
    },
    { cacheKeyFn: (id) => id.toLowerCase() },
  );
}

export function createInvoiceSettingsLoader(service: InvoiceService) {
  return new DataLoader<string, InvoiceSettingsEntity | null, string>(
    async (ids) => {
      const rows = await service.settings(ids);
      const byId = new Map(rows.map((r) => [r.administrationId, r]));
      return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
    },
    { cacheKeyFn: (id) => id.toLowerCase() },
  );
}
