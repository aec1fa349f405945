import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { publishEvent } from './direct-publish';
import type { EventPayload } from './event-contracts';
import type { EventLogger } from './event-logger';
import type { EventSigningKey } from './event-signing';
import { scrubErrorText, scrubStack } from './error-scrubbing';
import { enqueueEvent } from './outbox';

/** One unexpected failure, as the process that saw it knows it. */
export interface ReportedError {
  origin: 'RESOLVER' | 'JOB' | 'GATEWAY';
  error: Error;
  traceId: string | null;
  /** The bounded operation label, or the queue's name for a job. */
  operation: string | null;
  path: string | null;
}

export type ErrorReport = (report: ReportedError) => void;

/** Where a process's reports go: its outbox, or (without a database) straight to the stream. */
export type ErrorDelivery = (
  payload: EventPayload<'error.reported'>,
  traceId: string | null,
) => Promise<unknown>;

export interface ErrorReporterOptions {
  deliver: ErrorDelivery;
  logger: EventLogger;
  /** Reports one process may send per minute; an error storm must not flood the bus (the rest are logged). */
  perMinute: number;
}

/** What leaves the process of an error: name, scrubbed message and stack, cut to the contract's limits. */
export function errorReportPayload(report: ReportedError): EventPayload<'error.reported'> {
  return {
    origin: report.origin,
    errorName: report.error.name.slice(0, 200),
    message: scrubErrorText(report.error.message).slice(0, 2_000),
    stack: report.error.stack ? scrubStack(report.error.stack) : null,
    operation: report.operation?.slice(0, 200) ?? null,
    path: report.path?.slice(0, 500) ?? null,
  };
}

/** Sends `error.reported` events (scrubbed) at most `perMinute` a minute; never throws into the failing code path. */
export function createErrorReporter(options: ErrorReporterOptions): ErrorReport {
  let windowStart = 0;
  let sent = 0;
  return (report) => {
    const now = Date.now();
    if (now - windowStart >= 60_000) {
      windowStart = now;
      sent = 0;
    }
    if (sent >= options.perMinute) return;
    sent += 1;
    options
      .deliver(errorReportPayload(report), report.traceId)
      .catch((error: unknown) =>
        options.logger.warn({ err: error }, 'could not report an error to monitoring'),
      );
  };
}

/** Reports through `service`'s outbox: they survive a Redis or monitoring outage and go out signed by its relay. */
export function outboxErrorDelivery(service: string, dataSource: DataSource): ErrorDelivery {
  return (payload, traceId) =>
    dataSource.transaction((manager) =>
      enqueueEvent(manager, service, 'error.reported', payload, { traceId }),
    );
}

/**
 * Reports straight to the `error.reported` stream, signed with the process's own key: for a process without a
 * database (the gateway). A report lost to a Redis failure is only logged, which is why only reports go this way.
 */
export function streamErrorDelivery(target: {
  redis: Redis;
  signingKey: EventSigningKey;
  streamPrefix: string;
}): ErrorDelivery {
  return (payload, traceId) => publishEvent(target, 'error.reported', payload, { traceId });
}
