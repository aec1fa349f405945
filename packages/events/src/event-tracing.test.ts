import { context, propagation, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DomainEvent } from './event-contracts';
import { activeTraceparent, withEventBatchSpan, withEventSpan } from './event-tracing';

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const contextManager = new AsyncLocalStorageContextManager();

beforeAll(() => {
  context.setGlobalContextManager(contextManager.enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
});

afterAll(async () => {
  await provider.shutdown();
  trace.disable();
  propagation.disable();
  context.disable();
});

beforeEach(() => exporter.reset());

const tracer = trace.getTracer('test');

/** An event as a producer inside a traced request would write it. */
function producedEvent(): { event: DomainEvent; producerSpanId: string; traceId: string } {
  return tracer.startActiveSpan('POST /graphql', (span) => {
    const active = activeTraceparent();
    span.end();
    return {
      event: {
        id: crypto.randomUUID(),
        type: 'user.registered' as const,
        source: 'identity',
        occurredAt: new Date().toISOString(),
        traceId: active?.traceId ?? null,
        traceparent: active?.traceparent ?? null,
        payload: { userId: crypto.randomUUID(), email: 'a@example.test' } as DomainEvent['payload'],
      },
      producerSpanId: span.spanContext().spanId,
      traceId: span.spanContext().traceId,
    };
  });
}

describe('event tracing', () => {
  it('carries the producing span as a W3C traceparent', () => {
    const { event, producerSpanId, traceId } = producedEvent();
    expect(event.traceparent).toBe(`00-${traceId}-${producerSpanId}-01`);
  });

  it("handles an event in a span that continues the producer's trace, and work inside it joins that trace", async () => {
    const { event, producerSpanId, traceId } = producedEvent();
    const inside = await withEventSpan('compliance', event, async () => activeTraceparent()?.traceId);
    expect(inside).toBe(traceId);
    const consumer = exporter.getFinishedSpans().find((span) => span.name === 'user.registered process');
    expect(consumer?.spanContext().traceId).toBe(traceId);
    expect(consumer?.parentSpanContext?.spanId).toBe(producerSpanId);
    expect(consumer?.attributes['messaging.consumer.group.name']).toBe('compliance');
  });

  it('starts a trace of its own for an event without a traceparent, and marks a failed handling', async () => {
    const { event } = producedEvent();
    const failing = withEventSpan('compliance', { ...event, traceparent: null }, () =>
      Promise.reject(new Error('handler failed')),
    );
    await expect(failing).rejects.toThrow('handler failed');
    const consumer = exporter.getFinishedSpans().find((span) => span.name === 'user.registered process');
    expect(consumer?.parentSpanContext).toBeUndefined();
    expect(consumer?.status.code).toBe(SpanStatusCode.ERROR);
    expect(consumer?.events.map((spanEvent) => spanEvent.name)).toContain('exception');
  });

  it("links a batch's span to every producer", async () => {
    const produced = [producedEvent(), producedEvent()];
    await withEventBatchSpan(
      'monitoring',
      'user.registered',
      produced.map(({ event }) => event),
      async () => undefined,
    );
    const batch = exporter.getFinishedSpans().find((span) => span.name === 'user.registered process');
    expect(batch?.links.map((link) => link.context.spanId)).toEqual(produced.map((p) => p.producerSpanId));
    expect(batch?.links.map((link) => link.context.traceId)).toEqual(produced.map((p) => p.traceId));
  });
});
