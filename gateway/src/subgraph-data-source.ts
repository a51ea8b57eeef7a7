import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { Pool } from 'undici';
import {
  CLIENT_ADDRESS_HEADER,
  GATEWAY_SECRET_HEADER,
  REQUEST_ID_HEADER,
  type Logger,
} from '@kantoor/platform';

type GatewayGraphQLResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

/** What the data source needs of the gateway's per-request context. */
export interface DataSourceContext {
  requestId?: string;
  logger?: Logger;
  token?: string | null;
  clientAddress?: string | null;
}

export const SESSION_INVALID = 'Your session is not valid; log in again.';

/** A subgraph's raw answer: status and body text (parsed per caller, never shared as objects). */
interface RawAnswer {
  status: number;
  text: string;
}

class SubgraphTimeoutError extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'SubgraphTimeoutError';
  }
}

export interface SubgraphDataSourceOptions {
  subgraph: string;
  url: string;
  secret: string;
  timeoutMs: number;
  /** Most connections kept open to the subgraph (keep-alive). */
  connections?: number;
  /** Told the duration and outcome of each call sent over the network (metrics). */
  onCall?: (subgraph: string, seconds: number, outcome: SubgraphCallOutcome) => void;
}

/**
 * How a call sent to a subgraph ended: `ok` a 2xx answer (which may still carry GraphQL
 * errors), `error` another status or a network failure, `timeout` no answer in time.
 */
export type SubgraphCallOutcome = 'ok' | 'error' | 'timeout';

/** What GET /health of a subgraph answered (readiness). */
export interface SubgraphHealth {
  ok: boolean;
  /** The HTTP status, or why there was none. */
  detail: string;
}

/**
 * Calls one subgraph with the caller's token, the caller's address, the request id and that
 * subgraph's secret, over a keep-alive undici Pool (no fetch, no web streams, no response
 * compression: the body is plain JSON on the loopback or a private network).
 *
 * Identical queries in flight at the same time are sent once: the key holds everything that
 * can change the answer (the subgraph, the operation text, its variables and operation name,
 * the caller's token and the caller's address); only the request id is left out, so the
 * second caller's request is logged by the subgraph under the first one's id. Mutations are
 * never shared. Each caller parses the shared body text into objects of its own, because the
 * query-plan executor merges later fetches into those objects.
 *
 * The timeout is one timer per call that aborts it, not fetch + AbortSignal.timeout.
 */
export class SubgraphDataSource implements GraphQLDataSource<DataSourceContext> {
  private readonly pool: Pool;
  private readonly path: string;
  private readonly healthPath: string;
  private readonly inFlight = new Map<string, Promise<RawAnswer>>();

  constructor(private readonly options: SubgraphDataSourceOptions) {
    const url = new URL(options.url);
    this.path = `${url.pathname}${url.search}`;
    // Beside the GraphQL path: http://host:4001/graphql -> http://host:4001/health.
    this.healthPath = new URL('health', url).pathname;
    this.pool = new Pool(url.origin, {
      connections: options.connections ?? 128,
      keepAliveTimeout: 4_000,
      // Our own timer bounds the call; undici's would only duplicate it.
      headersTimeout: 0,
      bodyTimeout: 0,
    });
  }

  /** The subgraph this data source calls. */
  get subgraph(): string {
    return this.options.subgraph;
  }

  /** Subgraph calls made so far that reached the network (for tests). */
  sent = 0;

