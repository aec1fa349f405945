import {
  context,
  isSpanContextValid,
  type Link,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import type { DomainEvent } from './event-contracts';

const tracer = trace.getTracer('@holovitals/events');

/** The active span's context as a W3C `traceparent`, or null outside a traced request or job. */
export function activeTraceparent(): { traceId: string; traceparent: string } | null {
  const spanContext = trace.getSpan(context.active())?.spanContext();
  if (!spanContext || !isSpanContextValid(spanContext)) return null;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ? { traceId: spanContext.traceId, traceparent: carrier.traceparent } : null;
}

function producerContext(event: DomainEvent) {
  return event.traceparent
    ? propagation.extract(ROOT_CONTEXT, { traceparent: event.traceparent })
    : ROOT_CONTEXT;
}

async function inSpan<T>(span: Span, parent: ReturnType<typeof producerContext>, run: () => Promise<T>) {
  try {
    return await context.with(trace.setSpan(parent, span), run);
  } catch (error) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}

/**
 * Runs a consumer's handling of one event in a span that continues the producer's trace (from the envelope's
 * `traceparent`), so the queries and events the handler makes show under the request that caused them.
 */
export function withEventSpan<T>(group: string, event: DomainEvent, run: () => Promise<T>): Promise<T> {
  const parent = producerContext(event);
  const span = tracer.startSpan(
    `${event.type} process`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'redis',
        'messaging.operation.type': 'process',
        'messaging.destination.name': event.type,
        'messaging.consumer.group.name': group,
        'messaging.message.id': event.id,
      },
    },
    parent,
  );
  return inSpan(span, parent, run);
}

/** A batch has many producers: its span starts a trace of its own and links to each producer's span. */
export function withEventBatchSpan<T>(
  group: string,
  type: string,
  events: readonly DomainEvent[],
  run: () => Promise<T>,
): Promise<T> {
  const links: Link[] = events.flatMap((event) => {
    const producer = trace.getSpanContext(producerContext(event));
    return producer && isSpanContextValid(producer) ? [{ context: producer }] : [];
  });
  const span = tracer.startSpan(
    `${type} process`,
    {
      kind: SpanKind.CONSUMER,
      links,
      attributes: {
        'messaging.system': 'redis',
        'messaging.operation.type': 'process',
        'messaging.destination.name': type,
        'messaging.consumer.group.name': group,
        'messaging.batch.message_count': events.length,
      },
    },
    ROOT_CONTEXT,
  );
  return inSpan(span, ROOT_CONTEXT, run);
}
