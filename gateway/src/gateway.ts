import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { ApolloGateway, IntrospectAndCompose } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express, { type NextFunction, type Request, type Response } from 'express';
import { BREAK, GraphQLError, visit, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import {
  accessLog,
  bearerToken,
  checkBearerAtEdge,
  DEFAULT_PORTS,
  errorLoggingPlugin,
  hostileTextPlugin,
  gatewaySecretVariable,
  InvalidTokenError,
  compactJson,
  isProduction,
  jsonErrorHandler,
  maskError,
  queryLimitProtection,
  queryLimitsOf,
  REQUEST_ID_HEADER,
  requestIdFrom,
  SUBGRAPH_NAMES,
  subgraphUrlVariable,
  withQueryLimitCode,
  type GatewayConfig,
  type Logger,
  type RunningServer,
  type SubgraphName,
} from '@kantoor/platform';
import { EXPLORER_ASSETS_PATH, explorerRoutes } from './explorer.js';
import { gatewayObservability } from './observability.js';
import { createRateLimit } from './rate-limit.js';
import { SESSION_INVALID, SubgraphDataSource } from './subgraph-data-source.js';

export interface GatewayContext {
  requestId: string;
  logger: Logger;
  /** The caller's bearer token, verified here and forwarded; each subgraph verifies it again. */
  token: string | null;
  /** The caller's address (Express's req.ip, honouring KANTOOR_TRUST_PROXY), forwarded. */
  clientAddress: string | null;
}

/** The checked-in, build-time composed supergraph. */
export const SUPERGRAPH_PATH = resolve(__dirname, '..', '..', 'schema', 'supergraph.graphql');

function isSubgraphName(name: string): name is SubgraphName {
  return (SUBGRAPH_NAMES as readonly string[]).includes(name);
}

/**
 * Gateway errors: masking as in the subgraphs, plus our own SERVICE_UNAVAILABLE (without the
 * service's name in production) and the query limits' QUERY_TOO_COMPLEX.
 */
function formatGatewayError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (formatted.extensions?.code === 'SERVICE_UNAVAILABLE') {
    const { service, ...extensions } = formatted.extensions;
    return {
      message: isProduction() ? 'A service is unavailable; try again shortly.' : formatted.message,
      path: formatted.path,
      extensions: isProduction() ? extensions : { ...extensions, service },
    };
  }
  const masked = maskError(withQueryLimitCode(formatted));
  if (isProduction() && masked.extensions && 'serviceName' in masked.extensions) {
    // Which subgraph answered is internal: not shown to clients in production.
    const { serviceName: _serviceName, ...extensions } = masked.extensions;
    return { ...masked, extensions };
  }
  return masked;
}

function isIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * Production behaviour that needs the request: no introspection for anonymous callers;
 * masked errors carry the request id (ops find the log line); a token the subgraphs
 * refused (revoked, logged out, deactivated) answers 401 like a bad token does.
 */
function requestPlugin(production: boolean): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          if (production && !contextValue.token && isIntrospection(document)) {
            throw new GraphQLError('Log in to introspect the schema.', {
              extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
            });
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (!result.errors) return;
          result.errors = result.errors.map((error) =>
            error.extensions?.code === 'INTERNAL_SERVER_ERROR'
              ? { ...error, extensions: { ...error.extensions, requestId: contextValue.requestId } }
              : error,
          );
          if (
            result.errors.some(
              (e) => e.extensions?.code === 'UNAUTHENTICATED' && e.message === SESSION_INVALID,
            )
          ) {
            response.http.status = 401;
          }
        },
      };
    },
  };
}

/** "true"/"false", a hop count, or Express's list of trusted addresses and subnets. */
function trustProxy(value: string): boolean | number | string {
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}

/**
 * CORS for browser apps on other origins: only the origins of KANTOOR_CORS_ORIGINS (none by
 * default) get Access-Control-Allow-Origin; any other origin's preflight is answered without
 * it, so the browser refuses the call. Bearer tokens, no cookies: no credentials. Apollo's
 * CSRF prevention stays on (a request without a JSON content type or a preflight header is
 * refused), so a simple cross-site request cannot run an operation either.
 */
function corsFor(origins: readonly string[]) {
  const allowed = new Set(origins);
  return cors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'POST'],
    allowedHeaders: [
      'authorization',
      'content-type',
      'apollo-require-preflight',
      'x-apollo-operation-name',
      REQUEST_ID_HEADER,
    ],
    exposedHeaders: [
      REQUEST_ID_HEADER,
      'Retry-After',
      'RateLimit-Limit',
      'RateLimit-Remaining',
      'RateLimit-Reset',
      'RateLimit-Policy',
    ],
    credentials: false,
    maxAge: 600,
  });
}

export interface GatewayOptions {
  config: GatewayConfig;
  logger: Logger;
  /** Supergraph SDL; the checked-in file when omitted. */
  supergraphSdl?: string;
  port?: number;
  host?: string;
}

