import { buildFederatedSchema, type SubgraphDefinition } from '@holovitals/subgraph-kit';
import { resolve } from 'node:path';

function isDefinition(value: unknown, name: string): value is SubgraphDefinition {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as SubgraphDefinition).name === name &&
    'resolvers' in value
  );
}

/** Builds a subgraph's schema from its compiled definition (subgraphs/<name>/dist/subgraph.js) and prints it. */
export async function printSubgraphSdl(repoRoot: string, name: string): Promise<string> {
  const modulePath = resolve(repoRoot, 'subgraphs', name, 'dist', 'subgraph.js');
  const exports = (await import(modulePath)) as Record<string, unknown>;
  const definition = Object.values(exports).find((value) => isDefinition(value, name));
  if (!definition) throw new Error(`${modulePath} exports no subgraph definition named "${name}"`);
  const { sdl } = await buildFederatedSchema(definition);
  return `${sdl.trim()}\n`;
}
