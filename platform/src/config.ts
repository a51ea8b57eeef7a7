import { z } from 'zod';
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from './graphql/query-limits.js';

/** Thrown at boot when the environment is not usable; lists every problem at once. */
export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses `env` with `schema`, failing fast with every error listed. */
export function parseConfig<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  return result.data;
}

const secret = z.string().min(32, 'must be at least 32 characters');
/** An empty variable counts as unset (so PORT='' means the default, not port 0). */
const emptyAsUnset = (value: unknown) => (value === '' ? undefined : value);
const port = z.preprocess(emptyAsUnset, z.coerce.number().int().min(0).max(65535));
const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);
const limit = (fallback: number) =>
  z.preprocess(emptyAsUnset, z.coerce.number().int().positive().default(fallback));

/**
 * Query limits (platform/src/graphql/query-limits.ts), the same variables at the gateway and
 * in each subgraph; a subgraph allows a little more depth for the gateway's `_entities`.
 */
const queryLimitVariables = {
  KANTOOR_MAX_DEPTH: limit(DEFAULT_QUERY_LIMITS.maxDepth),
  KANTOOR_MAX_ALIASES: limit(DEFAULT_QUERY_LIMITS.maxAliases),
  KANTOOR_MAX_TOKENS: limit(DEFAULT_QUERY_LIMITS.maxTokens),
  KANTOOR_MAX_DIRECTIVES: limit(DEFAULT_QUERY_LIMITS.maxDirectives),
  KANTOOR_MAX_COST: limit(DEFAULT_QUERY_LIMITS.maxCost),
  KANTOOR_LIST_WEIGHT: limit(DEFAULT_QUERY_LIMITS.listWeight),
};

/** The query limits a parsed configuration names. */
export function queryLimitsOf(config: {
  KANTOOR_MAX_DEPTH: number;
  KANTOOR_MAX_ALIASES: number;
  KANTOOR_MAX_TOKENS: number;
  KANTOOR_MAX_DIRECTIVES: number;
  KANTOOR_MAX_COST: number;
  KANTOOR_LIST_WEIGHT: number;
}): QueryLimits {
  return {
    maxDepth: config.KANTOOR_MAX_DEPTH,
    maxAliases: config.KANTOOR_MAX_ALIASES,
    maxTokens: config.KANTOOR_MAX_TOKENS,
    maxDirectives: config.KANTOOR_MAX_DIRECTIVES,
    maxCost: config.KANTOOR_MAX_COST,
    listWeight: config.KANTOOR_LIST_WEIGHT,
  };
}

/**
 * Production mode (NODE_ENV=production, as the Dockerfile and compose set it): no schema
 * introspection for anonymous callers, no "Did you mean" suggestions, no service names in
 * client errors.
 */
export function isProduction(): boolean {
  return process.env.NODE_ENV === 'production';
}

/**
 * Prometheus /metrics (platform/src/http/metrics.ts, metricsAccessOf): with a token only a
 * scraper presenting it reads them; without one, on in development and off under
 * NODE_ENV=production unless KANTOOR_METRICS=true; KANTOOR_METRICS=false: off everywhere.
 */
const metricsVariables = {
  KANTOOR_METRICS: z
    .preprocess(
      emptyAsUnset,
      z
        .enum(['true', 'false'])
        .optional()
        .transform((v) => (v === undefined ? undefined : v === 'true')),
    )
    .optional(),
  KANTOOR_METRICS_TOKEN: z.preprocess(emptyAsUnset, secret.optional()),
};

/** Variables every subgraph reads. */
export const subgraphConfigSchema = z
  .object({
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
    KANTOOR_JWT_SECRET: secret,
    /** The shared secret the gateway sends to this subgraph (x-kantoor-gateway-secret). */
    KANTOOR_GATEWAY_SECRET: secret,
    PORT: port.optional(),
    LOG_LEVEL: logLevel.default('info'),
    /** Largest request body a subgraph accepts (bank statement files travel as text). */
    KANTOOR_MAX_BODY_BYTES: z.coerce.number().int().positive().default(10_000_000),
    ...queryLimitVariables,
    ...metricsVariables,
    /** Tenancy: the OPS user created or updated at start-up (both or neither). */
    KANTOOR_OPS_EMAIL: z.email().optional(),
    KANTOOR_OPS_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
    /**
     * Tenancy: email domains no office, client or business may sign up or be created with
     * (comma-separated), besides the domain of KANTOOR_OPS_EMAIL, which is always reserved:
     * refusing the whole domain hides which addresses there are operators (issue 15).
     */
    KANTOOR_RESERVED_EMAIL_DOMAINS: z.preprocess(
      emptyAsUnset,
      z
        .string()
        .optional()
        .transform((v) =>
          (v ?? '')
            .split(',')
            .map((d) => d.trim().toLowerCase().replace(/^@/, ''))
            .filter((d) => d.length > 0),
        ),
    ),
    /**
     * Tenancy's webhooks (issue 16, docs/decisions/0017-webhooks.md): `true` allows http://
     * URLs and loopback/private addresses (development and tests only; SSRF guard).
     */
    KANTOOR_WEBHOOK_ALLOW_LOCAL: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
    /** Retries of one webhook delivery after its first attempt. */
    KANTOOR_WEBHOOK_RETRY_LIMIT: z.preprocess(
      emptyAsUnset,
      z.coerce.number().int().min(0).default(8),
    ),
    /** Seconds before a delivery's first retry; doubles with each further retry. */
    KANTOOR_WEBHOOK_RETRY_DELAY_SECONDS: limit(30),
    /** Failed attempts in a row after which a webhook is disabled. */
    KANTOOR_WEBHOOK_DISABLE_AFTER: limit(20),
    /** Milliseconds a receiver may take to answer one delivery. */
    KANTOOR_WEBHOOK_TIMEOUT_MS: limit(10_000),
    /** Start pg-boss workers for the events this subgraph consumes. */
    KANTOOR_EVENT_WORKERS: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true'),
  })
  .refine((c) => Boolean(c.KANTOOR_OPS_EMAIL) === Boolean(c.KANTOOR_OPS_PASSWORD), {
    message: 'set both KANTOOR_OPS_EMAIL and KANTOOR_OPS_PASSWORD, or neither',
    path: ['KANTOOR_OPS_PASSWORD'],
  });
