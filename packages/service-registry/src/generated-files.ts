import { imageRole } from './image-role';
import type { ServiceEntry, ServiceRegistry } from './service-entry';

/** Files generated from the registry, relative to the repository root. */
export const GENERATED_FILES = {
  rover: 'rover.yaml',
  databases: 'deploy/postgres/init-databases.sql',
  helm: 'deploy/helm/holovitals/files/registry.yaml',
} as const;

/** rover.yaml (the format `rover supergraph compose --config` reads): one entry per subgraph. */
export function roverYaml(registry: ServiceRegistry, federationVersion = '=2.14.4'): string {
  const lines = [
    '# Generated from packages/service-registry/src/services.ts by `npm run schema`; do not edit by hand.',
    '# Supergraph composition config, in the format `rover supergraph compose --config rover.yaml` reads.',
    `federation_version: ${federationVersion}`,
    'subgraphs:',
  ];
  for (const entry of registry.filter((candidate) => candidate.kind === 'subgraph')) {
    lines.push(
      `  ${entry.name}:`,
      `    routing_url: http://127.0.0.1:${entry.port}/graphql`,
      '    schema:',
      `      file: ./schema/subgraphs/${entry.name}.graphql`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The databases PostgreSQL creates on first start in compose (one per subgraph; workers share theirs). */
export function initDatabasesSql(registry: ServiceRegistry, prefix = 'holovitals'): string {
  const databases = [...new Set(registry.flatMap((entry) => (entry.database ? [entry.database] : [])))];
  return [
    '-- Generated from packages/service-registry/src/services.ts by `npm run schema`; do not edit by hand.',
    '-- One database per subgraph (each subgraph owns its data); migrations run when each service starts.',
    ...databases.map((database) => `CREATE DATABASE ${prefix}_${database};`),
    '',
  ].join('\n');
}

const envName = (name: string): string => name.toUpperCase().replace(/-/g, '_');

/** Where a subgraph's migrate-only entry is: beside its main.js (`src/migrate.ts` in every subgraph). */
export function migrateEntry(entry: ServiceEntry): string | null {
  return entry.kind === 'subgraph' ? entry.entry.replace(/main\.js$/, 'migrate.js') : null;
}

/** Answers while the process lives, whatever its dependencies do: the kit's and worker runtime's `/health`. */
function livenessPath(entry: ServiceEntry): string {
  return entry.kind === 'subgraph' || entry.kind === 'worker' || entry.kind === 'gateway'
    ? '/health'
    : entry.healthPath;
}

/**
 * The Helm chart's copy of the registry (its templates read it with `.Files.Get`): one Deployment,
 * Service, probe set and, for subgraphs, one migrations Job per entry, each on its role's image.
 * Values only tune these.
 */
export function helmRegistryYaml(registry: ServiceRegistry): string {
  const lines = [
    '# Generated from packages/service-registry/src/services.ts by `npm run schema`; do not edit by hand.',
    '# The Helm chart renders one workload per entry; tune them in values.yaml under `services.<name>`.',
    'services:',
  ];
  for (const entry of registry) {
    const migrate = migrateEntry(entry);
    lines.push(
      `  - name: ${entry.name}`,
      `    kind: ${entry.kind}`,
      `    port: ${entry.port}`,
      `    healthPath: ${entry.healthPath}`,
      `    livenessPath: ${livenessPath(entry)}`,
      `    image: ${imageRole(entry)}`,
      `    command: [${['node', entry.entry, ...(entry.args ?? [])].join(', ')}]`,
      `    envName: ${envName(entry.name)}`,
      `    database: ${entry.database ?? 'null'}`,
      `    databaseEnvName: ${entry.database ? envName(entry.database) : 'null'}`,
      `    migrate: ${migrate ? `[node, ${migrate}]` : 'null'}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Each generated file's path and expected content. */
export function generatedFiles(registry: ServiceRegistry): Record<string, string> {
  return {
    [GENERATED_FILES.rover]: roverYaml(registry),
    [GENERATED_FILES.databases]: initDatabasesSql(registry),
    [GENERATED_FILES.helm]: helmRegistryYaml(registry),
  };
}
