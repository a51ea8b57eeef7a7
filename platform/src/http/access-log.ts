import type { IncomingMessage, ServerResponse } from 'node:http';
import { pinoHttp, type HttpLogger } from 'pino-http';
import type { Logger } from '../logger.js';
import { REQUEST_ID_HEADER, requestIdFrom } from './request-id.js';

/** Probed every few seconds by orchestrators and scrapers: logged at debug while they answer. */
const PROBES = new Set(['/health', '/ready', '/metrics']);
const MAX_PATH_LENGTH = 300;

/**
 * The path without the query string (a GET query's variables stay out of the log). Express's
 * originalUrl: inside a mounted middleware (`app.use('/graphql', ...)`) req.url is relative.
 */
function pathOf(req: IncomingMessage): string {
  const url = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '';
  const end = url.indexOf('?');
  return (end === -1 ? url : url.slice(0, end)).slice(0, MAX_PATH_LENGTH);
}

function lineOf(req: IncomingMessage, res: ServerResponse, responseTimeMs: unknown) {
  return { method: req.method, path: pathOf(req), status: res.statusCode, responseTimeMs };
}

/**
 * One access-log line per request (pino-http), written when the response finishes:
 * `requestId`, `method`, `path`, `status`, `responseTimeMs`. Nothing else of the request: no
 * headers (Authorization, the gateway secret, cookies), no query string, no body.
 *
 * The request id is settled here, first of all middleware: the caller's X-Request-Id when it
 * looks like one, else a new one, written back into the request's headers (where the GraphQL
 * context and the gateway's subgraph calls read it) and into the response.
 */
export function accessLog(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    genReqId: (req, res) => {
      const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
      req.headers[REQUEST_ID_HEADER] = requestId;
      res.setHeader(REQUEST_ID_HEADER, requestId);
      return requestId;
    },
    // Bind only the request id to the line's logger, never the serialized request or response.
    quietReqLogger: true,
    quietResLogger: true,
    customAttributeKeys: { reqId: 'requestId', responseTime: 'responseTimeMs' },
    customLogLevel: (req, res, error) => {
      if (error || res.statusCode >= 500) return 'error';
      if (PROBES.has(pathOf(req)) && res.statusCode < 400) return 'debug';
      return 'info';
    },
    customSuccessMessage: (req, res) =>
      res.writableEnded ? 'request completed' : 'request aborted by the client',
    customSuccessObject: (req, res, value: Record<string, unknown>) =>
      lineOf(req, res, value.responseTimeMs),
    customErrorMessage: () => 'request failed',
    customErrorObject: (req, res, error, value: Record<string, unknown>) => ({
      ...lineOf(req, res, value.responseTimeMs),
      err: error,
    }),
  });
}
