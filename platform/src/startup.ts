import { ConfigError } from './config.js';

/** One clear line for a start-up failure instead of a stack trace. */
export function describeStartupError(error: unknown): string {
  if (error instanceof ConfigError) return error.message;
  const e = error as NodeJS.ErrnoException & { address?: string; port?: number };
  const inner = (error as { errors?: unknown[] })?.errors?.[0] as typeof e | undefined;
  const code = e?.code ?? inner?.code;
  const port = e?.port ?? inner?.port;
  const address = e?.address ?? inner?.address;
  switch (code) {
    case 'EADDRINUSE':
      return `Port ${port ?? '?'} is already in use: stop what runs there or set PORT.`;
    case 'ECONNREFUSED':
      return `The database is unreachable at ${address ?? '?'}:${port ?? '?'}: is PostgreSQL running, is DATABASE_URL right?`;
    case 'ENOTFOUND':
      return `The database host cannot be found: check DATABASE_URL.`;
    case '28P01':
      return 'The database refused the password in DATABASE_URL.';
    case '3D000':
      return `The database in DATABASE_URL does not exist.`;
    default:
      return `Start-up failed: ${e instanceof Error ? e.message : String(error)}`;
  }
}

/**
 * Runs `stop` once on SIGINT/SIGTERM, then exits. A service started by `npm start` as a
 * child process (with an IPC channel) also stops when its parent is gone.
 */
export function onShutdown(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    stop()
      .catch((error: unknown) => console.error(`Error while stopping: ${String(error)}`))
      .finally(() => process.exit(signal === 'SIGINT' ? 130 : 0));
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  if (process.channel) {
    process.once('disconnect', () => handler('SIGTERM'));
    // The channel alone must not keep the process alive.
    process.channel.unref();
  }
}
