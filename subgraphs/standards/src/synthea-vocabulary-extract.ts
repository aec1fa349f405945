import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractSyntheaVocabulary } from './vocabulary/synthea-vocabulary';

/**
 * Regenerates fixtures/vocabulary/synthea-codes.json from a folder of Synthea FHIR bundles:
 * `node dist/synthea-vocabulary-extract.js <bundle folder> <output file>`.
 */
function main(argv: string[]): void {
  const [folder, output] = argv;
  if (!folder || !output) {
    process.stderr.write('usage: synthea-vocabulary-extract <bundle folder> <output json>\n');
    process.exitCode = 2;
    return;
  }
  const bundles = readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(folder, name), 'utf8')) as unknown);
  const concepts = extractSyntheaVocabulary(bundles).map(({ system, code, display, synonyms }) => ({
    system,
    code,
    display,
    synonyms,
  }));
  writeFileSync(output, `${JSON.stringify(concepts, null, 1)}\n`);
  process.stdout.write(`wrote ${concepts.length} concepts to ${output}\n`);
}

main(process.argv.slice(2));
