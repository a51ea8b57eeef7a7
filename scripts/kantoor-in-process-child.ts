import 'reflect-metadata';
import { startKantoor, type KantoorOptions } from './run-system.js';

/**
 * A child process of `npm run bench:gateways`: the whole system (five subgraphs and the
 * gateway) in this one process, as `KANTOOR_IN_PROCESS=true npm start` runs it, on the
 * benchmark's database. Tells its parent the gateway's URL over IPC; stops when the parent
 * goes away. Its own process, so the load generator does not share its event loop.
 */
async function main(): Promise<void> {
  const options = JSON.parse(process.env.KANTOOR_CHILD_OPTIONS ?? '{}') as Pick<
    KantoorOptions,
    'databaseUrl' | 'jwtSecret' | 'secrets' | 'env'
  >;
  const kantoor = await startKantoor({
    ...options,
    logLevel: 'error',
    ports: 'free',
    mode: 'in-process',
  });
  const stop = () => {
    void kantoor.stop().finally(() => process.exit(0));
  };
  process.once('disconnect', stop);
  process.once('SIGTERM', stop);
  process.send?.({ url: kantoor.gateway.url });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
