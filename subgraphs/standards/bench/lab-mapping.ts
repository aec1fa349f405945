/*
 * Lab-name mapping benchmark: standardizes every name variant of the project's labelled set
 * (bench/lab-mapping-set.json) with the starter vocabulary and prints right / abstained / wrong per panel.
 * Right: the labelled code, or no code where none is right. Exits 1 on any wrong code or under 95 % right of
 * the covered names. Needs no database: the curated names the subgraph serves first live in memory.
 */
import { join } from 'node:path';
import { InMemoryLabConcepts, LabStandardizer, starterVocabulary } from '@holovitals/standards';
import { scoreLabMapping } from './lab-mapping-score';

const SET_FILE = join(__dirname, '..', '..', 'bench', 'lab-mapping-set.json');
const RIGHT_TARGET = 0.95;

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** A fixed-width table, one row per panel. */
function table(
  rows: { panel: string; names: number; right: number; abstained: number; wrong: number }[],
): void {
  print(
    `${'panel'.padEnd(14)}${'names'.padStart(7)}${'right'.padStart(7)}${'abstained'.padStart(11)}${'wrong'.padStart(7)}`,
  );
  for (const row of rows) {
    print(
      `${row.panel.padEnd(14)}${String(row.names).padStart(7)}${String(row.right).padStart(7)}${String(row.abstained).padStart(11)}${String(row.wrong).padStart(7)}`,
    );
  }
}

async function main(): Promise<void> {
  const standardizer = new LabStandardizer(new InMemoryLabConcepts(starterVocabulary()));
  const { outcomes, panels } = await scoreLabMapping(standardizer, SET_FILE);
  const rows = panels.map(({ panel, right, abstained, wrong }) => ({
    panel,
    names: right + abstained + wrong,
    right,
    abstained,
    wrong,
  }));
  const total = rows.reduce(
    (sum, row) => ({
      panel: 'total',
      names: sum.names + row.names,
      right: sum.right + row.right,
      abstained: sum.abstained + row.abstained,
      wrong: sum.wrong + row.wrong,
    }),
    { panel: 'total', names: 0, right: 0, abstained: 0, wrong: 0 },
  );
  table([...rows, total]);
  const covered = outcomes.filter((outcome) => outcome.expected !== null);
  const coveredRight = covered.filter((outcome) => outcome.got === outcome.expected).length;
  const share = coveredRight / covered.length;
  print(
    `covered tests: ${coveredRight} of ${covered.length} names right (${(share * 100).toFixed(1)} %); ` +
      `names with no right code: ${outcomes.length - covered.length}`,
  );
  for (const outcome of outcomes) {
    if (outcome.got === outcome.expected) continue;
    const verdict = outcome.got === null ? 'abstained' : 'WRONG';
    print(
      `${verdict}: "${outcome.name}" ${outcome.unit} expected ${outcome.expected ?? 'none'}, got ${outcome.got ?? 'none'} (${outcome.matchReason})`,
    );
  }
  if (total.wrong > 0 || share < RIGHT_TARGET) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
