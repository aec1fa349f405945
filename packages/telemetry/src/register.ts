/**
 * Import first in a process entry (`import '@holovitals/telemetry/register'`): instrumentation patches
 * modules as they load, so it has to start before anything else is required. The service name defaults to
 * the process's service registry entry, found by its entry script.
 */
import { registryServiceName } from './registry-service-name';
import { startTracingOrExit } from './start-tracing-or-exit';

startTracingOrExit(registryServiceName(process.argv[1]) ?? 'holovitals');
