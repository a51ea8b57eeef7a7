import { pino, type Logger } from 'pino';

export type { Logger };

/** One JSON logger per process; request loggers are children carrying the request id. */
export function createLogger(name: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    name,
    level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers["x-kantoor-gateway-secret"]', '*.password'],
      censor: '[redacted]',
    },
  });
}
