import { readFileSync } from 'node:fs';

/** [panel, right LOINC code or null for "none", unit as printed, value, name variants]. */
type LabMappingCase = [string, string | null, string, number, string[]];

export interface LabMappingOutcome {
  panel: string;
  name: string;
  unit: string;
  expected: string | null;
  got: string | null;
  matchReason: string;
}

export interface PanelScore {
  panel: string;
  right: number;
  abstained: number;
  wrong: number;
}

/** What the scorer needs of a standardizer (LabStandardizer in the bench and its test). */
export interface NameStandardizer {
  standardize(
    inputs: { name: string; unit: string | null; value: number }[],
  ): Promise<{ concept: { code: string } | null; matchReason: string }[]>;
}

/** The labelled set (bench/lab-mapping-set.json), one row per name variant. */
export function labMappingVariants(
  setFile: string,
): { panel: string; name: string; unit: string; value: number; expected: string | null }[] {
  const set = JSON.parse(readFileSync(setFile, 'utf8')) as {
    cases: LabMappingCase[];
  };
  return set.cases.flatMap(([panel, expected, unit, value, names]) =>
    names.map((name) => ({ panel, name, unit, value, expected })),
  );
}

/**
 * Right: the expected code, or no code where none is right. Abstained: no code where one was expected.
 * Wrong: any other code — including a code where none is right.
 */
export async function scoreLabMapping(
  standardizer: NameStandardizer,
  setFile: string,
): Promise<{ outcomes: LabMappingOutcome[]; panels: PanelScore[] }> {
  const variants = labMappingVariants(setFile);
  const results = await standardizer.standardize(
    variants.map(({ name, unit, value }) => ({ name, unit: unit === '' ? null : unit, value })),
  );
  const outcomes = variants.map((variant, index) => ({
    panel: variant.panel,
    name: variant.name,
    unit: variant.unit,
    expected: variant.expected,
    got: results[index]?.concept?.code ?? null,
    matchReason: results[index]?.matchReason ?? '',
  }));
  const panels = new Map<string, PanelScore>();
  for (const outcome of outcomes) {
    const score = panels.get(outcome.panel) ?? { panel: outcome.panel, right: 0, abstained: 0, wrong: 0 };
    if (outcome.got === outcome.expected) score.right += 1;
    else if (outcome.got === null) score.abstained += 1;
    else score.wrong += 1;
    panels.set(outcome.panel, score);
  }
  return { outcomes, panels: [...panels.values()] };
}
