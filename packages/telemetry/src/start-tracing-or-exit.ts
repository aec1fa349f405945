import { startTracing, type TracingOptions } from './start-tracing';

/**
 * Starts tracing from a register entry, or ends the process with the same one-line exit as any other bad setting
 * (runServiceProcess), before anything else has started.
 */
export function startTracingOrExit(service: string, options: TracingOptions = {}): void {
  try {
    startTracing(service, process.env, options);
  } catch (error) {
    process.stderr.write(
      `${service} failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  }
}
