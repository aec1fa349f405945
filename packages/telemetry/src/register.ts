/**
 * Import first in a process entry (`import '@holovitals/telemetry/register'`): instrumentation patches
 * modules as they load, so it has to start before anything else is required. The service name defaults to
 * the process's service registry entry, found by its entry script.
 */
import { registryServiceName } from './registry-service-name';
import { startTracing } from './start-tracing';

const service = registryServiceName(process.argv[1]) ?? 'holovitals';
try {
  startTracing(service);
} catch (error) {
  // The same one-line exit as any other bad setting (runServiceProcess), before anything else has started.
  process.stderr.write(
    `${service} failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
}
