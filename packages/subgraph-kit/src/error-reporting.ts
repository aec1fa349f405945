import type { ApolloServerPlugin } from '@apollo/server';
import { enqueueEvent } from '@holovitals/events';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { DomainErrorMapping } from './domain-error';
import { unexpectedErrorOf } from './error-formatting';
import { scrubErrorText, scrubStack } from './error-scrubbing';
import type { RequestContext } from './request-context';

export interface ErrorReporterOptions {
  service: string;
  dataSource: DataSource;
  logger: Logger;
  /** Reports one process may write per minute; an error storm must not flood the outbox (the rest are logged). */
  perMinute: number;
}

export interface ReportedError {
  origin: 'RESOLVER' | 'JOB';
  error: Error;
  traceId: string | null;
  operation: string | null;
  path: string | null;
}

/** Writes `error.reported` events (scrubbed) into the service's outbox, at most `perMinute` a minute. */
export function createErrorReporter(options: ErrorReporterOptions): (report: ReportedError) => void {
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
    options.dataSource
      .transaction((manager) =>
        enqueueEvent(
          manager,
          options.service,
          'error.reported',
          {
            origin: report.origin,
            errorName: report.error.name.slice(0, 200),
            message: scrubErrorText(report.error.message).slice(0, 2_000),
            stack: report.error.stack ? scrubStack(report.error.stack) : null,
            operation: report.operation?.slice(0, 200) ?? null,
            path: report.path?.slice(0, 500) ?? null,
          },
          { traceId: report.traceId },
        ),
      )
      .catch((error: unknown) =>
        options.logger.warn({ err: error }, 'could not report an error to monitoring'),
      );
  };
}

/**
 * Reports each unexpected resolver error (the ones clients only see as INTERNAL_SERVER_ERROR) with the request's
 * trace id, so an operator can find the failing request from monitoring's error list.
 */
export function errorReportingPlugin<Services>(
  report: (report: ReportedError) => void,
  options: { mapError?: DomainErrorMapping; operationLabel: (name: string | null | undefined) => string },
): ApolloServerPlugin<RequestContext<Services>> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const error of errors) {
            const unexpected = unexpectedErrorOf(error, options.mapError);
            if (!unexpected) continue;
            report({
              origin: 'RESOLVER',
              error: unexpected,
              traceId: contextValue.traceId ?? null,
              operation: options.operationLabel(operationName),
              path: error.path?.join('.') ?? null,
            });
          }
        },
      };
    },
  };
}
