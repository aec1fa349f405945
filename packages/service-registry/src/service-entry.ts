/**
 * What kind of process an entry is. `subgraph`: a GraphQL subgraph the gateway routes to; `worker`: a queue
 * processor living in the package of the subgraph that owns the queue; `auxiliary`: a local stand-in for an
 * outside service (FHIR server, Stripe-compatible API…); `gateway` and `web`: the two public front doors.
 */
export type ServiceKind = 'subgraph' | 'worker' | 'auxiliary' | 'gateway' | 'web';

export interface ServiceEntry {
  /** Unique; also the compose service name, the log file name and the `<NAME>_PORT` override. */
  name: string;
  kind: ServiceKind;
  /** Default port. For subgraphs, the gateway and web it is the public contract; for workers the health port. */
  port: number;
  /** Answers 2xx once the process can do its work; `npm start`, compose and monitoring poll it. */
  healthPath: string;
  /** The npm workspace that owns the code, e.g. `@holovitals/identity` (a worker names its subgraph's package). */
  package: string;
  /** Compiled entry file, relative to the repository root. */
  entry: string;
  /** Arguments after the entry file (web's `next start web`). */
  args?: readonly string[];
  /** Logical database (`<prefix>_<database>`); a worker shares its subgraph's. Null: no database. */
  database: string | null;
  /**
   * Subgraphs only: false when the subgraph serves no personal health information and audits no reads (public
   * reference data). Unset counts as true: the gateway may merge identical in-flight reads only where it is false,
   * since a merged read is one audited read for two requests.
   */
  holdsPhi?: boolean;
}

export type ServiceRegistry = readonly ServiceEntry[];

export class RegistryError extends Error {
  override readonly name = 'RegistryError';
}

/** Checks what TypeScript cannot: unique names and ports, a database wherever a subgraph or worker runs. */
export function defineRegistry(entries: readonly ServiceEntry[]): ServiceRegistry {
  const problems: string[] = [];
  const names = new Set<string>();
  const ports = new Map<number, string>();
  for (const entry of entries) {
    if (!/^[a-z][a-z0-9-]*$/.test(entry.name))
      problems.push(`"${entry.name}": name must be lower-case letters, digits and dashes`);
    if (names.has(entry.name)) problems.push(`"${entry.name}" is listed twice`);
    names.add(entry.name);
    const holder = ports.get(entry.port);
    if (holder) problems.push(`"${entry.name}" and "${holder}" both use port ${entry.port}`);
    ports.set(entry.port, entry.name);
    if ((entry.kind === 'subgraph' || entry.kind === 'worker') && !entry.database)
      problems.push(`"${entry.name}" is a ${entry.kind} and needs a database`);
    if (entry.holdsPhi !== undefined && entry.kind !== 'subgraph')
      problems.push(`"${entry.name}": only a subgraph says whether it holds PHI`);
    if (!entry.healthPath.startsWith('/')) problems.push(`"${entry.name}": healthPath must start with /`);
  }
  for (const kind of ['gateway', 'web'] as const) {
    if (entries.filter((entry) => entry.kind === kind).length > 1) problems.push(`more than one ${kind}`);
  }
  if (problems.length > 0) throw new RegistryError(`Invalid service registry:\n  ${problems.join('\n  ')}`);
  return Object.freeze([...entries]);
}

/** The registry plus more entries (a test's throwaway subgraph, a deployment's extra worker). */
export function extendRegistry(base: ServiceRegistry, ...entries: ServiceEntry[]): ServiceRegistry {
  return defineRegistry([...base, ...entries]);
}

export function servicesOfKind(registry: ServiceRegistry, kind: ServiceKind): ServiceEntry[] {
  return registry.filter((entry) => entry.kind === kind);
}

/** Subgraphs the registry marks as holding no PHI; a subgraph that does not say is taken to hold it. */
export function subgraphsWithoutPhi(registry: ServiceRegistry): string[] {
  return servicesOfKind(registry, 'subgraph')
    .filter((entry) => entry.holdsPhi === false)
    .map((entry) => entry.name);
}

/** The single gateway (or web) entry; a registry without one cannot run the product. */
export function singleService(registry: ServiceRegistry, kind: 'gateway' | 'web'): ServiceEntry {
  const entry = registry.find((candidate) => candidate.kind === kind);
  if (!entry) throw new RegistryError(`the service registry has no ${kind}`);
  return entry;
}
