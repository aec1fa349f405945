import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrateEntry } from './generated-files';
import { SERVICE_REGISTRY } from './services';

const root = resolve(__dirname, '..', '..', '..');
const packageName = (dir: string): string =>
  (JSON.parse(readFileSync(resolve(root, dir, 'package.json'), 'utf8')) as { name: string }).name;

describe('the service registry and the workspaces', () => {
  it('points every entry but web (its server is built beside the Next.js app) at a source file of the package it names', () => {
    for (const entry of SERVICE_REGISTRY.filter((candidate) => candidate.kind !== 'web')) {
      const [workspace, compiled] = entry.entry.split('/dist/') as [string, string];
      expect(packageName(workspace), entry.name).toBe(entry.package);
      const source = resolve(root, workspace, 'src', compiled.replace(/\.js$/, '.ts'));
      expect(existsSync(source), `${entry.name}: ${source}`).toBe(true);
    }
  });

  it('lists every subgraph folder (a new subgraph needs its registry entry)', () => {
    const folders = readdirSync(resolve(root, 'subgraphs'), { withFileTypes: true }).filter(
      (dir) => dir.isDirectory() && existsSync(resolve(root, 'subgraphs', dir.name, 'package.json')),
    );
    const listed = SERVICE_REGISTRY.filter((entry) => entry.kind === 'subgraph').map(
      (entry) => entry.package,
    );
    for (const folder of folders)
      expect(listed, folder.name).toContain(packageName(`subgraphs/${folder.name}`));
  });

  it("gives every subgraph a migrate-only entry beside its main (the Helm chart's migrations Job runs it)", () => {
    for (const entry of SERVICE_REGISTRY.filter((candidate) => candidate.kind === 'subgraph')) {
      const [workspace, compiled] = (migrateEntry(entry) ?? '').split('/dist/') as [string, string];
      expect(existsSync(resolve(root, workspace, 'src', compiled.replace(/\.js$/, '.ts'))), entry.name).toBe(
        true,
      );
    }
  });
});
