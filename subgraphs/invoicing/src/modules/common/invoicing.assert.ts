import { assertPermission, type Permission, type Viewer } from '@kantoor/platform';
import type { EntityManager } from 'typeorm';

/** Who performs a write: the viewer as the request knows it (read-only). */
export interface Actor {
  readonly viewer: Viewer;
}

export function actorId(actor: Actor): string | null {
  return actor.viewer.kind === 'user' ? actor.viewer.userId : null;
}

/**
 * The service's own check (the shield rule is the first line): the actor holds `permission`
 * in the administration now, read from tenancy's effective_permissions inside the write's
 * transaction (platform's assertPermission; FORBIDDEN otherwise).
 */
export async function requirePermission(
  m: EntityManager,
  actor: Actor,
  administrationId: string,
  permission: Permission,
): Promise<void> {
  await assertPermission(m, actor.viewer, administrationId, permission);
}
