import { describe, expect, it } from 'vitest';
import { registryServiceName } from './registry-service-name';
import { tracingInstrumentations } from './start-tracing';
import { loadTelemetryConfig } from './telemetry-config';

describe('telemetry config', () => {
  it('exports nothing without an endpoint and names the service after the registry entry', () => {
    const config = loadTelemetryConfig('patient', {});
    expect(config).toMatchObject({ serviceName: 'patient', tracesUrl: null, protocol: 'http/protobuf' });
  });

  it('sends traces to <endpoint>/v1/traces unless a traces endpoint is given', () => {
    expect(
      loadTelemetryConfig('gateway', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://jaeger:4318/' }).tracesUrl,
    ).toBe('http://jaeger:4318/v1/traces');
    const explicit = loadTelemetryConfig('gateway', {
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://jaeger:4318',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://tempo:4318/otlp/v1/traces',
      OTEL_SERVICE_NAME: 'edge',
    });
    expect(explicit).toMatchObject({ tracesUrl: 'http://tempo:4318/otlp/v1/traces', serviceName: 'edge' });
  });

  it('names the variable that is wrong', () => {
    expect(() => loadTelemetryConfig('gateway', { OTEL_TRACES_SAMPLER: 'sometimes' })).toThrow(
      /OTEL_TRACES_SAMPLER/,
    );
    expect(() => loadTelemetryConfig('gateway', { OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).toThrow(
      /OTEL_EXPORTER_OTLP_PROTOCOL/,
    );
  });

  it('finds the registry name from the entry script', () => {
    expect(registryServiceName('/srv/app/subgraphs/patient/dist/main.js')).toBe('patient');
    expect(registryServiceName('/srv/app/subgraphs/ehr/dist/worker.js')).toBe('ehr-worker');
    expect(registryServiceName('/srv/app/gateway/dist/main.js')).toBe('gateway');
    expect(registryServiceName('/tmp/script.js')).toBeNull();
  });

  it('instruments only http without an exporter (ids continue, no unread spans), everything with one', () => {
    const names = (env: NodeJS.ProcessEnv) =>
      tracingInstrumentations(loadTelemetryConfig('gateway', env)).map(
        (instrumentation) => (instrumentation as { instrumentationName: string }).instrumentationName,
      );
    expect(names({})).toEqual(['@opentelemetry/instrumentation-http']);
    expect(names({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://jaeger:4318' })).toEqual([
      '@opentelemetry/instrumentation-http',
      '@opentelemetry/instrumentation-undici',
      '@opentelemetry/instrumentation-graphql',
      '@opentelemetry/instrumentation-pg',
      '@opentelemetry/instrumentation-ioredis',
    ]);
  });
});
