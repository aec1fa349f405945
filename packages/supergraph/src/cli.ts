#!/usr/bin/env node
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { composeSupergraph } from './compose-supergraph';
import { readRoverConfig } from './rover-config';
import { printSubgraphSdl } from './subgraph-sdl';

const USAGE = `usage: holovitals-supergraph <print|compose|check> [--root DIR]
  print    write each subgraph's SDL to its file in rover.yaml
  compose  compose the files into schema/supergraph.graphql
  check    fail when composition fails or a committed schema file is stale`;

async function readOrEmpty(path: string): Promise<string> {
  return readFile(path, 'utf8').catch(() => '');
}

async function main(argv: string[]): Promise<number> {
  const command = argv[0];
  const rootFlag = argv.indexOf('--root');
  const root = resolve(rootFlag >= 0 ? (argv[rootFlag + 1] ?? '.') : '.');
  const subgraphs = await readRoverConfig(resolve(root, 'rover.yaml'));
  const supergraphPath = resolve(root, 'schema', 'supergraph.graphql');
  const out = (line: string): boolean => process.stdout.write(`${line}\n`);
  const err = (line: string): boolean => process.stderr.write(`${line}\n`);

  switch (command) {
    case 'print':
      for (const subgraph of subgraphs) {
        await writeFile(subgraph.schemaFile, await printSubgraphSdl(root, subgraph.name));
        out(`printed ${subgraph.name} → ${subgraph.schemaFile}`);
      }
      return 0;
    case 'compose': {
      const composition = await composeSupergraph(subgraphs);
      if (!composition.ok) {
        composition.errors.forEach((message) => err(`composition error: ${message}`));
        return 1;
      }
      await writeFile(supergraphPath, composition.supergraphSdl);
      out(`composed ${subgraphs.length} subgraphs → ${supergraphPath}`);
      return 0;
    }
    case 'check': {
      const stale: string[] = [];
      for (const subgraph of subgraphs) {
        if ((await printSubgraphSdl(root, subgraph.name)) !== (await readOrEmpty(subgraph.schemaFile)))
          stale.push(subgraph.schemaFile);
      }
      const composition = await composeSupergraph(subgraphs);
      if (!composition.ok) {
        composition.errors.forEach((message) => err(`composition error: ${message}`));
        return 1;
      }
      if (composition.supergraphSdl !== (await readOrEmpty(supergraphPath))) stale.push(supergraphPath);
      stale.forEach((file) => err(`stale: ${file} — run \`npm run schema\` and commit the result`));
      if (stale.length === 0) out(`schema up to date; ${subgraphs.length} subgraphs compose`);
      return stale.length === 0 ? 0 : 1;
    }
    default:
      err(USAGE);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
