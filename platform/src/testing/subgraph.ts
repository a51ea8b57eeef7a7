import { randomBytes } from 'node:crypto';
import type { SubgraphConfig } from '../config.js';
import { DEFAULT_QUERY_LIMITS } from '../graphql/query-limits.js';
import { GATEWAY_SECRET_HEADER } from '../http/request-id.js';
import { createLogger, type Logger } from '../logger.js';
import { runSubgraph, type RunningSubgraph, type SubgraphDefinition } from '../subgraph.js';

export const TEST_JWT_SECRET = 'test-jwt-secret-that-is-long-enough-0123456789';

export function testSecret(): string {
  return randomBytes(24).toString('hex');
}

export interface GraphQLResponse<D = Record<string, unknown>> {
  status: number;
  data?: D | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface RequestOptions {
  token?: string | null;
  variables?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** POSTs a GraphQL operation to `url`. */
export async function postGraphQL<D = Record<string, unknown>>(
  url: string,
  query: string,
  options: RequestOptions = {},
): Promise<GraphQLResponse<D>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables: options.variables ?? {} }),
  });
  const text = await response.text();
  let body: { data?: D | null; errors?: GraphQLResponse['errors'] } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    body = { errors: [{ message: text }] };
  }
  return { status: response.status, ...body };
}

export interface TestSubgraph extends RunningSubgraph {
  gatewaySecret: string;
  /** Calls the subgraph as the gateway would (with its secret). */
  query<D = Record<string, unknown>>(
    q: string,
    options?: RequestOptions,
  ): Promise<GraphQLResponse<D>>;
}

export function testSubgraphConfig(
  databaseUrl: string,
  gatewaySecret = testSecret(),
): SubgraphConfig {
  return {
    DATABASE_URL: databaseUrl,
    KANTOOR_JWT_SECRET: TEST_JWT_SECRET,
    KANTOOR_GATEWAY_SECRET: gatewaySecret,
    PORT: 0,
    LOG_LEVEL: 'silent',
    KANTOOR_MAX_BODY_BYTES: 10_000_000,
    KANTOOR_EVENT_WORKERS: true,
    KANTOOR_MAX_DEPTH: DEFAULT_QUERY_LIMITS.maxDepth,
    KANTOOR_MAX_ALIASES: DEFAULT_QUERY_LIMITS.maxAliases,
    KANTOOR_MAX_TOKENS: DEFAULT_QUERY_LIMITS.maxTokens,
    KANTOOR_MAX_DIRECTIVES: DEFAULT_QUERY_LIMITS.maxDirectives,
    KANTOOR_MAX_COST: DEFAULT_QUERY_LIMITS.maxCost,
    KANTOOR_LIST_WEIGHT: DEFAULT_QUERY_LIMITS.listWeight,
    KANTOOR_RESERVED_EMAIL_DOMAINS: [],
    // A local receiver in the test, quick retries, disabled after 3 failures in a row.
    KANTOOR_WEBHOOK_ALLOW_LOCAL: true,
    KANTOOR_WEBHOOK_RETRY_LIMIT: 3,
    KANTOOR_WEBHOOK_RETRY_DELAY_SECONDS: 1,
    KANTOOR_WEBHOOK_DISABLE_AFTER: 3,
    KANTOOR_WEBHOOK_TIMEOUT_MS: 5_000,
  };
}

/** Runs one real subgraph (shield, HTTP, event workers) on a free port against `databaseUrl`. */
export async function startTestSubgraph(
  definition: SubgraphDefinition,
  databaseUrl: string,
  overrides: Partial<SubgraphConfig> = {},
  options: { logger?: Logger } = {},
): Promise<TestSubgraph> {
  const gatewaySecret = testSecret();
  const config = { ...testSubgraphConfig(databaseUrl, gatewaySecret), ...overrides };
  const running = await runSubgraph(definition, config, {
    port: 0,
    logger:
      options.logger ??
      createLogger(definition.name, process.env.KANTOOR_TEST_LOG_LEVEL ?? 'silent'),
    pollingIntervalSeconds: 0.5,
  });
  return {
    ...running,
    gatewaySecret,
    query: (q, options = {}) =>
      postGraphQL(running.url, q, {
        ...options,
        headers: { [GATEWAY_SECRET_HEADER]: gatewaySecret, ...options.headers },
      }),
  };
}
