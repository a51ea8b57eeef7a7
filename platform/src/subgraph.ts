import type { GraphQLSchema } from 'graphql';
import type { DataSource, EntitySchema, MixedList } from 'typeorm';
import {
  DEFAULT_PORTS,
  parseConfig,
  subgraphConfigSchema,
  type SubgraphConfig,
  type SubgraphName,
  queryLimitsOf,
} from './config.js';
import type { BaseContext } from './context.js';
import type { RuleMap } from './authz/rules.js';
import { createDataSource, migrate } from './db/data-source.js';
import { EventBus, type Subscription } from './events/event-bus.js';
import { OpenActionsReporter, type OpenActionsSource } from './events/open-actions.js';
import { metricsAccessOf, registerSubgraphGauges, ServiceMetrics } from './http/metrics.js';
import { startSubgraphServer, type RunningServer } from './http/subgraph-server.js';
import { createLogger, type Logger } from './logger.js';
import { describeStartupError, onShutdown } from './startup.js';

/** What a running subgraph has at hand: its database, the event bus, its logger and config. */
export interface SubgraphRuntime {
  dataSource: DataSource;
  events: EventBus;
  logger: Logger;
  config: SubgraphConfig;
}

/**
 * `build(runtime)` once per runtime: a subgraph's services (stateless, holding the database
 * and the event bus) are built at start-up's first request and reused, instead of per
 * request. Per-request state (loaders, the viewer) stays in the context.
 */
export function oncePerRuntime<R extends object, T>(build: (runtime: R) => T): (runtime: R) => T {
  const built = new WeakMap<R, T>();
  return (runtime) => {
    let value = built.get(runtime);
    if (value === undefined) {
      value = build(runtime);
      built.set(runtime, value);
    }
    return value;
  };
}

/** Everything start-up, tests and the schema pipeline need to know about one subgraph. */
export interface SubgraphDefinition<C extends BaseContext = BaseContext> {
  name: SubgraphName;
  /** PostgreSQL schema it owns. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  /** The shielded subgraph schema; needs no database. */
  buildSchema(): Promise<GraphQLSchema>;
  /** The rule maps the schema is shielded with (the meta-test checks them for gaps). */
  rules: RuleMap[];
  /** The dashboard's open actions this module counts and reports to tenancy (issue 14). */
  openActions?: OpenActionsSource;
  /** Events this subgraph consumes. */
  subscriptions?(runtime: SubgraphRuntime): Subscription[];
  /** Per request: the base context plus this subgraph's loaders and services. */
  createContext(base: BaseContext, runtime: SubgraphRuntime): C;
  /** Runs after migrations at start-up (e.g. upserting the ops user). */
  onStart?(runtime: SubgraphRuntime): Promise<void>;
}

/**
 * Deploy step for one subgraph: its schema and migrations, its queues and subscriptions.
 * Safe to run from several processes at once.
 */
export async function setUpSubgraph(
  definition: SubgraphDefinition,
  url: string,
  logger: Logger,
  events?: EventBus,
): Promise<void> {
  const dataSource = createDataSource({
    url,
    schema: definition.schema,
    entities: definition.entities,
    migrations: definition.migrations,
    poolSize: 2,
  });
  await migrate(dataSource, logger);
  if (definition.subscriptions) {
    const bus = events ?? (await EventBus.start({ url, logger, supervise: false }));
    try {
      const subs = definition.subscriptions({
        dataSource,
        events: bus,
        logger,
        config: {} as SubgraphConfig,
      });
      await bus.declare(subs);
    } finally {
      if (!events) await bus.stop();
    }
  }
}

export interface RunningSubgraph extends RunningServer {
  name: SubgraphName;
  runtime: SubgraphRuntime;
}

export interface RunSubgraphOptions {
  port?: number;
  host?: string;
  logger?: Logger;
  pollingIntervalSeconds?: number;
}

/** Starts one subgraph: database, event workers, HTTP server. Migrations must have run. */
export async function runSubgraph(
  definition: SubgraphDefinition,
  config: SubgraphConfig,
  options: RunSubgraphOptions = {},
): Promise<RunningSubgraph> {
  const logger = options.logger ?? createLogger(definition.name, config.LOG_LEVEL);
  const dataSource = createDataSource({
    url: config.DATABASE_URL,
    schema: definition.schema,
    entities: definition.entities,
    migrations: definition.migrations,
  });
  await dataSource.initialize();
  let events: EventBus | undefined;
  let reporter: OpenActionsReporter | undefined;
  try {
    events = await EventBus.start({
      url: config.DATABASE_URL,
      logger,
      pollingIntervalSeconds: options.pollingIntervalSeconds,
    });
    const runtime: SubgraphRuntime = { dataSource, events, logger, config };
    await definition.onStart?.(runtime);
    const subscriptions = definition.subscriptions?.(runtime) ?? [];
    if (config.KANTOOR_EVENT_WORKERS && subscriptions.length > 0) {
      await events.declare(subscriptions);
      await events.work(subscriptions, dataSource, definition.schema);
    }
    reporter =
      config.KANTOOR_EVENT_WORKERS && definition.openActions
        ? new OpenActionsReporter(dataSource, events, definition.openActions, logger)
        : undefined;
    reporter?.start();
    const schema = await definition.buildSchema();
    const metrics = new ServiceMetrics(definition.name);
    registerSubgraphGauges(metrics.registry, {
      dataSource,
      events,
      queues: subscriptions.map((s) => s.queue),
      logger,
    });
    const server = await startSubgraphServer(
      {
        name: definition.name,
        schema,
        dataSource,
        jwtSecret: config.KANTOOR_JWT_SECRET,
        gatewaySecret: config.KANTOOR_GATEWAY_SECRET,
        logger,
        extendContext: (base) => definition.createContext(base, runtime),
        maxBodyBytes: config.KANTOOR_MAX_BODY_BYTES,
        queryLimits: queryLimitsOf(config),
        metrics,
        metricsAccess: metricsAccessOf(config),
      },
      options.port ?? config.PORT ?? 0,
      options.host,
    );
    const bus = events;
    return {
      ...server,
      name: definition.name,
      runtime,
      stop: async () => {
        await server.stop();
        await reporter?.stop();
        await bus.stop();
        await dataSource.destroy();
      },
    };
  } catch (error) {
    await reporter?.stop().catch(() => undefined);
    await events?.stop().catch(() => undefined);
    await dataSource.destroy().catch(() => undefined);
    throw error;
  }
}

/**
 * Entry point of a subgraph run as its own process (docker-compose, production):
 * configuration from the environment, migrations, then the server.
 */
export async function runSubgraphMain(definition: SubgraphDefinition): Promise<void> {
  try {
    const config = parseConfig(subgraphConfigSchema, process.env);
    const logger = createLogger(definition.name, config.LOG_LEVEL);
    if (process.env.KANTOOR_MIGRATE !== 'false') {
      await setUpSubgraph(definition, config.DATABASE_URL, logger);
    }
    const running = await runSubgraph(definition, config, {
      port: config.PORT ?? DEFAULT_PORTS[definition.name],
      host: process.env.HOST ?? '0.0.0.0',
      logger,
    });
    logger.info({ url: running.url }, `${definition.name} subgraph ready`);
    onShutdown(running.stop);
  } catch (error) {
    console.error(`${definition.name}: ${describeStartupError(error)}`);
    process.exit(1);
  }
}
