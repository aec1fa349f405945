import type { ServiceEntry, ServiceRegistry } from '@holovitals/service-registry';
import { portEnvVar } from '@holovitals/service-registry';
import { z } from 'zod';

/** One process monitoring polls and scrapes. */
export interface MonitoringTarget {
  name: string;
  kind: string;
  healthUrl: string;
  /** Null where the process serves no Prometheus metrics (web). */
  metricsUrl: string | null;
}

export const monitoringTargetSchema = z.object({
  name: z.string().min(1),
  kind: z.string().min(1),
  healthUrl: z.string().url(),
  metricsUrl: z.string().url().nullable(),
});

export interface TargetAddressing {
  /** Host of every process; `{name}` becomes the registry name (compose, where each service is its own host). */
  host: string;
  /** Each process's `<NAME>_PORT` and `<NAME>_METRICS_PORT`, as the stack gives them. */
  ports: Record<string, unknown>;
  /** One metrics port for every process (compose and Kubernetes, where each process is its own host). */
  metricsPort?: number;
}

function portSetting(addressing: TargetAddressing, name: string): number | undefined {
  const value = addressing.ports[name];
  return typeof value === 'number' ? value : undefined;
}

function hostFor(addressing: TargetAddressing, entry: ServiceEntry): string {
  return addressing.host.replaceAll('{name}', entry.name);
}

/**
 * Every process of the registry with the URLs the stack runs it on: its port (or `<NAME>_PORT`) and its
 * loopback metrics port (`<NAME>_METRICS_PORT`, else port + 5000 as `npm start` assigns).
 */
export function registryTargets(registry: ServiceRegistry, addressing: TargetAddressing): MonitoringTarget[] {
  return registry.map((entry) => {
    const host = hostFor(addressing, entry);
    const port = portSetting(addressing, portEnvVar(entry.name)) ?? entry.port;
    const metricsPort =
      portSetting(addressing, portEnvVar(`${entry.name}-metrics`)) ?? addressing.metricsPort ?? port + 5000;
    return {
      name: entry.name,
      kind: entry.kind,
      healthUrl: `http://${host}:${port}${entry.healthPath}`,
      metricsUrl: entry.kind === 'web' ? null : `http://${host}:${metricsPort}/metrics`,
    };
  });
}

/** The `<NAME>_PORT` and `<NAME>_METRICS_PORT` settings of every registry entry, for the worker's config. */
export function registryPortSettings(
  registry: ServiceRegistry,
): Record<string, z.ZodOptional<z.ZodCoercedNumber>> {
  return Object.fromEntries(
    registry.flatMap((entry) => [
      [portEnvVar(entry.name), z.coerce.number().int().min(1).max(65535).optional()],
      [portEnvVar(`${entry.name}-metrics`), z.coerce.number().int().min(1).max(65535).optional()],
    ]),
  );
}
