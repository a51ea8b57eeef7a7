import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * One JSON logger per process; request loggers are children carrying the request id.
 * `destination`: where the lines go instead of stdout (tests read them).
 */
export function createLogger(
  name: string,
  level = process.env.LOG_LEVEL ?? 'info',
  destination?: DestinationStream,
): Logger {
  const options = {
    name,
    level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers["x-kantoor-gateway-secret"]', '*.password'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