export type SubgraphConfig = z.infer<typeof subgraphConfigSchema>;

export const SUBGRAPH_NAMES = ['tenancy', 'ledger', 'invoicing', 'vat', 'billing'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

export const DEFAULT_PORTS: Record<SubgraphName | 'gateway', number> = {
  gateway: 4000,
  tenancy: 4001,
  ledger: 4002,
  invoicing: 4003,
  vat: 4004,
  billing: 4005,
};

/** Environment variable holding the gateway secret of one subgraph, as the gateway reads it. */
export function gatewaySecretVariable(name: SubgraphName): string {
  return `KANTOOR_GATEWAY_SECRET_${name.toUpperCase()}`;
}
/** Environment variable holding the URL of one subgraph, as the gateway reads it. */
export function subgraphUrlVariable(name: SubgraphName): string {
  return `KANTOOR_SUBGRAPH_URL_${name.toUpperCase()}`;
}

/**
 * KANTOOR_CORS_ORIGINS: a comma-separated list of exact browser origins
 * (`https://app.example.nl,http://localhost:5173`); empty or unset: no cross-origin access.
 * `*` is refused: the allow-list is explicit.
 */
const corsOrigins = z.preprocess(
  (value) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((origin) => origin.trim())
          .filter((origin) => origin !== '')
      : [],
  z.array(
    z
      .string()
      .regex(
        /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/,
        'each origin is scheme://host[:port], without a path or a trailing slash (no *)',
      ),
  ),
);

export const gatewayConfigSchema = z.object({
  KANTOOR_JWT_SECRET: secret,
  PORT: port.default(DEFAULT_PORTS.gateway),
  LOG_LEVEL: logLevel.default('info'),
  /** Milliseconds a subgraph call may take before it is aborted. */
  KANTOOR_SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** Largest request body accepted, in bytes (raise it for large bank statement files). */
  KANTOOR_MAX_BODY_BYTES: z.coerce.number().int().positive().default(1_000_000),
  ...queryLimitVariables,
  ...metricsVariables,
  /** Milliseconds each subgraph's /health may take when GET /ready checks them. */
  KANTOOR_READY_TIMEOUT_MS: limit(2_000),
  /** Requests per window per user (valid token) or client address; 0 switches it off. */
  KANTOOR_RATE_LIMIT_POINTS: z.preprocess(
    emptyAsUnset,
    z.coerce.number().int().min(0).default(1000),
  ),
  KANTOOR_RATE_LIMIT_WINDOW_SECONDS: limit(60),
  /** PostgreSQL for the shared rate-limit counters (every replica); in memory when unset. */
  KANTOOR_RATE_LIMIT_DATABASE_URL: z.preprocess(
    emptyAsUnset,
    z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  ),
  /**
   * Express's "trust proxy" when the gateway runs behind a proxy or load balancer (e.g.
   * "loopback", "10.0.0.0/8", "1"): client addresses then come from X-Forwarded-For.
   */
  KANTOOR_TRUST_PROXY: z.preprocess(emptyAsUnset, z.string().optional()),
  /** Browser origins allowed to call /graphql cross-origin (CORS); none by default. */
  KANTOOR_CORS_ORIGINS: corsOrigins,
  /**
   * The GraphiQL explorer at GET /graphql (browsers): on unless NODE_ENV=production when
   * unset; "true" turns it on in production too (it only shows what a token may do anyway),
   * "false" off everywhere.
   */
  KANTOOR_EXPLORER: z.preprocess(
    emptyAsUnset,
    z
      .enum(['true', 'false'])
      .optional()
      .transform((v) => (v === undefined ? undefined : v === 'true')),
  ),
  /** Development only: compose by introspecting the running subgraphs instead of the static file. */
  KANTOOR_DEV_INTROSPECT: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  KANTOOR_GATEWAY_SECRET_TENANCY: secret,
  KANTOOR_GATEWAY_SECRET_LEDGER: secret,
  KANTOOR_GATEWAY_SECRET_INVOICING: secret,
  KANTOOR_GATEWAY_SECRET_VAT: secret,
  KANTOOR_GATEWAY_SECRET_BILLING: secret,
  KANTOOR_SUBGRAPH_URL_TENANCY: z.url().optional(),
  KANTOOR_SUBGRAPH_URL_LEDGER: z.url().optional(),
  KANTOOR_SUBGRAPH_URL_INVOICING: z.url().optional(),
  KANTOOR_SUBGRAPH_URL_VAT: z.url().optional(),
  KANTOOR_SUBGRAPH_URL_BILLING: z.url().optional(),
});
export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
