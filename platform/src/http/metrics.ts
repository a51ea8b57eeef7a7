import type { ApolloServerPlugin, BaseContext as ApolloBaseContext } from '@apollo/server';
import type { Request, Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { bearerToken } from '../auth/jwt.js';
import { isProduction } from '../config.js';
import type { EventBus } from '../events/event-bus.js';
import type { Logger } from '../logger.js';
import { secretMatches } from './secret.js';

/**
 * Prometheus metrics of one server (the gateway or one subgraph), in a registry of its own:
 * tests and `npm start`'s in-process mode run several servers in one process, and
 * prom-client's global registry would refuse a second metric of the same name.
 */

let processRegistry: Registry | undefined;

/**
 * Node's process metrics (CPU, memory, event-loop lag, GC, handles), collected once per
 * process: each collectDefaultMetrics call starts observers of its own that are never
 * stopped, and every server of one process would report the same numbers anyway.
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** Who may read /metrics, from KANTOOR_METRICS and KANTOOR_METRICS_TOKEN. */
export interface MetricsAccess {
  enabled: boolean;
  /** When set, a scrape must present it as `Authorization: Bearer <token>`. */
  token?: string;
}

/**
 * /metrics is served on the server's own port, so it must not be readable from outside by
 * accident: with KANTOOR_METRICS_TOKEN set, only a scraper presenting that token reads it
 * (in development too); without one it is on in development and off under
 * NODE_ENV=production unless KANTOOR_METRICS=true says the port is private.
 * KANTOOR_METRICS=false switches it off everywhere.
 */
export function metricsAccessOf(
  config: { KANTOOR_METRICS?: boolean; KANTOOR_METRICS_TOKEN?: string },
  production = isProduction(),
): MetricsAccess {
  if (config.KANTOOR_METRICS === false) return { enabled: false };
  if (config.KANTOOR_METRICS_TOKEN) return { enabled: true, token: config.KANTOOR_METRICS_TOKEN };
  return { enabled: config.KANTOOR_METRICS ?? !production };
}

export type OperationOutcome = 'ok' | 'errors';

/**
 * Operation names are chosen by clients: a bounded set of label values keeps a client that
 * sends a new name with every request from growing the registry without end.
 */
const MAX_OPERATION_NAMES = 500;
const MAX_NAME_LENGTH = 100;
/** Label values that no GraphQL name can take (names are [_A-Za-z][_0-9A-Za-z]*). */
const ANONYMOUS = '(anonymous)';
const UNRESOLVED = '(unresolved)';
const OTHER = '(other)';

export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly operations: Counter<'operation_name' | 'operation_type' | 'outcome'>;
  private readonly durations: Histogram<'operation_name' | 'operation_type' | 'outcome'>;
  private readonly names = new Set<string>();

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    this.operations = new Counter({
      name: 'kantoor_graphql_operations_total',
      help: 'GraphQL operations answered, by operation name, type and outcome (errors: the response had errors).',
      labelNames: ['operation_name', 'operation_type', 'outcome'],
      registers: [this.registry],
    });
    this.durations = new Histogram({
      name: 'kantoor_graphql_operation_duration_seconds',
      help: 'Time from the start of a GraphQL operation to its response, by operation name, type and outcome.',
      labelNames: ['operation_name', 'operation_type', 'outcome'],
      registers: [this.registry],
    });
  }

  /** Another histogram in this server's registry (default buckets, in seconds). */
  histogram<L extends string>(name: string, help: string, labelNames: readonly L[]): Histogram<L> {
    return new Histogram({ name, help, labelNames, registers: [this.registry] });
  }

  /** The operation-name label: the name, or a fixed value once too many names were seen. */
  private nameLabel(name: string | null | undefined, resolved: boolean): string {
    if (!resolved) return UNRESOLVED;
    if (!name) return ANONYMOUS;
    if (this.names.has(name)) return name;
    if (name.length > MAX_NAME_LENGTH || this.names.size >= MAX_OPERATION_NAMES) return OTHER;
    this.names.add(name);
    return name;
  }

  /** Counts and times every operation this Apollo Server answers. */
  graphqlPlugin<C extends ApolloBaseContext>(): ApolloServerPlugin<C> {
    return {
      requestDidStart: async () => {
        const started = process.hrtime.bigint();
        return {
          willSendResponse: async ({ response, operation, operationName }) => {
            const body = response.body;
            const errors =
              body.kind === 'single' ? body.singleResult.errors : body.initialResult.errors;
            const labels = {
              operation_name: this.nameLabel(operationName, operation !== undefined),
              operation_type: operation?.operation ?? 'unknown',
              outcome: (errors && errors.length > 0 ? 'errors' : 'ok') satisfies OperationOutcome,
            };
            this.operations.inc(labels);
            this.durations.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
          },
        };
      },
    };
  }

  /** The exposition text: this server's metrics, then the process's. */
  async text(): Promise<string> {
    const own = await this.registry.metrics();
    return `${own}\n${await processMetrics().metrics()}`;
  }

  /**
   * GET /metrics: 404 when off (as if there were no such path), 401 without the token when
   * one is configured, else the Prometheus text format.
   */
  handler(access: MetricsAccess, onError: (error: unknown) => void) {
    return async (req: Request, res: Response): Promise<void> => {
      if (!access.enabled) {
        res.status(404).type('text/plain').send('Not found');
        return;
      }
      if (
        access.token &&
        !secretMatches(bearerToken(req.header('authorization')) ?? undefined, access.token)
      ) {
        res.status(401).set('WWW-Authenticate', 'Bearer').type('text/plain').send('Unauthorized');
        return;
      }
      try {
        const text = await this.text();
        // Not res.type()/send(): Express would rewrite Prometheus's content type.
        res.status(200).setHeader('Content-Type', this.registry.contentType);
        res.end(text);
      } catch (error) {
        onError(error);
        res.status(500).type('text/plain').send('Metrics unavailable');
      }
    };
  }
}

