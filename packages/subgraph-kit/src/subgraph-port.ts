import { ConfigError } from '@holovitals/config';
import { SERVICE_REGISTRY } from '@holovitals/service-registry';

/** Where a subgraph listens when PORT is unset: its service-registry entry, the one list of ports. */
export function defaultSubgraphPort(definition: { name: string; defaultPort?: number }): number {
  if (definition.defaultPort !== undefined) return definition.defaultPort;
  const entry = SERVICE_REGISTRY.find(
    (candidate) => candidate.kind === 'subgraph' && candidate.name === definition.name,
  );
  if (!entry)
    throw new ConfigError(
      `${definition.name} has no entry in packages/service-registry/src/services.ts; add one or set PORT`,
    );
  return entry.port;
}
