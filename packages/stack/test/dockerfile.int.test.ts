import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { IMAGE_ROLES, imageRole, SERVICE_REGISTRY } from '@holovitals/service-registry';

const root = resolve(__dirname, '..', '..', '..');
const dockerfile = readFileSync(join(root, 'deploy', 'Dockerfile'), 'utf8');

interface Stage {
  base: string;
  instructions: string[];
}

/** The Dockerfile's stages by name, each with its instructions (continuation lines joined). */
function stages(text: string): Map<string, Stage> {
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const result = new Map<string, Stage>();
  let current: Stage | undefined;
  for (const line of lines) {
    const from = /^FROM\s+(\S+)\s+AS\s+(\S+)$/i.exec(line);
    if (from) {
      current = { base: from[1], instructions: [] };
      result.set(from[2], current);
    } else current?.instructions.push(line);
  }
  return result;
}

/** The workspace directory (relative to the root) whose package.json has this name. */
function workspaceDir(packageName: string): string {
  const { workspaces } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    workspaces: string[];
  };
  const dirs = workspaces.flatMap((pattern) =>
    pattern.endsWith('/*')
      ? readdirSync(join(root, pattern.slice(0, -2)), { withFileTypes: true })
          .filter((child) => child.isDirectory())
          .map((child) => `${pattern.slice(0, -2)}/${child.name}`)
      : [pattern],
  );
  const dir = dirs.find((candidate) => {
    const manifest = join(root, candidate, 'package.json');
    return (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name: string }).name === packageName
    );
  });
  if (!dir) throw new Error(`no workspace is named ${packageName}`);
  return dir;
}

const byName = stages(dockerfile);
const prunedPackages = (role: string): string[] => {
  const run = byName.get(`prune-${role}`)?.instructions.find((line) => line.includes('prune-workspaces '));
  return [...(run?.matchAll(/@holovitals\/[a-z0-9-]+/g) ?? [])].map((match) => match[0]);
};

describe('deploy/Dockerfile', () => {
  it('pins the production base by digest', () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20\.\d+\.\d+-bookworm-slim@sha256:[a-f0-9]{64}$/m);
  });

  it('has a target per image role, built from that role’s pruned workspaces and running as node', () => {
    for (const role of IMAGE_ROLES) {
      const stage = byName.get(role);
      expect(stage, `target ${role}`).toBeDefined();
      expect(stage?.base).toBe('runtime');
      expect(stage?.instructions).toContain(`COPY --from=prune-${role} --chown=root:root /out /app`);
      expect(stage?.instructions.at(-1)).toBe('USER node');
      expect(prunedPackages(role).length, role).toBeGreaterThan(0);
    }
  });

  it('puts every registry process in its role’s image, with its package and entry file', () => {
    for (const entry of SERVICE_REGISTRY) {
      const role = imageRole(entry);
      expect(prunedPackages(role), `${entry.name} (${role})`).toContain(entry.package);
      expect(entry.entry.startsWith(`${workspaceDir(entry.package)}/dist/`), entry.entry).toBe(true);
    }
  });

  it('is what compose builds: each process on its role’s image, read-only, with /tmp writable', () => {
    const compose = parse(readFileSync(join(root, 'compose.yaml'), 'utf8'), { merge: true }) as {
      services: Record<
        string,
        { image?: string; build?: { target?: string }; read_only?: boolean; tmpfs?: string[] }
      >;
    };
    for (const entry of SERVICE_REGISTRY) {
      const service = compose.services[entry.name];
      const role = imageRole(entry);
      expect(service?.image, entry.name).toBe(`holovitals/holovitals-${role}:\${HOLOVITALS_TAG:-local}`);
      expect(service?.build?.target, entry.name).toBe(role);
      expect(service?.read_only, entry.name).toBe(true);
      expect(service?.tmpfs, entry.name).toContain('/tmp');
    }
  });
});