  async process(
    options: GraphQLDataSourceProcessOptions<DataSourceContext>,
  ): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    const context = (options.context ?? {}) as DataSourceContext;
    if (!request.query) throw new Error('Missing query');
    const body = JSON.stringify({
      query: request.query,
      variables: request.variables,
      operationName: request.operationName,
      extensions: request.extensions,
    });
    const token = context.token ?? null;
    const clientAddress = context.clientAddress ?? null;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      [GATEWAY_SECRET_HEADER]: this.options.secret,
    };
    if (context.requestId) headers[REQUEST_ID_HEADER] = context.requestId;
    if (token) headers.authorization = `Bearer ${token}`;
    if (clientAddress) headers[CLIENT_ADDRESS_HEADER] = clientAddress;

    let answer: RawAnswer;
    try {
      if (isQuery(request.query)) {
        const key = `${token ?? ''}\n${clientAddress ?? ''}\n${body}`;
        let shared = this.inFlight.get(key);
        if (!shared) {
          shared = this.send(headers, body);
          this.inFlight.set(key, shared);
          const forget = () => this.inFlight.delete(key);
          shared.then(forget, forget);
        }
        answer = await shared;
      } else {
        answer = await this.send(headers, body);
      }
    } catch (error) {
      throw this.unavailable(error, context);
    }
    return this.toResponse(answer, context);
  }

  private async send(headers: Record<string, string>, body: string): Promise<RawAnswer> {
    this.sent++;
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new SubgraphTimeoutError(this.options.timeoutMs)),
      this.options.timeoutMs,
    );
    const started = process.hrtime.bigint();
    let outcome: SubgraphCallOutcome = 'error';
    try {
      const response = await this.pool.request({
        path: this.path,
        method: 'POST',
        headers,
        body,
        signal: controller.signal,
      });
      const text = await response.body.text();
      if (response.statusCode >= 200 && response.statusCode < 300) outcome = 'ok';
      return { status: response.statusCode, text };
    } catch (error) {
      if (controller.signal.aborted) outcome = 'timeout';
      throw error;
    } finally {
      clearTimeout(timer);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.options.onCall?.(this.options.subgraph, seconds, outcome);
    }
  }

  /**
   * GET /health of the subgraph over the same pool (readiness): ok for a 2xx answer within
   * `timeoutMs`. Never throws.
   */
  async health(timeoutMs: number): Promise<SubgraphHealth> {
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new SubgraphTimeoutError(timeoutMs)),
      timeoutMs,
    );
    try {
      const response = await this.pool.request({
        path: this.healthPath,
        method: 'GET',
        signal: controller.signal,
      });
      await response.body.dump();
      const ok = response.statusCode >= 200 && response.statusCode < 300;
      return { ok, detail: `${response.statusCode}` };
    } catch (error) {
      return {
        ok: false,
        detail: controller.signal.aborted
          ? `no answer within ${timeoutMs} ms`
          : error instanceof Error
            ? error.message
            : String(error),
      };
    } finally {
      clearTimeout(timer);
    }
  }

  private toResponse(answer: RawAnswer, context: DataSourceContext): GatewayGraphQLResponse {
    // The subgraph checked the token against the database and refused it (logged out,
    // deactivated, suspended): the caller must log in again.
    if (answer.status === 401) {
      throw new GraphQLError(SESSION_INVALID, { extensions: { code: 'UNAUTHENTICATED' } });
    }
    let parsed: { data?: unknown; errors?: { message?: string; extensions?: { code?: string } }[] };
    try {
      parsed = JSON.parse(answer.text) as typeof parsed;
    } catch (error) {
      throw this.unavailable(
        new Error(`${answer.status}: not JSON: ${answer.text.slice(0, 200)}`, { cause: error }),
        context,
      );
    }
    // The subgraph refused the request as bad input (e.g. a float where a Decimal string
    // belongs): pass its own GraphQL error on to the caller.
    if (answer.status === 400) {
      const first = parsed.errors?.[0];
      throw new GraphQLError(first?.message ?? 'Bad request.', {
        extensions: { code: first?.extensions?.code ?? 'BAD_USER_INPUT' },
      });
    }
    if (answer.status < 200 || answer.status >= 300 || typeof parsed !== 'object' || !parsed) {
      throw this.unavailable(new Error(`${answer.status}: ${answer.text.slice(0, 200)}`), context);
    }
    return parsed as GatewayGraphQLResponse;
  }

  private unavailable(error: unknown, context: DataSourceContext): GraphQLError {
    if (error instanceof GraphQLError) return error;
    context.logger?.warn({ subgraph: this.options.subgraph, err: error }, 'subgraph call failed');
    return new GraphQLError(
      `The ${this.options.subgraph} service is unavailable; try again shortly.`,
      { extensions: { code: 'SERVICE_UNAVAILABLE', service: this.options.subgraph } },
    );
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}

/**
 * Whether a subgraph operation (as the query planner prints it) is a query: only queries are
 * shared between callers. Anything else (mutation, subscription, or text we cannot classify)
 * is sent on its own.
 */
export function isQuery(operation: string): boolean {
  const text = operation.trimStart();
  if (text.startsWith('{')) return true;
  return /^query\b/.test(text);
}
