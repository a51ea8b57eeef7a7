import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { Pool } from 'pg';
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { bearerToken, checkBearerAtEdge, createUnderLock, type Logger } from '@kantoor/platform';

export interface RateLimitOptions {
  /** Requests per window and key; 0 switches the limit off (benchmarks). */
  points: number;
  durationSeconds: number;
  /** Shared store for several gateway replicas; in memory when absent. */
  databaseUrl?: string;
  jwtSecret: string;
  logger: Logger;
}

export interface RateLimit {
  middleware: (req: Request, res: Response, next: NextFunction) => void;
  close(): Promise<void>;
}

/**
 * A request budget per caller at the gateway (issue 15): per user for a valid login token
 * (all of a user's sessions share it), per client address otherwise, opaque API tokens
 * included (the gateway does not look them up; anyone can make a well-formed one). The
 * counters live in PostgreSQL (rate-limiter-flexible's store) so that every gateway replica
 * counts against the same budget. Answers carry the IETF RateLimit headers; over budget is
 * HTTP 429 with Retry-After and a GraphQL error RATE_LIMITED.
 */
const RATE_LIMIT_TABLE = 'kantoor_gateway_rate_limits';

/**
 * rate-limiter-flexible's table (its own definition), created by one replica at a time.
 * Replicas starting together raced the library's CREATE TABLE IF NOT EXISTS: PostgreSQL 18
 * answers the loser 42710 "type ... already exists", which the library does not take for
 * "created by another" (it knows only 23505), and the gateway failed to start.
 */
async function ensureRateLimitTable(store: Pool): Promise<void> {
  await createUnderLock(store, RATE_LIMIT_TABLE, [
    `CREATE TABLE IF NOT EXISTS "${RATE_LIMIT_TABLE}" (
      key varchar(255) PRIMARY KEY,
      points integer NOT NULL DEFAULT 0,
      expire bigint
    )`,
  ]);
}

export async function createRateLimit(options: RateLimitOptions): Promise<RateLimit> {
  if (options.points <= 0) {
    return { middleware: (_req, _res, next) => next(), close: async () => undefined };
  }
  let pool: Pool | null = null;
  let limiter: RateLimiterAbstract;
  if (options.databaseUrl) {
    const store = new Pool({ connectionString: options.databaseUrl, max: 4 });
    // An idle connection the server ends (a PostgreSQL restart) is reported on the pool: without
    // a listener that is an unhandled 'error' event, which ended the gateway. The pool drops
    // the connection and opens another; a request meanwhile is let through (below).
    store.on('error', (error) =>
      options.logger.warn({ err: error }, 'rate limit store connection lost'),
    );
    pool = store;
    await ensureRateLimitTable(store);
    // The table exists: the limiter is ready at once (it only starts its hourly clean-up).
    limiter = new RateLimiterPostgres({
      storeClient: store,
      tableName: RATE_LIMIT_TABLE,
      tableCreated: true,
      keyPrefix: 'gw',
      points: options.points,
      duration: options.durationSeconds,
      clearExpiredByTimeout: true,
    });
  } else {
    limiter = new RateLimiterMemory({
      keyPrefix: 'gw',
      points: options.points,
      duration: options.durationSeconds,
    });
  }

  async function keyOf(req: Request): Promise<string> {
    const token = bearerToken(req.header('authorization'));
    if (token) {
      try {
        const bearer = await checkBearerAtEdge(token, options.jwtSecret);
        // An opaque API token is only looked up in the subgraphs, and anyone can make a
        // well-formed one: it counts against its client address, never a budget of its own.
        if (bearer.kind === 'jwt') return `user:${bearer.userId}`;
      } catch {
        // An invalid token is refused later; it spends the address's budget.
      }
    }
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    return `ip:${createHash('sha256').update(address).digest('hex').slice(0, 32)}`;
  }

  function setHeaders(res: Response, state: RateLimiterRes): void {
    const reset = Math.ceil(state.msBeforeNext / 1000);
    res.setHeader('RateLimit-Limit', String(options.points));
    res.setHeader('RateLimit-Remaining', String(Math.max(0, state.remainingPoints)));
    res.setHeader('RateLimit-Reset', String(reset));
    res.setHeader('RateLimit-Policy', `${options.points};w=${options.durationSeconds}`);
  }

  return {
    middleware: (req, res, next) => {
      void (async () => {
        const key = await keyOf(req);
        try {
          setHeaders(res, await limiter.consume(key, 1));
          next();
        } catch (outcome) {
          if (!(outcome instanceof RateLimiterRes)) {
            // The store is down: do not lock everybody out; log and let the request through.
            options.logger.error({ err: outcome }, 'rate limit store unavailable');
            next();
            return;
          }
          setHeaders(res, outcome);
          res.setHeader('Retry-After', String(Math.ceil(outcome.msBeforeNext / 1000)));
          res.status(429).json({
            errors: [
              {
                message: 'Too many requests; try again later.',
                extensions: {
                  code: 'RATE_LIMITED',
                  retryAfterSeconds: Math.ceil(outcome.msBeforeNext / 1000),
                },
              },
            ],
          });
        }
      })().catch(next);
    },
    close: async () => {
      await pool?.end();
    },
  };
}
