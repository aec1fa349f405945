export { registryServiceName } from './registry-service-name';
export { shutdownTracing, startTracing, type TracingOptions } from './start-tracing';
export { loadTelemetryConfig, telemetrySettings, type TelemetryConfig } from './telemetry-config';
export { activeTraceId, fetchCarriesTraceparent } from './trace-context';
