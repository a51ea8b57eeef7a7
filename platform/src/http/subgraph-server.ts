import { compactJson } from './compact-json.js';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type NextFunction, type Request, type Response } from 'express';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { bearerToken, InvalidTokenError } from '../auth/jwt.js';
import { resolveViewerAndPermissions } from '../auth/viewer.js';
import { administrationIdsIn, createPermissionLoader } from '../authz/permission-loader.js';
import type { BaseContext } from '../context.js';
import type { Logger } from '../logger.js';
import { isProduction } from '../config.js';
import {
  DEFAULT_QUERY_LIMITS,
  queryLimitProtection,
  withQueryLimitCode,
  type QueryLimits,
} from '../graphql/query-limits.js';
import { hostileTextPlugin } from '../graphql/hostile-text.js';
import { accessLog } from './access-log.js';
import { errorLoggingPlugin, maskError } from './errors.js';
import { metricsAccessOf, ServiceMetrics, type MetricsAccess } from './metrics.js';
import {
  CLIENT_ADDRESS_HEADER,
  clientAddressFrom,
  GATEWAY_SECRET_HEADER,
  REQUEST_ID_HEADER,
  requestIdFrom,
} from './request-id.js';
import { secretMatches } from './secret.js';

/** JSON body parse failures and oversized bodies become a 4xx with a GraphQL-shaped error. */
export function jsonErrorHandler(err: unknown, _req: Request, res: Response, next: NextFunction) {
  const e = err as { type?: string; status?: number };
  if (e && typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    const tooLarge = e.type === 'entity.too.large';
    res.status(e.status).json({
      errors: [
        {
          message: tooLarge ? 'Request body too large.' : 'Malformed request body.',
          extensions: { code: tooLarge ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST' },
        },
      ],
    });
    return;
  }
  next(err);
}

export interface SubgraphServerOptions<C extends BaseContext> {
  name: string;
  schema: GraphQLSchema;
  dataSource: DataSource;
  jwtSecret: string;
  gatewaySecret: string;
  logger: Logger;
  /** Adds the subgraph's own per-request loaders to the base context. */
  extendContext: (base: BaseContext) => C;
  maxBodyBytes?: number;
  /** The gateway's limits; a subgraph checks depth, aliases, tokens and directives itself. */
  queryLimits?: QueryLimits;
  /** This server's metrics (with the subgraph's gauges); a bare set when omitted. */
  metrics?: ServiceMetrics;
  /** Who may read /metrics; by default as metricsAccessOf decides without configuration. */
  metricsAccess?: MetricsAccess;
}

/**
 * A subgraph reached with the secret must not be an amplifier: it refuses what the gateway
 * would, with room for what the gateway adds to its subgraph queries (`_entities`, inline
 * fragments, `__typename`). The list-weighted cost is the gateway's job: a subgraph cannot
 * tell how many representations an `_entities` call will carry.
 */
export function subgraphQueryLimits(limits: QueryLimits): QueryLimits {
  return {
    ...limits,
    maxDepth: limits.maxDepth + 3,
    maxAliases: limits.maxAliases * 2,
    maxTokens: limits.maxTokens * 3,
    maxDirectives: limits.maxDirectives * 2,
    maxCost: Number.MAX_SAFE_INTEGER,
  };
}

export interface RunningServer {
  url: string;
  port: number;
  stop: () => Promise<void>;
}

/**
 * Serves one subgraph: /graphql only for callers presenting the gateway's secret,
 * /health for readiness checks, /metrics for Prometheus (see metricsAccessOf). Each request
 * verifies the token again, and writes one access-log line.
 */
export async function startSubgraphServer<C extends BaseContext>(
  options: SubgraphServerOptions<C>,
  port: number,
  host = '127.0.0.1',
): Promise<RunningServer> {
  const app = express();
  // No ETag on answers: express hashes every response body for it, and a GraphQL POST is
  // never answered 304 (freshness applies to GET and HEAD only).
  app.set('etag', false);
  app.disable('x-powered-by');
  app.use(accessLog(options.logger));
  const httpServer: Server = createServer(app);
  const metrics = options.metrics ?? new ServiceMetrics(options.name);
  const protection = queryLimitProtection<C>(
    subgraphQueryLimits(options.queryLimits ?? DEFAULT_QUERY_LIMITS),
    { blockFieldSuggestions: isProduction() },
  );
  const apollo = new ApolloServer<C>({
    schema: options.schema,
    validationRules: protection.validationRules,
    parseOptions: protection.parseOptions,
    csrfPrevention: true,
    // Our own shutdown stops servers, workers and the database in order.
    stopOnTerminationSignals: false,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted) => maskError(withQueryLimitCode(formatted)),
    // Compact JSON: Apollo's default indents every response (JSON.stringify(v, null, 2)), which
    // costs CPU here and bytes to parse on the other side of every subgraph fetch.
    stringifyResult: compactJson,
    plugins: [
      ...protection.plugins,
      hostileTextPlugin<C>(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginInlineTraceDisabled(),
      // Nothing here sets cache hints; the default cache-control plugin wraps every field
      // resolver (willResolveField) to compute a policy no one reads: per-field cost on big pages.
      ApolloServerPluginCacheControlDisabled(),
      errorLoggingPlugin<C>(options.logger),
      metrics.graphqlPlugin<C>(),
    ],
  });
  await apollo.start();

  app.get('/health', async (_req, res) => {
    try {
      await options.dataSource.query('SELECT 1');
      res.json({ status: 'ok', subgraph: options.name });
    } catch {
      res.status(503).json({ status: 'unavailable', subgraph: options.name });
    }
  });

  app.get(
    '/metrics',
    metrics.handler(options.metricsAccess ?? metricsAccessOf({}), (error) =>
      options.logger.error({ err: error }, 'metrics: collecting failed'),
    ),
  );

  app.use('/graphql', (req, res, next) => {
    if (!secretMatches(req.header(GATEWAY_SECRET_HEADER), options.gatewaySecret)) {
      res.status(403).json({
        errors: [
          { message: 'Only the gateway may call a subgraph.', extensions: { code: 'FORBIDDEN' } },
        ],
      });
      return;
    }
    next();
  });
  app.use(
    '/graphql',
    express.json({ limit: options.maxBodyBytes ?? 1_000_000 }),
    jsonErrorHandler,
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
        const logger = options.logger.child({ requestId });
        const token = bearerToken(req.header('authorization'));
        // The permissions of the administrations the request names are read with the viewer
        // (for a login session in the same statement); used only for that same viewer.
        const ids = token
          ? administrationIdsIn((req.body as { variables?: unknown } | undefined)?.variables)
          : [];
        let resolved;
        try {
          resolved = await resolveViewerAndPermissions(
            token,
            options.jwtSecret,
            options.dataSource,
            ids,
          );
        } catch (error) {
          if (error instanceof InvalidTokenError) {
            throw new GraphQLError('Your session is not valid; log in again.', {
              extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
            });
          }
          throw error;
        }
        const { viewer } = resolved;
        const base: BaseContext = {
          requestId,
          logger,
          viewer,
          permissions: createPermissionLoader(
            options.dataSource,
            viewer,
            resolved.permissionRows && viewer.kind === 'user'
              ? { userId: viewer.userId, ids, rows: resolved.permissionRows }
              : null,
          ),
          clientAddress: clientAddressFrom(req.headers[CLIENT_ADDRESS_HEADER]),
        };
        return lockIdentity(options.extendContext(base));
      },
    }),
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const actual = (httpServer.address() as AddressInfo).port;
  return {
    port: actual,
    url: `http://${host}:${actual}/graphql`,
    stop: async () => {
      await apollo.stop();
    },
  };
}

/**
 * Who is asking never changes inside a request: the viewer, its permission loader and the
 * request id become non-writable, non-configurable properties of the context, so an
 * assignment throws (strict mode) instead of silently re-identifying the rest of the request.
 */
export function lockIdentity<C extends BaseContext>(ctx: C): C {
  for (const key of ['viewer', 'permissions', 'requestId', 'clientAddress'] as const) {
    // The one place that defines these properties: it makes them read-only.
    // eslint-disable-next-line no-restricted-syntax
    Object.defineProperty(ctx, key, {
      value: ctx[key],
      writable: false,
      configurable: false,
      enumerable: true,
    });
  }
  return ctx;
}
