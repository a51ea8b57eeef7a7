import type { TenancyContext } from '../../context.js';
import { Office, User } from './user.type.js';

export async function resolveOfficeReference(
  reference: { id: string },
  ctx: TenancyContext,
): Promise<Office | null> {
  const entity = await ctx.loaders.office.load(reference.id);
  return entity ? Office.from(entity) : null;
}

export async function resolveUserReference(
  reference: { id: string },
  ctx: TenancyContext,
): Promise<User | null> {
  const entity = await ctx.loaders.user.load(reference.id);
  return entity ? User.from(entity) : null;
}
