import { extendRegistry, roverYaml, SERVICE_REGISTRY, servicesOfKind } from '@holovitals/service-registry';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { composeSupergraph } from '../src/compose-supergraph';
import { readRoverConfig } from '../src/rover-config';

const run = promisify(execFile);
const root = resolve(__dirname, '..', '..', '..');

describe('supergraph composition', () => {
  it('composes the committed subgraph schemas, and none of them is stale', async () => {
    const { stdout } = await run(process.execPath, [
      join(root, 'packages/supergraph/dist/cli.js'),
      'check',
      '--root',
      root,
    ]);
    expect(stdout).toMatch(/schema up to date; \d+ subgraphs compose/);
  });

  it('fails on subgraphs that cannot compose', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hv-compose-'));
    const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';
    await writeFile(
      join(dir, 'a.graphql'),
      `${link}\ntype Query { a: Thing }\ntype Thing @key(fields: "id") { id: ID! size: Int }`,
    );
    await writeFile(
      join(dir, 'b.graphql'),
      `${link}\ntype Query { b: Thing }\ntype Thing @key(fields: "id") { id: ID! size: String }`,
    );
    await writeFile(
      join(dir, 'rover.yaml'),
      [
        'federation_version: =2.14.4',
        'subgraphs:',
        ...['a', 'b'].flatMap((n) => [
          `  ${n}:`,
          `    routing_url: http://127.0.0.1:1/${n}`,
          '    schema:',
          `      file: ./${n}.graphql`,
        ]),
      ].join('\n'),
    );
    const composition = await composeSupergraph(await readRoverConfig(join(dir, 'rover.yaml')));
    expect(composition.ok).toBe(false);
    expect(composition.ok ? [] : composition.errors.join('\n')).toMatch(/size/);
  });

  it('composes a subgraph added to the service registry, routed to its registry port', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hv-compose-registry-'));
    await cp(join(root, 'schema', 'subgraphs'), join(dir, 'schema', 'subgraphs'), { recursive: true });
    await writeFile(
      join(dir, 'schema', 'subgraphs', 'throwaway.graphql'),
      [
        'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])',
        '"""A throwaway entity."""',
        'type Throwaway @key(fields: "id") { """Its id.""" id: ID! }',
        'type Query { """One throwaway.""" throwaway(id: ID!): Throwaway }',
      ].join('\n'),
    );
    const registry = extendRegistry(SERVICE_REGISTRY, {
      name: 'throwaway',
      kind: 'subgraph',
      port: 4999,
      healthPath: '/ready',
      package: '@holovitals/throwaway',
      entry: 'subgraphs/throwaway/dist/main.js',
      database: 'throwaway',
    });
    await writeFile(join(dir, 'rover.yaml'), roverYaml(registry));
    const subgraphs = await readRoverConfig(join(dir, 'rover.yaml'));
    expect(subgraphs.map((subgraph) => subgraph.name)).toEqual([
      ...servicesOfKind(SERVICE_REGISTRY, 'subgraph').map((entry) => entry.name),
      'throwaway',
    ]);
    const composition = await composeSupergraph(subgraphs);
    expect(composition.ok ? '' : composition.errors.join('\n')).toBe('');
    expect(composition.ok && composition.supergraphSdl).toContain(
      'THROWAWAY @join__graph(name: "throwaway", url: "http://127.0.0.1:4999/graphql")',
    );
  });
});
