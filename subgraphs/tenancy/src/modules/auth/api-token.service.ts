import { GraphQLError } from 'graphql';
import {
  decodeCursor,
  failWith,
  pageSize,
  toPage,
  type Page,
  generateApiToken,
  hashApiToken,
  isUuid,
  PERMISSIONS,
  type Fail,
  type Permission,
  type SubgraphRuntime,
  type UserViewer,
} from '@kantoor/platform';
import type { AuthErrorCode } from './auth.errors.js';
import { requireName } from './credentials.validation.js';
import {
  apiTokensAfter,
  apiTokensFirst,
  apiTokensOfUser,
  countApiTokens,
  insertApiToken,
  revokeApiTokenRow,
} from './auth.sql.js';

/** Longest life of an API token. */
export const API_TOKEN_MAX_YEARS = 1;

export type ApiTokenFormat = 'OPAQUE' | 'JWT';

export interface ApiTokenRecord {
  id: string;
  name: string;
  permissions: Permission[];
  createdAt: Date;
  expiresAt: Date;
  revoked: boolean;
  lastUsedAt: Date | null;
  format: ApiTokenFormat;
}

export interface CreatedApiToken {
  /** The bearer token itself (`kat_...`); only its SHA-256 is stored. */
  token: string;
  apiToken: ApiTokenRecord;
}

interface ApiTokenRow {
  id: string;
  name: string;
  permissions: string[];
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
  format: ApiTokenFormat;
}

function toApiToken(row: ApiTokenRow): ApiTokenRecord {
  return {
    id: row.id,
    name: row.name,
    permissions: row.permissions.filter((p): p is Permission =>
      (PERMISSIONS as readonly string[]).includes(p),
    ),
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revoked: row.revoked_at !== null,
    lastUsedAt: row.last_used_at,
    format: row.format,
  };
}

const fail: Fail<AuthErrorCode> = failWith;

/**
 * API tokens for integrating tools (issue 16, docs/decisions/0017-opaque-api-tokens.md):
 * opaque `kat_...` tokens, stored as their SHA-256, shown once, with the permission subset
 * they carry and the time they were last used. Subgraphs resolve them with
 * `tenancy.use_api_token` (platform auth/viewer.ts).
 */
export class ApiTokenService {
  constructor(private readonly runtime: SubgraphRuntime) {}

  /**
   * A new token valid until `expiresAt`, whose permissions the subgraphs cut to
   * `permissions`. Only a login session may mint one (an API token cannot mint another);
   * OPS users may not.
   */
  async createApiToken(
    viewer: UserViewer,
    input: { name: string; expiresAt: Date; permissions: Permission[] },
  ): Promise<CreatedApiToken> {
    if (!viewer.sessionId) {
      fail('NOT_A_SESSION', 'Log in to create an API token; an API token cannot create one.');
    }
    if (viewer.userKind === 'OPS') {
      fail('KIND_NOT_ALLOWED', 'Operators cannot create API tokens.');
    }
    const name = requireName(input.name, ['input', 'name']);
    const now = Date.now();
    if (input.expiresAt.getTime() - now < 1000) {
      fail('EXPIRY_IN_PAST', 'Choose an expiry date in the future.', ['input', 'expiresAt']);
    }
    const latest = new Date(now);
    latest.setUTCFullYear(latest.getUTCFullYear() + API_TOKEN_MAX_YEARS);
    if (input.expiresAt.getTime() > latest.getTime()) {
      fail('EXPIRY_TOO_FAR', 'An API token lives at most one year.', ['input', 'expiresAt']);
    }
    const permissions = PERMISSIONS.filter((p) => input.permissions.includes(p));
    if (permissions.length === 0) {
      fail('NO_PERMISSIONS', 'Give the token at least one permission.', ['input', 'permissions']);
    }
    const token = generateApiToken();
    const [row] = (await insertApiToken(this.runtime.dataSource, [
      viewer.userId,
      name,
      hashApiToken(token),
      permissions,
      input.expiresAt,
    ])) as ApiTokenRow[];
    return { token, apiToken: toApiToken(row!) };
  }

  /** The viewer's own API tokens, newest first, revoked and expired ones included. */
  async apiTokensOf(userId: string): Promise<ApiTokenRecord[]> {
    const rows = (await apiTokensOfUser(this.runtime.dataSource, [userId])) as ApiTokenRow[];
    return rows.map(toApiToken);
  }

  /** A page of the user's own API tokens, newest first (keyset on created_at, id). */
  async apiTokenPage(
    userId: string,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<Page<ApiTokenRecord>> {
    const limit = pageSize(first);
    const afterId = after ? String(decodeCursor(after, 1)[0]) : null;
    if (afterId !== null && !isUuid(afterId)) {
      throw new GraphQLError('Invalid cursor.', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    const [rows, counted] = await Promise.all([
      limit === 0
        ? Promise.resolve([] as ApiTokenRow[])
        : ((afterId === null
            ? apiTokensFirst(this.runtime.dataSource, [userId, limit + 1])
            : apiTokensAfter(this.runtime.dataSource, [userId, limit + 1, afterId])) as Promise<
            ApiTokenRow[]
          >),
      countApiTokens(this.runtime.dataSource, [userId]) as Promise<{ n: number }[]>,
    ]);
    return toPage(rows.map(toApiToken), limit, (t) => [t.id], counted[0]?.n ?? 0, afterId !== null);
  }

  /** Revokes one of the viewer's own API tokens (idempotent); refused on the next request. */
  async revokeApiToken(viewer: UserViewer, id: string): Promise<ApiTokenRecord> {
    const notFound = () => fail('API_TOKEN_NOT_FOUND', 'No such API token.', ['input', 'id']);
    if (!isUuid(id)) return notFound();
    const result = (await revokeApiTokenRow(this.runtime.dataSource, [id, viewer.userId])) as [
      ApiTokenRow[],
      number,
    ];
    const row = result[0]?.[0];
    return row ? toApiToken(row) : notFound();
  }
}
