import type { Permission, Viewer } from '@kantoor/platform';
import type { EntityManager } from 'typeorm';
import { invoicingError } from './invoicing.errors.js';

/** Who performs a write: the viewer as the request knows it (read-only). */
export interface Actor {
  viewer: Viewer;
}

export function actorId(actor: Actor): string | null {
  return actor.viewer.kind === 'user' ? actor.viewer.userId : null;
}

/**
 * The service's own check (the shield rule is the first line): the actor holds `permission`
 * in the administration, read from tenancy's published effective_permissions view inside the
 * write's transaction. An API token is cut down to its scope.
 */
export async function requirePermission(
  m: EntityManager,
  actor: Actor,
  administrationId: string,
  permission: Permission,
): Promise<void> {
  const v = actor.viewer;
  if (v.kind !== 'user' || (v.scope && !v.scope.has(permission))) {
    throw invoicingError('FORBIDDEN', 'You may not do this.');
  }
  const rows: unknown[] = await m.query(
    `SELECT 1 FROM tenancy.effective_permissions
      WHERE user_id = $1::uuid AND administration_id = $2::uuid AND permission = $3`,
    [v.userId, administrationId, permission],
  );
  if (rows.length === 0) throw invoicingError('FORBIDDEN', 'You may not do this.');
}
