import type { ServiceEntry, ServiceRegistry } from './service-entry';

const envName = (name: string): string => name.toUpperCase().replace(/-/g, '_');

/** `IDENTITY_PORT=5001` moves identity; the same for every entry (`GATEWAY_PORT`, `WEB_PORT`…). */
export function portEnvVar(name: string): string {
  return `${envName(name)}_PORT`;
}

/** The gateway's routing override for one subgraph. */
export function subgraphUrlEnvVar(name: string): string {
  return `SUBGRAPH_${envName(name)}_URL`;
}

/** The entry's port, or its `<NAME>_PORT` override. */
export function resolvePort(entry: ServiceEntry, env: NodeJS.ProcessEnv): number {
  const value = env[portEnvVar(entry.name)];
  if (value === undefined || value === '') return entry.port;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`${portEnvVar(entry.name)} must be a port number, got "${value}"`);
  return port;
}

export function databaseName(prefix: string, entry: ServiceEntry): string | null {
  return entry.database ? `${prefix}_${entry.database}` : null;
}

export function healthUrl(entry: ServiceEntry, host: string, port: number = entry.port): string {
  return `http://${host}:${port}${entry.healthPath}`;
}

/** Where the gateway finds each subgraph when nothing overrides it: the registry's host and port. */
export function defaultSubgraphUrls(registry: ServiceRegistry, host = '127.0.0.1'): Record<string, string> {
  return Object.fromEntries(
    registry
      .filter((entry) => entry.kind === 'subgraph')
      .map((entry) => [entry.name, `http://${host}:${entry.port}/graphql`]),
  );
}
