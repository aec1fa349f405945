import { shutdownTracing } from '@holovitals/telemetry';

/** Something that was started and can be stopped cleanly. */
export interface Stoppable {
  stop(): Promise<void>;
}

async function stopAndExit(service: Stoppable): Promise<void> {
  const code = await service.stop().then(
    () => 0,
    () => 1,
  );
  // Tracing stops last, so the spans of the requests that drained are still exported; an unreachable
  // collector must not keep the process alive.
  await shutdownTracing().catch(() => undefined);
  process.exit(code);
}

/**
 * For a service's main.ts: start it, stop it cleanly on SIGTERM/SIGINT (in-flight requests drain),
 * and exit non-zero with a one-line reason (a bad config value, say) when it cannot start.
 */
export function runServiceProcess(name: string, start: () => Promise<Stoppable>): void {
  Promise.resolve()
    .then(start)
    .then(
      (service) => {
        const shutdown = (): void => {
          void stopAndExit(service);
        };
        process.once('SIGTERM', shutdown);
        process.once('SIGINT', shutdown);
      },
      (error: unknown) => {
        process.stderr.write(
          `${name} failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
        );
        process.exit(1);
      },
    );
}
