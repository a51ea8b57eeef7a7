import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { startGateway } from '@kantoor/gateway';
import {
  createDataSource,
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
  type SubgraphDefinition,
  type SubgraphName,
  type SubgraphRuntime,
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
  /**
   * 'in-process' (default): the five subgraphs and the gateway share this process's event
   * loop. 'processes': each subgraph and the gateway is a child process of its own (one
   * event loop per service, as in production), stopped with this process.
   */
  mode?: 'in-process' | 'processes';
}

/** A running subgraph; `runtime` (database, events) only when it runs in this process. */
export interface SystemSubgraph extends RunningServer {
  name: SubgraphName;
  runtime?: SubgraphRuntime;
  /** Process id of its child process ('processes' mode). */
  pid?: number;
}

export interface RunningKantoor {
  gateway: RunningServer & { pid?: number };
  subgraphs: SystemSubgraph[];
  mode: 'in-process' | 'processes';
  stop(): Promise<void>;
}

/** Migrations and queues of every subgraph, then the five subgraphs and the gateway. */
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
  if (options.mode === 'processes') return startProcesses(options);
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
      mode: 'in-process',
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

/** A free TCP port on the loopback interface (asked from the OS, then released). */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

/** The compiled entry point (dist/main.js) of a workspace package. */
function entryPoint(pkg: string): string {
  return join(dirname(require.resolve(`${pkg}/package.json`)), 'dist', 'main.js');
}

/** A child service: started, ready when /health answers, stopped with SIGTERM. */
class ChildService {
  private exited: Promise<number | null>;
  constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {
    this.exited = new Promise((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  }

  async ready(healthUrl: string): Promise<void> {
    let failed = false;
    void this.exited.then(() => (failed = true));
    for (let i = 0; i < 1200; i++) {
      if (failed) throw new Error(`${this.name} exited during start-up (see its output above)`);
      try {
        const response = await fetch(healthUrl);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100)); // start-up poll, not a measurement
    }
    throw new Error(`${this.name} did not become ready at ${healthUrl}`);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const killer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(killer);
  }
}

function spawnService(name: string, script: string, env: Record<string, string | undefined>) {
  const child = spawn(
    process.execPath,
    [...(process.env.KANTOOR_CHILD_NODE_OPTIONS?.split(' ').filter(Boolean) ?? []), script],
    {
      env: { ...process.env, ...env },
      // 'ipc': a child whose parent is gone (even killed hard) notices the closed channel and stops.
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  return new ChildService(name, child);
}

/** Each subgraph and the gateway in a child process of its own; migrations have run. */
async function startProcesses(options: KantoorOptions): Promise<RunningKantoor> {
  const host = options.host ?? '127.0.0.1';
  const children: ChildService[] = [];
  const stopAll = async () => {
    await Promise.all(children.map((c) => c.stop().catch(() => undefined)));
  };
  try {
    const subgraphs: SystemSubgraph[] = [];
    const gatewayEnv: Record<string, string | undefined> = {
      KANTOOR_RATE_LIMIT_DATABASE_URL: options.databaseUrl,
      ...options.env,
      KANTOOR_JWT_SECRET: options.jwtSecret,
      LOG_LEVEL: options.logLevel,
      HOST: host,
    };
    await Promise.all(
      ALL_SUBGRAPHS.map(async (definition: SubgraphDefinition) => {
        const port = options.ports === 'free' ? await freePort() : DEFAULT_PORTS[definition.name];
        const service = spawnService(definition.name, entryPoint(`@kantoor/${definition.name}`), {
          ...options.env,
          DATABASE_URL: options.databaseUrl,
          KANTOOR_JWT_SECRET: options.jwtSecret,
          KANTOOR_GATEWAY_SECRET: options.secrets[definition.name],
          LOG_LEVEL: options.logLevel,
          PORT: String(port),
          HOST: host,
          KANTOOR_MIGRATE: 'false',
        });
        children.push(service);
        const base = `http://${host}:${port}`;
        await service.ready(`${base}/health`);
        subgraphs.push({
          name: definition.name,
          port,
          url: `${base}/graphql`,
          pid: service.child.pid,
          stop: () => service.stop(),
        });
        const upper = definition.name.toUpperCase();
        gatewayEnv[`KANTOOR_GATEWAY_SECRET_${upper}`] = options.secrets[definition.name];
        gatewayEnv[`KANTOOR_SUBGRAPH_URL_${upper}`] = `${base}/graphql`;
      }),
    );
    subgraphs.sort(
      (a, b) =>
        ALL_SUBGRAPHS.findIndex((s) => s.name === a.name) -
        ALL_SUBGRAPHS.findIndex((s) => s.name === b.name),
    );
    const gatewayPort =
      options.ports === 'free'
        ? await freePort()
        : Number(options.env?.PORT ?? DEFAULT_PORTS.gateway);
    const gateway = spawnService('gateway', entryPoint('@kantoor/gateway'), {
      ...gatewayEnv,
      PORT: String(gatewayPort),
    });
    children.push(gateway);
    const gatewayBase = `http://${host === '0.0.0.0' ? 'localhost' : host}:${gatewayPort}`;
    await gateway.ready(`${gatewayBase}/health`);
    return {
      gateway: {
        port: gatewayPort,
        url: `${gatewayBase}/graphql`,
        pid: gateway.child.pid,
        stop: () => gateway.stop(),
      },
      subgraphs,
      mode: 'processes',
      stop: async () => {
        // The gateway first, then the subgraphs: no request is sent to a stopped subgraph.
        await gateway.stop();
        await stopAll();
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/**
 * A subgraph's database and event bus in this process without its server: for a benchmark
 * that calls services directly while the subgraphs run as processes. No event workers.
 */
export async function localRuntime(
  definition: SubgraphDefinition,
  databaseUrl: string,
  logLevel = 'error',
): Promise<SubgraphRuntime & { close(): Promise<void> }> {
  const logger = createLogger(definition.name, logLevel);
  const dataSource = createDataSource({
    url: databaseUrl,
    schema: definition.schema,
    entities: definition.entities,
    migrations: definition.migrations,
  });
  await dataSource.initialize();
  const events = await EventBus.start({ url: databaseUrl, logger, supervise: false });
  const config = parseConfig(subgraphConfigSchema, {
    DATABASE_URL: databaseUrl,
    KANTOOR_JWT_SECRET: 'x'.repeat(32),
    KANTOOR_GATEWAY_SECRET: 'x'.repeat(32),
    LOG_LEVEL: logLevel,
  });
  return {
    dataSource,
    events,
    logger,
    config,
    close: async () => {
      await events.stop();
      await dataSource.destroy();
    },
  };
}
