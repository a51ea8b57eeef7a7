import type { Logger } from './logger.js';
import type { Viewer } from './auth/viewer.js';
import type { PermissionLoader } from './authz/permission-loader.js';

/**
 * What every subgraph's per-request context carries; subgraphs add their own loaders.
 * `viewer`, `permissions` and `requestId` are fixed for the request: readonly here and
 * non-writable at run time (subgraph-server.ts locks them after the context is built).
 */
export interface BaseContext {
  readonly requestId: string;
  readonly logger: Logger;
  readonly viewer: Viewer;
  /** The viewer's permissions per administration, one query per request. */
  readonly permissions: PermissionLoader;
  /** The caller's network address as the gateway saw it (login throttling); null if unknown. */
  readonly clientAddress: string | null;
}
