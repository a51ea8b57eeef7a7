import type { Logger } from './logger.js';
import type { Viewer } from './auth/viewer.js';
import type { PermissionLoader } from './authz/permission-loader.js';

/** What every subgraph's per-request context carries; subgraphs add their own loaders. */
export interface BaseContext {
  requestId: string;
  logger: Logger;
  viewer: Viewer;
  /** The viewer's permissions per administration, one query per request. */
  permissions: PermissionLoader;
}
