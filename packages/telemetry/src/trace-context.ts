import { context, isSpanContextValid, trace } from '@opentelemetry/api';

/** The trace id of the span active here, or null when no tracing runs (a test that starts no SDK). */
export function activeTraceId(): string | null {
  const spanContext = trace.getSpan(context.active())?.spanContext();
  return spanContext && isSpanContextValid(spanContext) ? spanContext.traceId : null;
}

/** Set once the undici instrumentation runs (only when spans are exported, see start-tracing.ts). */
let fetchInstrumented = false;

export function fetchesCarryTraceparent(): void {
  fetchInstrumented = true;
}

/**
 * True when an outgoing fetch made here gets its `traceparent` from the undici instrumentation (the fetch
 * span's own context). A caller then must not set one as well: a second header makes the pair unparseable
 * and the callee would start a new trace.
 */
export function fetchCarriesTraceparent(): boolean {
  return fetchInstrumented && activeTraceId() !== null;
}
