import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// Resolved through the package name so the same path works from sources, tests and the compiled bench.
const packageRoot = dirname(createRequire(__filename).resolve('@holovitals/patient/package.json'));

/** Folder of the Synthea R4 bundles this package keeps for tests and the bench. */
export const SYNTHEA_DIR = join(packageRoot, 'fixtures', 'synthea-r4');

/** File names of the one-patient bundles, sorted. */
export function syntheaPatientFiles(): string[] {
  return readdirSync(SYNTHEA_DIR)
    .filter((name) => name.endsWith('.json') && !/Information\d+\.json$/.test(name))
    .sort();
}

/** File names of every bundle, directories included. */
export function syntheaAllFiles(): string[] {
  return readdirSync(SYNTHEA_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort();
}

export function readSynthea(name: string): unknown {
  return JSON.parse(readFileSync(join(SYNTHEA_DIR, name), 'utf8')) as unknown;
}
