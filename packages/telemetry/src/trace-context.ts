import { context, isSpanContextValid, trace } from '@opentelemetry/api';

/** The trace id of the span active here, or null when no tracing runs (a test that starts no SDK). */
export function activeTraceId(): string | null {
  const spanContext = trace.getSpan(context.active())?.spanContext();
  return spanContext && isSpanContextValid(spanContext) ? spanContext.traceId : null;
}
