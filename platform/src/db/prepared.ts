import { createHash } from 'node:crypto';
import pg from 'pg';

/**
 * Server-side prepared statements for the hot, fixed statements of a request (who is asking,
 * their permissions, the modules' status of a page). Planning such a statement was half its
 * cost: the permission query over tenancy.effective_permissions (a three-branch UNION view)
 * took 0.9 ms to plan and 0.8 ms to run for a page of 100 (docs/benchmarks.md). A statement
 * marked here is parsed and planned once per connection, then only bound and executed.
 *
 * Only texts marked with `prepared(...)` are prepared: each is a constant of the code, so a
 * connection holds a bounded set of them (never one per distinct generated query). Callers
 * still pass plain text to TypeORM, so its logging and the tests that count statements by
 * their text see the same as before; the pool's clients (PreparingClient) turn a marked text
 * into a named query on the wire.
 */
const names = new Map<string, string>();

/** Marks `text` to run as a prepared statement; answers `text` itself. */
export function prepared(text: string): string {
  if (!names.has(text)) {
    names.set(text, `k_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`);
  }
  return text;
}

/** The prepared statement name of a marked text (undefined: not marked). */
export function preparedName(text: string): string | undefined {
  return names.get(text);
}

const baseQuery = pg.Client.prototype.query as (this: pg.Client, ...args: unknown[]) => unknown;

/** A pg client that sends marked texts as named (prepared) queries; everything else as is. */
export class PreparingClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    // pg-pool takes its idle listener off a client when it lends it out, and typeorm puts its
    // own on a microtask later (and takes it off when it gives the client back). A connection
    // cut (PostgreSQL restarting, pg_terminate_backend) that arrives in such a gap was an
    // 'error' event with no listener, which ends the process. The client is unusable either
    // way: a query still on it fails with the error, the next one is refused, and the pool
    // drops a client that is no longer queryable when it comes back.
    this.on('error', () => undefined);
  }

  // pg's query() has a dozen overloads; this passes every shape through unchanged.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(config: any, values?: any, callback?: any): any {
    if (typeof config === 'string') {
      const name = names.get(config);
      if (name !== undefined) return baseQuery.call(this, { name, text: config }, values, callback);
    }
    return baseQuery.call(this, config, values, callback);
  }
}
