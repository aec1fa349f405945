import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

const roverSchema = z.object({
  federation_version: z.string(),
  subgraphs: z.record(
    z.string(),
    z.object({ routing_url: z.string().url(), schema: z.object({ file: z.string() }) }),
  ),
});

export interface SubgraphEntry {
  name: string;
  routingUrl: string;
  /** Absolute path of the subgraph's SDL file. */
  schemaFile: string;
}

/** Reads rover.yaml (rover's supergraph config format): the list of subgraphs and their SDL files. */
export async function readRoverConfig(path: string): Promise<SubgraphEntry[]> {
  const config = roverSchema.parse(parse(await readFile(path, 'utf8')));
  const base = dirname(resolve(path));
  return Object.entries(config.subgraphs).map(([name, entry]) => ({
    name,
    routingUrl: entry.routing_url,
    schemaFile: resolve(base, entry.schema.file),
  }));
}
