/** The subset of pino's logger the event bus uses, so callers pass their pino instance without this package depending on pino. */
export interface EventLogger {
  info(objOrMsg: object | string, ...args: unknown[]): void;
  warn(objOrMsg: object | string, ...args: unknown[]): void;
  error(objOrMsg: object | string, ...args: unknown[]): void;
  debug(objOrMsg: object | string, ...args: unknown[]): void;
}
