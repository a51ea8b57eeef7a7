import 'reflect-metadata';
import {
  createLogger,
  describeStartupError,
  gatewayConfigSchema,
  onShutdown,
  parseConfig,
} from '@kantoor/platform';
import { startGateway } from './gateway.js';

async function main(): Promise<void> {
  try {
    const config = parseConfig(gatewayConfigSchema, process.env);
    const logger = createLogger('gateway', config.LOG_LEVEL);
    const running = await startGateway({ config, logger, host: process.env.HOST ?? '0.0.0.0' });
    logger.info({ url: running.url }, 'gateway ready');
    onShutdown(running.stop);
  } catch (error) {
    console.error(`gateway: ${describeStartupError(error)}`);
    process.exit(1);
  }
}

void main();
