import DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import type { VatSums } from './vat-boxes.calc.js';
import {
  administrationsByIds,
  historyOf,
  icpOf,
  type IcpRow,
  liveSums,
  returnsOf,
  suppletiesOf,
  type SuppletieRow,
  type PeriodKey,
  type VatAdministrationRow,
  type VatReturnEventRow,
  type VatReturnRow,
} from './vat-return.sql.js';

/** Per request: everything a page of returns needs, one statement per kind. */
export function createVatLoaders(db: Pick<EntityManager, 'query'>) {
  return {
    administrations: new DataLoader<string, VatAdministrationRow | null>(async (ids) => {
      const rows = await administrationsByIds(db, ids);
      const byId = new Map(rows.map((r) => [r.administrationId, r]));
      return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
    }),
    returns: new DataLoader<string, VatReturnRow[]>(async (ids) => {
      const rows = await returnsOf(db, ids);
      const grouped = new Map<string, VatReturnRow[]>();
      for (const r of rows)
        grouped.set(r.administrationId, [...(grouped.get(r.administrationId) ?? []), r]);
      return ids.map((id) => grouped.get(id.toLowerCase()) ?? []);
    }),
    suppleties: new DataLoader<string, SuppletieRow[]>(async (ids) => {
      const rows = await suppletiesOf(db, ids);
      return ids.map((id) => rows.filter((r) => r.administrationId === id.toLowerCase()));
    }),
    liveSums: new DataLoader<PeriodKey, VatSums, string>((keys) => liveSums(db, keys), {
      cacheKeyFn: (k) => `${k.administrationId}|${k.start}|${k.end}`,
    }),
    history: new DataLoader<
      { administrationId: string; period: string },
      VatReturnEventRow[],
      string
    >(
      async (keys) => {
        const rows = await historyOf(db, keys);
        return keys.map((k) =>
          rows.filter((r) => r.administrationId === k.administrationId && r.period === k.period),
        );
      },
      { cacheKeyFn: (k) => `${k.administrationId}|${k.period}` },
    ),
    suppletieHistory: new DataLoader<
      { administrationId: string; period: string },
      VatReturnEventRow[],
      string
    >(
      async (keys) => {
        const rows = await historyOf(db, keys, true);
        return keys.map((k) =>
          rows.filter((r) => r.administrationId === k.administrationId && r.period === k.period),
        );
      },
      { cacheKeyFn: (k) => `${k.administrationId}|${k.period}` },
    ),
    icp: new DataLoader<PeriodKey, IcpRow[], string>((keys) => icpOf(db, keys), {
      cacheKeyFn: (k) => `${k.administrationId}|${k.start}|${k.end}`,
    }),
  };
}

export type VatLoaders = ReturnType<typeof createVatLoaders>;
