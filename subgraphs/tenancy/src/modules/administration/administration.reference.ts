import type { TenancyContext } from '../../context.js';
import { Administration } from './administration.type.js';

/**
 * `_entities` for Administration: null when it does not exist or the viewer may not
 * open it (the field rules guard each field as well).
 */
export async function resolveAdministrationReference(
  reference: { id: string },
  ctx: TenancyContext,
): Promise<Administration | null> {
  const [entity, permissions] = await Promise.all([
    ctx.loaders.administration.load(reference.id),
    ctx.permissions.load(reference.id),
  ]);
  if (!entity || permissions.size === 0) return null;
  return Administration.from(entity);
}
