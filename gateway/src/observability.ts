import type { Request, Response } from 'express';
import {
  metricsAccessOf,
  ServiceMetrics,
  type GatewayConfig,
  type Logger,
} from '@kantoor/platform';
import type {
  SubgraphCallOutcome,
  SubgraphDataSource,
  SubgraphHealth,
} from './subgraph-data-source.js';

/** What GET /ready answers. */
export interface Readiness {
  status: 'ready' | 'unavailable';
  /** Subgraphs whose /health did not answer 2xx in time (503 only). */
  failing?: string[];
  subgraphs: Record<string, 'ok' | 'unavailable'>;
}

/**
 * The gateway's operations endpoints: Prometheus metrics (its operations, and each subgraph
 * call by subgraph and outcome) and readiness. `/health` stays the liveness check (the
 * process answers); `/ready` says whether it can serve, by asking every subgraph's /health.
 */
export function gatewayObservability(
  config: GatewayConfig,
  logger: Logger,
  /** The gateway's data sources, one per subgraph once the supergraph is loaded. */
  dataSources: readonly SubgraphDataSource[],
) {
  const metrics = new ServiceMetrics('gateway');
  const subgraphCalls = metrics.histogram(
    'kantoor_subgraph_call_duration_seconds',
    'Time of one call from the gateway to a subgraph, by subgraph and outcome (ok: a 2xx answer; error: another status or a network failure; timeout).',
    ['subgraph', 'outcome'],
  );

  // Concurrent readiness probes share one round of checks: a flood of /ready calls costs
  // the subgraphs no more than one probe in flight.
  let inFlight: Promise<Readiness> | undefined;
  const check = async (): Promise<Readiness> => {
    const results = await Promise.all(
      dataSources.map(async (d): Promise<[string, SubgraphHealth]> => [
        d.subgraph,
        await d.health(config.KANTOOR_READY_TIMEOUT_MS),
      ]),
    );
    const subgraphs: Readiness['subgraphs'] = {};
    const failing: string[] = [];
    for (const [name, health] of results) {
      subgraphs[name] = health.ok ? 'ok' : 'unavailable';
      if (!health.ok) {
        failing.push(name);
        logger.warn({ subgraph: name, detail: health.detail }, 'readiness: subgraph unavailable');
      }
    }
    return failing.length === 0 && results.length > 0
      ? { status: 'ready', subgraphs }
      : { status: 'unavailable', failing, subgraphs };
  };

  return {
    metrics,
    onSubgraphCall: (subgraph: string, seconds: number, outcome: SubgraphCallOutcome) => {
      subgraphCalls.observe({ subgraph, outcome }, seconds);
    },
    /** GET /metrics, as KANTOOR_METRICS and KANTOOR_METRICS_TOKEN allow. */
    metricsRoute: metrics.handler(metricsAccessOf(config), (error) =>
      logger.error({ err: error }, 'metrics: collecting failed'),
    ),
    /** GET /ready: 200 when every subgraph's /health answers, else 503 naming the others. */
    readyRoute: async (_req: Request, res: Response): Promise<void> => {
      if (!inFlight) {
        inFlight = check();
        const forget = () => (inFlight = undefined);
        inFlight.then(forget, forget);
      }
      const readiness = await inFlight;
      res.status(readiness.status === 'ready' ? 200 : 503).json(readiness);
    },
  };
}
