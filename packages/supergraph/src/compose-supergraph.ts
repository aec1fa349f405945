import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { readFile } from 'node:fs/promises';
import type { SubgraphEntry } from './rover-config';

export type Composition = { ok: true; supergraphSdl: string } | { ok: false; errors: string[] };

/** Composes the subgraph SDL files into a supergraph, as `rover supergraph compose` would. */
export async function composeSupergraph(subgraphs: SubgraphEntry[]): Promise<Composition> {
  const services = await Promise.all(
    subgraphs.map(async (subgraph) => ({
      name: subgraph.name,
      url: subgraph.routingUrl,
      typeDefs: parse(await readFile(subgraph.schemaFile, 'utf8')),
    })),
  );
  const result = composeServices(services);
  if (result.errors) return { ok: false, errors: result.errors.map((error) => error.message) };
  return { ok: true, supergraphSdl: result.supergraphSdl };
}
