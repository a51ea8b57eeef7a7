import DataLoader from 'dataloader';
import type { TenancyContext } from '../../context.js';
import type { AccessRow } from './access.service.js';

/** The access module's per-request loaders. */
export interface AccessLoaders {
  /** Who has what, per administration id: one query for every administration of a request. */
  accessEntries: DataLoader<string, AccessRow[]>;
}

/**
 * Per-request loaders, created lazily and keyed by the request's context object (which
 * lives exactly as long as the request), so context.ts needs no access-specific wiring and
 * nothing is cached across requests: a changed grant shows on the next request.
 */
const perRequest = new WeakMap<object, AccessLoaders>();

export function accessLoaders(ctx: TenancyContext): AccessLoaders {
  let loaders = perRequest.get(ctx);
  if (!loaders) {
    loaders = {
      accessEntries: new DataLoader<string, AccessRow[]>(async (ids) => {
        const byAdministration = await ctx.services.access.accessOf(ids);
        return ids.map((id) => byAdministration.get(id.toLowerCase()) ?? []);
      }),
    };
    perRequest.set(ctx, loaders);
  }
  return loaders;
}
