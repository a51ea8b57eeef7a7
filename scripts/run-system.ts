import { startGateway } from '@kantoor/gateway';
import {
  createLogger,
  DEFAULT_PORTS,
  EventBus,
  gatewayConfigSchema,
  parseConfig,
  runSubgraph,
  setUpSubgraph,
  subgraphConfigSchema,
  type RunningServer,
  type RunningSubgraph,
} from '@kantoor/platform';
import { ALL_SUBGRAPHS } from './subgraphs.js';

export interface KantoorOptions {
  databaseUrl: string;
  jwtSecret: string;
  /** Gateway secret per subgraph name. */
  secrets: Record<string, string>;
  logLevel: string;
  /** Fixed ports (npm start) or free ones (benchmarks). */
  ports: 'default' | 'free';
  host?: string;
  env?: Record<string, string | undefined>;
}

export interface RunningKantoor {
  gateway: RunningServer;
  subgraphs: RunningSubgraph[];
  stop(): Promise<void>;
}

/** Migrations and queues of every subgraph, then the five subgraphs and the gateway, in this process. */
export async function startKantoor(options: KantoorOptions): Promise<RunningKantoor> {
  const logger = createLogger('kantoor', options.logLevel);
  const events = await EventBus.start({ url: options.databaseUrl, logger, supervise: false });
  try {
    for (const definition of ALL_SUBGRAPHS) {
      await setUpSubgraph(definition, options.databaseUrl, logger, events);
    }
  } finally {
    await events.stop();
  }
  const subgraphs: RunningSubgraph[] = [];
  const stopSubgraphs = async () => {
    for (const s of subgraphs.reverse()) await s.stop().catch(() => undefined);
  };
  const gatewayEnv: Record<string, string | undefined> = {
    // Rate-limit counters shared in the system's PostgreSQL unless the environment says otherwise.
    KANTOOR_RATE_LIMIT_DATABASE_URL: options.databaseUrl,
    ...options.env,
    KANTOOR_JWT_SECRET: options.jwtSecret,
    LOG_LEVEL: options.logLevel,
    PORT: options.ports === 'free' ? '0' : (options.env?.PORT ?? String(DEFAULT_PORTS.gateway)),
  };
  try {
    for (const definition of ALL_SUBGRAPHS) {
      const config = parseConfig(subgraphConfigSchema, {
        DATABASE_URL: options.databaseUrl,
        KANTOOR_JWT_SECRET: options.jwtSecret,
        KANTOOR_GATEWAY_SECRET: options.secrets[definition.name],
        LOG_LEVEL: options.logLevel,
        KANTOOR_OPS_EMAIL: options.env?.KANTOOR_OPS_EMAIL,
        KANTOOR_OPS_PASSWORD: options.env?.KANTOOR_OPS_PASSWORD,
      });
      const running = await runSubgraph(definition, config, {
        port: options.ports === 'free' ? 0 : DEFAULT_PORTS[definition.name],
        logger: createLogger(definition.name, options.logLevel),
      });
      subgraphs.push(running);
      const upper = definition.name.toUpperCase();
      gatewayEnv[`KANTOOR_GATEWAY_SECRET_${upper}`] = options.secrets[definition.name];
      gatewayEnv[`KANTOOR_SUBGRAPH_URL_${upper}`] = running.url;
    }
    const gateway = await startGateway({
      config: parseConfig(gatewayConfigSchema, gatewayEnv),
      logger: createLogger('gateway', options.logLevel),
      host: options.host ?? '127.0.0.1',
    });
    return {
      gateway,
      subgraphs,
      stop: async () => {
        await gateway.stop().catch(() => undefined);
        await stopSubgraphs();
      },
    };
  } catch (error) {
    await stopSubgraphs();
    throw error;
  }
}