export async function startGateway(options: GatewayOptions): Promise<RunningServer> {
  const { config, logger } = options;
  const env = config as unknown as Record<string, string | undefined>;
  const urlOf = (name: SubgraphName, fallback: string) =>
    env[subgraphUrlVariable(name)] ?? fallback;
  const secretOf = (name: SubgraphName) => env[gatewaySecretVariable(name)]!;

  const dataSources: SubgraphDataSource[] = [];
  // Metrics (/metrics, subgraph call times) and readiness (/ready); access logs below.
  const observability = gatewayObservability(config, logger, dataSources);
  const gateway = new ApolloGateway({
    ...(config.KANTOOR_DEV_INTROSPECT
      ? {
          supergraphSdl: new IntrospectAndCompose({
            subgraphs: SUBGRAPH_NAMES.map((name) => ({
              name,
              url: urlOf(name, `http://127.0.0.1:${DEFAULT_PORTS[name]}/graphql`),
            })),
          }),
        }
      : { supergraphSdl: options.supergraphSdl ?? readFileSync(SUPERGRAPH_PATH, 'utf8') }),
    buildService: ({ name, url }) => {
      if (!isSubgraphName(name)) throw new Error(`unknown subgraph ${name} in the supergraph`);
      const dataSource = new SubgraphDataSource({
        subgraph: name,
        url: urlOf(name, url ?? ''),
        secret: secretOf(name),
        timeoutMs: config.KANTOOR_SUBGRAPH_TIMEOUT_MS,
        onCall: observability.onSubgraphCall,
      });
      dataSources.push(dataSource);
      return dataSource;
    },
    logger,
  });

  const app = express();
  app.disable('x-powered-by');
  // No ETag on answers: express hashes every response body for it, and a GraphQL POST is
  // never answered 304 (freshness applies to GET and HEAD only).
  app.set('etag', false);
  // First of all: one access-log line per request, under the request id settled here.
  app.use(accessLog(logger));
  if (config.KANTOOR_TRUST_PROXY) app.set('trust proxy', trustProxy(config.KANTOOR_TRUST_PROXY));
  const httpServer = createServer(app);
  const production = isProduction();
  const protection = queryLimitProtection<GatewayContext>(queryLimitsOf(config), {
    blockFieldSuggestions: production,
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    validationRules: protection.validationRules,
    parseOptions: protection.parseOptions,
    csrfPrevention: true,
    // Our own shutdown stops servers, workers and the database in order.
    stopOnTerminationSignals: false,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError: formatGatewayError,
    // Compact JSON: Apollo's default indents every response (JSON.stringify(v, null, 2)), which
    // costs CPU here and bytes to parse on the other side of every subgraph fetch.
    stringifyResult: compactJson,
    plugins: [
      ...protection.plugins,
      requestPlugin(production),
      hostileTextPlugin<GatewayContext>(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Apollo's default page loads Sandbox from a CDN and reports usage: our own explorer
      // (below) is served from local files instead.
      ApolloServerPluginLandingPageDisabled(),
      // No cache hints anywhere: no Cache-Control policy to compute per response.
      ApolloServerPluginCacheControlDisabled(),
      errorLoggingPlugin(logger),
      observability.metrics.graphqlPlugin<GatewayContext>(),
    ],
  });
  await apollo.start();

  const rateLimit = await createRateLimit({
    points: config.KANTOOR_RATE_LIMIT_POINTS,
    durationSeconds: config.KANTOOR_RATE_LIMIT_WINDOW_SECONDS,
    databaseUrl: config.KANTOOR_RATE_LIMIT_DATABASE_URL,
    jwtSecret: config.KANTOOR_JWT_SECRET,
    logger,
  });

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', observability.readyRoute);
  app.get('/metrics', observability.metricsRoute);
  if (config.KANTOOR_EXPLORER ?? !production) {
    const explorer = explorerRoutes();
    app.use(EXPLORER_ASSETS_PATH, explorer.assets);
    app.use('/graphql', explorer.page);
  }
  app.use(
    '/graphql',
    corsFor(config.KANTOOR_CORS_ORIGINS),
    (req: Request, res: Response, next: NextFunction) => {
      const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
      req.headers[REQUEST_ID_HEADER] = requestId;
      res.setHeader(REQUEST_ID_HEADER, requestId);
      next();
    },
    rateLimit.middleware,
    express.json({ limit: config.KANTOOR_MAX_BODY_BYTES }),
    jsonErrorHandler,
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const requestId = req.headers[REQUEST_ID_HEADER] as string;
        const token = bearerToken(req.header('authorization'));
        if (token) {
          try {
            // A JWT's signature, or an API token's shape (each subgraph looks it up).
            await checkBearerAtEdge(token, config.KANTOOR_JWT_SECRET);
          } catch (error) {
            if (error instanceof InvalidTokenError) {
              throw new GraphQLError(SESSION_INVALID, {
                extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
              });
            }
            throw error;
          }
        }
        return {
          requestId,
          logger: logger.child({ requestId }),
          token,
          clientAddress: req.ip ?? req.socket.remoteAddress ?? null,
        };
      },
    }),
  );

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolveListen, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port ?? config.PORT, host, () => {
      httpServer.off('error', reject);
      resolveListen();
    });
  });
  const port = (httpServer.address() as AddressInfo).port;
  return {
    port,
    url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/graphql`,
    stop: async () => {
      await apollo.stop();
      await rateLimit.close();
      await Promise.all(dataSources.map((d) => d.close().catch(() => undefined)));
    },
  };
}
