import {
  createLogger,
  gatewayConfigSchema,
  parseConfig,
  type Logger,
  type RunningServer,
  type SubgraphConfig,
  type SubgraphDefinition,
  type SubgraphName,
} from '@kantoor/platform';
import {
  createTestDatabase,
  postGraphQL,
  startTestSubgraph,
  TEST_JWT_SECRET,
  type RequestOptions,
  type TestDatabase,
  type TestSubgraph,
} from '@kantoor/platform/testing';
import { startGateway } from '@kantoor/gateway';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_SUBGRAPHS } from '../scripts/subgraphs';
import { Factories } from './factories';

export interface TestSystem {
  db: TestDatabase;
  gateway: RunningServer;
  subgraphs: Record<SubgraphName, TestSubgraph>;
  /** A GraphQL request through the gateway over HTTP. */
  query<D = Record<string, unknown>>(
    q: string,
    options?: RequestOptions,
  ): ReturnType<typeof postGraphQL<D>>;
  stop(): Promise<void>;
}

/**
 * The whole system for one test file: a fresh database, the five real subgraphs on free
 * ports, and the real gateway serving the checked-in supergraph, wired by configuration.
 */
export async function startTestSystem(
  options: {
    subgraphTimeoutMs?: number;
    maxBodyBytes?: number;
    /** Configuration every subgraph gets on top of the test defaults. */
    subgraphConfig?: Partial<SubgraphConfig>;
    /** KANTOOR_JWT_SECRET of the gateway and every subgraph (default TEST_JWT_SECRET). */
    jwtSecret?: string;
    /** Run on another system's database (which that system drops), e.g. a key rotation. */
    database?: TestDatabase;
    /** Loggers of the gateway and of subgraphs (default: silent), e.g. to read access logs. */
    loggers?: Partial<Record<SubgraphName | 'gateway', Logger>>;
    /** Configuration the gateway gets on top of the test defaults (environment strings). */
    gatewayEnv?: Record<string, string>;
    /** The gateway keeps its rate-limit counters in the test database (as replicas do). */
    rateLimitInDatabase?: boolean;
    /** Changes a subgraph's definition before it starts (fault tests inject failures). */
    wrap?: (definition: SubgraphDefinition) => SubgraphDefinition;
  } = {},
): Promise<TestSystem> {
  const shared = options.database;
  const db: TestDatabase = shared
    ? { ...shared, drop: async () => undefined }
    : await createTestDatabase();
  const jwtSecret = options.jwtSecret ?? TEST_JWT_SECRET;
  const subgraphs = {} as Record<SubgraphName, TestSubgraph>;
  try {
    await Promise.all(
      ALL_SUBGRAPHS.map(async (definition) => {
        const wrapped = options.wrap ? options.wrap(definition) : definition;
        subgraphs[definition.name] = await startTestSubgraph(
          wrapped,
          db.url,
          { KANTOOR_JWT_SECRET: jwtSecret, ...options.subgraphConfig },
          { logger: options.loggers?.[definition.name] },
        );
      }),
    );
    const env: Record<string, string> = {
      KANTOOR_JWT_SECRET: jwtSecret,
      PORT: '0',
      LOG_LEVEL: 'silent',
      KANTOOR_SUBGRAPH_TIMEOUT_MS: String(options.subgraphTimeoutMs ?? 10_000),
      KANTOOR_MAX_BODY_BYTES: String(options.maxBodyBytes ?? 1_000_000),
      // Tests play several clients through X-Forwarded-For (login throttling per address).
      KANTOOR_TRUST_PROXY: 'loopback',
    };
    if (options.rateLimitInDatabase) env.KANTOOR_RATE_LIMIT_DATABASE_URL = db.url;
    for (const definition of ALL_SUBGRAPHS) {
      const upper = definition.name.toUpperCase();
      env[`KANTOOR_GATEWAY_SECRET_${upper}`] = subgraphs[definition.name].gatewaySecret;
      env[`KANTOOR_SUBGRAPH_URL_${upper}`] = subgraphs[definition.name].url;
    }
    const gateway = await startGateway({
      config: parseConfig(gatewayConfigSchema, { ...env, ...options.gatewayEnv }),
      logger: options.loggers?.gateway ?? createLogger('gateway', 'silent'),
      supergraphSdl: readFileSync(join(__dirname, '..', 'schema', 'supergraph.graphql'), 'utf8'),
      port: 0,
    });
    return {
      db,
      gateway,
      subgraphs,
      query: (q, requestOptions) => postGraphQL(gateway.url, q, requestOptions),
      stop: async () => {
        await gateway.stop();
        await Promise.all(Object.values(subgraphs).map((s) => s.stop().catch(() => undefined)));
        await db.drop();
        // pg-boss's stop leaves a loop that checks its stopped workers again after 1 s
        // (manager.offWork: `await delay(1000)`, requiring node:timers/promises lazily); if
        // jest tears the module registry down first, the file fails after all its tests
        // passed ("Cannot destructure property 'setTimeout'"). Let that loop finish: two
        // rounds, since a worker still finishing its last batch needs a second look.
        await new Promise((resolve) => setTimeout(resolve, 2100));
      },
    };
  } catch (error) {
    await Promise.all(Object.values(subgraphs).map((s) => s.stop().catch(() => undefined)));
    await db.drop();
    throw error;
  }
}

/**
 * The usual setup of an integration test file: one system for the file, with factories
 * on tenancy's database. Use in beforeAll; stop the system in afterAll.
 */
export async function startTestSystemWithFactories(
  options?: Parameters<typeof startTestSystem>[0],
): Promise<{ system: TestSystem; make: Factories }> {
  const system = await startTestSystem(options);
  const tenancy = system.subgraphs.tenancy.runtime;
  return { system, make: new Factories(tenancy.dataSource, tenancy.events) };
}
