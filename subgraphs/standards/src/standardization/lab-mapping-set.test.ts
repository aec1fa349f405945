import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scoreLabMapping } from '../../bench/lab-mapping-score';
import { starterVocabulary } from '../vocabulary/starter-vocabulary';
import { InMemoryLabConcepts } from './in-memory-lab-concepts';
import { LabStandardizer } from './lab-standardizer';

const SET_FILE = join(__dirname, '..', '..', 'bench', 'lab-mapping-set.json');

describe('the labelled lab-name set (npm run bench:lab-mapping)', () => {
  it('maps no name to a wrong LOINC code and at least 95 % of the covered names to the right one', async () => {
    const { outcomes } = await scoreLabMapping(
      new LabStandardizer(new InMemoryLabConcepts(starterVocabulary())),
      SET_FILE,
    );
    expect(outcomes.length).toBeGreaterThanOrEqual(300);
    const wrong = outcomes.filter((outcome) => outcome.got !== null && outcome.got !== outcome.expected);
    expect(wrong).toEqual([]);
    const covered = outcomes.filter((outcome) => outcome.expected !== null);
    const right = covered.filter((outcome) => outcome.got === outcome.expected);
    expect(right.length / covered.length).toBeGreaterThanOrEqual(0.95);
  });
});
