/**
 * `import '@holovitals/telemetry/register-exporting'` first in the entry of a process that carries its trace ids
 * in its own request context (the gateway): the same as `register`, except that without an exporter the SDK
 * does not start (see `TracingOptions.idsInRequestContext`).
 */
import { registryServiceName } from './registry-service-name';
import { startTracingOrExit } from './start-tracing-or-exit';

startTracingOrExit(registryServiceName(process.argv[1]) ?? 'holovitals', { idsInRequestContext: true });
