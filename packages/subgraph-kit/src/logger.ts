import pino, { type Logger } from 'pino';

export type { Logger };

/** JSON logs with the service name on every line; request loggers add the trace id as a child. */
export function createLogger(service: string, level: string): Logger {
  return pino({
    level,
    base: { service },
    redact: {
      paths: ['req.headers.authorization', 'password', '*.password', 'token', '*.token'],
      remove: true,
    },
  });
}
