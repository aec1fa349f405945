import { isSpanContextValid, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';

const tracer = trace.getTracer('@holovitals/worker-runtime');

/**
 * Runs one try of a job in a span of its own, so its SQL, Redis and HTTP calls form one trace and its logs
 * and error reports carry that trace's id (null when tracing is off: the no-op span's id is all zeros).
 */
export function withJobSpan<T>(
  queue: string,
  jobId: string,
  attempt: number,
  run: (traceId: string | null) => Promise<T>,
): Promise<T> {
  return tracer.startActiveSpan(
    `${queue} process`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'bull',
        'messaging.operation.type': 'process',
        'messaging.destination.name': queue,
        'messaging.message.id': jobId,
        'holovitals.job.attempt': attempt,
      },
    },
    async (span) => {
      try {
        const spanContext = span.spanContext();
        return await run(isSpanContextValid(spanContext) ? spanContext.traceId : null);
      } catch (error) {
        span.recordException(error instanceof Error ? error : String(error));
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}
