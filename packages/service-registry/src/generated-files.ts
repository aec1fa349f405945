import type { ServiceRegistry } from './service-entry';

/** Files generated from the registry, relative to the repository root. */
export const GENERATED_FILES = {
  rover: 'rover.yaml',
  databases: 'deploy/postgres/init-databases.sql',
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

/** Each generated file's path and expected content. */
export function generatedFiles(registry: ServiceRegistry): Record<string, string> {
  return {
    [GENERATED_FILES.rover]: roverYaml(registry),
    [GENERATED_FILES.databases]: initDatabasesSql(registry),
  };
}
