import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const script = resolve(__dirname, '..', 'dist', 'terminology-import.js');

/** Runs the import CLI with exactly this environment (no inherited DATABASE_URL or REDIS_URL). */
function runImport(env: Record<string, string>): { status: number | null; stderr: string } {
  const result = spawnSync(process.execPath, [script, '--system', 'loinc', '--file', 'Loinc.csv'], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
  return { status: result.status, stderr: result.stderr };
}

describe('terminology import configuration (the shared config base)', () => {
  it('stops before touching anything, naming DATABASE_URL, when it is missing', () => {
    const { status, stderr } = runImport({});
    expect(status).toBe(2);
    expect(stderr).toMatch(/Invalid configuration for terminology-import:\s+DATABASE_URL:/);
  });

  it('rejects a malformed REDIS_URL by name instead of falling back to a default', () => {
    const { status, stderr } = runImport({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x',
      REDIS_URL: 'nope',
    });
    expect(status).toBe(2);
    expect(stderr).toMatch(/REDIS_URL:/);
  });
});
