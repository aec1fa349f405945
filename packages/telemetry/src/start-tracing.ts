import { OTLPTraceExporter as OtlpJsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtobufTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, NoopSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { IncomingMessage } from 'node:http';
import { fetchesCarryTraceparent } from './trace-context';
import { loadTelemetryConfig, type TelemetryConfig } from './telemetry-config';
import { traceSampler } from './trace-sampler';

/** Polled by monitoring, the stack and orchestrators every few seconds: a trace each would bury the real ones. */
const UNTRACED_PATHS = new Set(['/health', '/ready', '/metrics']);

type Instrumentations = NonNullable<
  NonNullable<ConstructorParameters<typeof NodeSDK>[0]>['instrumentations']
>;

let running: { sdk: NodeSDK | null; config: TelemetryConfig } | null = null;

function spanProcessor(config: TelemetryConfig): SpanProcessor {
  if (!config.tracesUrl) return new NoopSpanProcessor();
  const exporter =
    config.protocol === 'http/json'
      ? new OtlpJsonTraceExporter({ url: config.tracesUrl })
      : new OtlpProtobufTraceExporter({ url: config.tracesUrl });
  return new BatchSpanProcessor(exporter);
}

function isUntracedRequest(request: IncomingMessage): boolean {
  return UNTRACED_PATHS.has((request.url ?? '').split('?')[0] ?? '');
}

/**
 * What patches which modules. Without an exporter no span is ever recorded (the sampler is always off), so
 * only the http instrumentation stays: it continues the caller's trace id in every incoming request (logs,
 * error reports and events read it) and passes it on in outgoing `http` calls. The others would only make
 * spans nobody reads, on the hot path of every fetch, query and Redis command; a fetch to another service
 * then carries `traceparent` because its caller sets it (`fetchCarriesTraceparent()` is false).
 */
export function tracingInstrumentations(config: TelemetryConfig): Instrumentations {
  const http = new HttpInstrumentation({
    ignoreIncomingRequestHook: isUntracedRequest,
    requireParentforOutgoingSpans: true,
  });
  if (!config.tracesUrl) return [http];
  return [
    http,
    new UndiciInstrumentation({ requireParentforSpans: true }),
    // Parse, validate and execute only: a span per resolver costs more than it tells (pg spans show the work).
    new GraphQLInstrumentation({ mergeItems: true, ignoreResolveSpans: true }),
    new PgInstrumentation({ requireParentSpan: true }),
    new IORedisInstrumentation({ requireParentSpan: true }),
  ];
}

export interface TracingOptions {
  /**
   * The process keeps its trace id in its own request context and sets `traceparent` on its calls itself (the
   * gateway). Without an exporter it then needs nothing from the SDK, whose context manager (async hooks on
   * every promise) was the gateway's largest tracing cost, so the SDK only starts to export spans.
   */
  idsInRequestContext?: boolean;
}

/**
 * Starts OpenTelemetry for this process, once; must run before http, undici, graphql, pg and ioredis are
 * loaded (see `@holovitals/telemetry/register`). A tracer provider is registered even without an exporter,
 * so every request gets a W3C trace id that logs, error reports and events carry and subgraphs continue.
 * Background loops (outbox relay, health polls) only make spans inside a traced request or event.
 */
export function startTracing(
  defaultServiceName: string,
  env: NodeJS.ProcessEnv = process.env,
  options: TracingOptions = {},
): TelemetryConfig {
  if (running) return running.config;
  const config = loadTelemetryConfig(defaultServiceName, env);
  const off = config.disabled || (options.idsInRequestContext === true && !config.tracesUrl);
  // Not even built when off: instrumentations patch the modules they hook as soon as they are constructed.
  const sdk = off
    ? null
    : new NodeSDK({
        serviceName: config.serviceName,
        sampler: traceSampler(config),
        spanProcessors: [spanProcessor(config)],
        // Traces only: metrics stay with prom-client at /metrics, logs with pino on stdout.
        metricReaders: [],
        logRecordProcessors: [],
        instrumentations: tracingInstrumentations(config),
      });
  sdk?.start();
  if (sdk && config.tracesUrl) fetchesCarryTraceparent();
  running = { sdk, config };
  return config;
}

/** Sends the spans still buffered; a service calls it last when it stops. */
export async function shutdownTracing(): Promise<void> {
  const current = running;
  running = null;
  await current?.sdk?.shutdown();
}
