import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
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
});
