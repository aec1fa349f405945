import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatedFiles, helmRegistryYaml, initDatabasesSql, roverYaml } from './generated-files';
import { extendRegistry } from './service-entry';
import { SERVICE_REGISTRY } from './services';

const root = resolve(__dirname, '..', '..', '..');

describe('files generated from the service registry', () => {
  it('are committed as the registry generates them (run `npm run schema` when this fails)', () => {
    for (const [path, content] of Object.entries(generatedFiles(SERVICE_REGISTRY)))
      expect(readFileSync(resolve(root, path), 'utf8'), path).toBe(content);
  });

  it('pick up a new subgraph and its database, give a worker no database of its own, and no migrations Job', () => {
    const registry = extendRegistry(
      SERVICE_REGISTRY,
      {
        name: 'throwaway',
        kind: 'subgraph',
        port: 4999,
        healthPath: '/ready',
        package: '@holovitals/throwaway',
        entry: 'subgraphs/throwaway/dist/main.js',
        database: 'throwaway',
      },
      {
        name: 'throwaway-worker',
        kind: 'worker',
        port: 4998,
        healthPath: '/ready',
        package: '@holovitals/throwaway',
        entry: 'subgraphs/throwaway/dist/worker.js',
        database: 'throwaway',
      },
    );
    expect(roverYaml(registry)).toContain(
      '  throwaway:\n    routing_url: http://127.0.0.1:4999/graphql\n    schema:\n      file: ./schema/subgraphs/throwaway.graphql\n',
    );
    expect(roverYaml(registry)).not.toContain('throwaway-worker');
    const sql = initDatabasesSql(registry);
    expect(sql.match(/CREATE DATABASE holovitals_throwaway;/g)).toHaveLength(1);
    const chart = helmRegistryYaml(registry);
    expect(chart).toContain(
      '  - name: throwaway\n    kind: subgraph\n    port: 4999\n    healthPath: /ready\n    livenessPath: /health\n    image: services\n    command: [node, subgraphs/throwaway/dist/main.js]\n',
    );
    expect(chart).toContain('    migrate: [node, subgraphs/throwaway/dist/migrate.js]\n');
    expect(chart).toContain(
      '  - name: throwaway-worker\n    kind: worker\n    port: 4998\n    healthPath: /ready\n    livenessPath: /health\n    image: services\n    command: [node, subgraphs/throwaway/dist/worker.js]\n    envName: THROWAWAY_WORKER\n    database: throwaway\n    databaseEnvName: THROWAWAY\n    migrate: null\n',
    );
  });
});