/** What a subgraph's gauges read at scrape time. */
export interface SubgraphGaugeSources {
  dataSource: DataSource;
  events: EventBus;
  /** The queues this subgraph consumes (their dead-letter queues are counted too). */
  queues: readonly string[];
  logger: Logger;
}

/** The parts of node-postgres's Pool the gauges read (TypeORM's driver keeps it as `master`). */
interface PgPoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options?: { max?: number };
}

/**
 * A subgraph's own gauges, read when Prometheus scrapes (never per request): its database
 * pool, the depth of the event queues it consumes, and its failing deliveries. A failed read
 * leaves the event gauges empty for that scrape (an alert on absent() sees it) and is logged.
 */
export function registerSubgraphGauges(registry: Registry, sources: SubgraphGaugeSources): void {
  const pool = () =>
    (sources.dataSource.driver as unknown as { master?: PgPoolCounts }).master ?? null;
  const poolGauge = (name: string, help: string, read: (p: PgPoolCounts) => number | undefined) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        const p = pool();
        const value = p ? read(p) : undefined;
        if (value === undefined) this.reset();
        else this.set(value);
      },
    });
  poolGauge(
    'kantoor_db_pool_connections',
    'Open connections of the database pool.',
    (p) => p.totalCount,
  );
  poolGauge(
    'kantoor_db_pool_idle_connections',
    'Idle connections of the database pool.',
    (p) => p.idleCount,
  );
  poolGauge(
    'kantoor_db_pool_waiting_clients',
    'Queries waiting for a connection of the database pool.',
    (p) => p.waitingCount,
  );
  poolGauge(
    'kantoor_db_pool_max_connections',
    'Size limit of the database pool.',
    (p) => p.options?.max,
  );

  const queues = [...sources.queues, ...sources.queues.map((q) => `${q}.dead`)];
  new Gauge({
    name: 'kantoor_event_queue_depth',
    help: 'Events waiting in a queue this subgraph consumes (new, or due for a retry); <queue>.dead holds the dead-lettered ones.',
    labelNames: ['queue'],
    registers: [registry],
    async collect() {
      this.reset();
      if (queues.length === 0) return;
      try {
        const depths = await sources.events.queueDepths(queues);
        for (const queue of queues) this.set({ queue }, depths.get(queue) ?? 0);
      } catch (error) {
        sources.logger.warn({ err: error }, 'metrics: reading the event queue depths failed');
      }
    },
  });
  new Gauge({
    name: 'kantoor_event_failed_deliveries',
    help: 'Deliveries whose handler failed, by state: RETRYING (waiting for a retry) or DEAD_LETTERED (given up; ops retry them).',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      if (sources.queues.length === 0) return;
      try {
        const counts = await sources.events.failureCounts(sources.queues);
        for (const queue of sources.queues) {
          for (const state of ['RETRYING', 'DEAD_LETTERED'] as const) {
            const found = counts.find((c) => c.queue === queue && c.state === state);
            this.set({ queue, state }, found?.count ?? 0);
          }
        }
      } catch (error) {
        sources.logger.warn({ err: error }, 'metrics: reading the failed deliveries failed');
      }
    },
  });
}
