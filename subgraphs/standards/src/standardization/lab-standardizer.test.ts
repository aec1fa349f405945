import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StandardsError, StandardsErrorCode } from '../standards-error';
import { starterVocabulary } from '../vocabulary/starter-vocabulary';
import { InMemoryLabConcepts } from './in-memory-lab-concepts';
import { MAX_LAB_BATCH } from './lab-input-check';
import { type LabConcept, type LabConceptMatch, type LabResultInput, ReferenceFlag } from './lab-result';
import { LabStandardizer } from './lab-standardizer';

interface SyntheaObservation {
  codeSystem: string;
  code: string;
  display: string;
  value: number | null;
  unit: string | null;
}

const observations = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'fixtures', 'synthea', 'observations.json'), 'utf8'),
) as SyntheaObservation[];

function standardizer(): LabStandardizer {
  return new LabStandardizer(new InMemoryLabConcepts(starterVocabulary()));
}

async function one(
  input: LabResultInput,
): Promise<Awaited<ReturnType<LabStandardizer['standardize']>>[number]> {
  const [result] = await standardizer().standardize([input]);
  if (!result) throw new Error('no result');
  return result;
}

async function errorCode(action: Promise<unknown>): Promise<StandardsErrorCode | null> {
  try {
    await action;
    return null;
  } catch (error) {
    if (error instanceof StandardsError) return error.code;
    throw error;
  }
}

describe('LabStandardizer', () => {
  it('gives every Synthea observation its LOINC concept, display and UCUM unit', async () => {
    const results = await standardizer().standardize(
      observations.map((row) => ({
        code: row.code,
        system: row.codeSystem,
        value: row.value,
        unit: row.unit,
      })),
    );
    results.forEach((result, index) => {
      const row = observations[index]!;
      expect(result.concept?.code).toBe(row.code);
      expect(result.confidence).toBe(1);
      expect(result.unit).toBe(row.unit);
      if (row.value !== null && result.concept?.properties.exampleUcumUnit) {
        expect(result.normalizedUnit).toBe(result.concept.properties.exampleUcumUnit);
        expect(result.normalizedValue).not.toBeNull();
      }
    });
    // The only warning on clean Synthea data is the note that a generic interval stood in for the missing range.
    expect(
      results.flatMap((result) =>
        result.warnings.filter((warning) => !warning.startsWith('No reference range was given')),
      ),
    ).toEqual([]);
  });

  it('normalizes glucose in mmol/L to the canonical mg/dL and flags it high', async () => {
    const result = await one({
      code: '2339-0',
      system: 'http://loinc.org',
      value: 7.8,
      unit: 'mmol/L',
      referenceLow: 3.9,
      referenceHigh: 5.6,
    });
    expect(result.normalizedUnit).toBe('mg/dL');
    expect(result.normalizedValue).toBeCloseTo(140.52, 1);
    expect(result.normalizedReferenceLow).toBeCloseTo(70.26, 1);
    expect(result.normalizedReferenceHigh).toBeCloseTo(100.89, 1);
    expect(result.flag).toBe(ReferenceFlag.H);
  });

  it('matches by name, reads clinical unit spellings and says so', async () => {
    const result = await one({ name: 'Hgb', value: 135, unit: 'g/L', referenceLow: 120, referenceHigh: 160 });
    expect(result.concept?.code).toBe('718-7');
    expect(result.confidence).toBe(0.9);
    expect(result.normalizedValue).toBeCloseTo(13.5, 9);
    expect(result.flag).toBe(ReferenceFlag.N);

    const pressure = await one({ name: 'Systolic blood pressure', value: 16, unit: 'kPa' });
    expect(pressure.concept?.code).toBe('8480-6');
    expect(pressure.normalizedValue).toBeCloseTo(120.01, 1);

    const weight = await one({ name: 'body weight', value: 154, unit: 'lbs' });
    expect(weight.unit).toBe('[lb_av]');
    expect(weight.normalizedValue).toBeCloseTo(69.85, 2);
    expect(weight.warnings).toEqual(['Unit "lbs" read as UCUM "[lb_av]".']);
  });

  it('matches a reworded name by shared words with lower confidence', async () => {
    const result = await one({ name: 'Serum albumin level', value: 4, unit: 'g/dL' });
    expect(result.concept?.code).toBe('1751-7');
    expect(result.confidence).toBeLessThan(0.9);
    expect(result.confidence).toBeGreaterThan(0.4);
  });

  it('flags low values and keeps going when the unit cannot be converted', async () => {
    const low = await one({ code: '718-7', value: 9, unit: 'g/dL', referenceLow: 12, referenceHigh: 16 });
    expect(low.flag).toBe(ReferenceFlag.L);
    const wrongKind = await one({ code: '718-7', value: 9, unit: 'mm[Hg]' });
    expect(wrongKind.normalizedValue).toBeNull();
    expect(wrongKind.warnings[0]).toContain('Not normalized to g/dL');
  });

  it('still returns the LOINC concept for an observation without a value (blood-pressure panel)', async () => {
    const result = await one({ code: '55284-4', system: 'http://loinc.org' });
    expect(result.concept?.display).toBe('Blood Pressure');
    expect(result.normalizedValue).toBeNull();
    expect(result.flag).toBeNull();
  });

  it('returns no concept rather than a poor guess', async () => {
    const result = await one({ name: 'zinc protoporphyrin', value: 1, unit: 'ug/dL' });
    expect(result.concept).toBeNull();
    expect(result.confidence).toBe(0);
  });

  it('resolves each distinct code and name once per batch', async () => {
    const base = new InMemoryLabConcepts(starterVocabulary());
    const calls: { codes: string[]; names: string[] } = { codes: [], names: [] };
    const counting = {
      byCodes: async (codes: readonly string[]): Promise<Map<string, LabConcept>> => {
        calls.codes.push(...codes);
        return base.byCodes(codes);
      },
      byNames: async (names: readonly string[]): Promise<Map<string, LabConceptMatch[]>> => {
        calls.names.push(...names);
        return base.byNames(names);
      },
    };
    const inputs: LabResultInput[] = Array.from({ length: 3000 }, (_, index) =>
      index % 2 === 0
        ? { code: '2339-0', value: index, unit: 'mg/dL' }
        : { name: 'HbA1c', value: 6, unit: '%' },
    );
    const results = await new LabStandardizer(counting).standardize(inputs);
    expect(results).toHaveLength(3000);
    expect(calls).toEqual({ codes: ['2339-0'], names: ['hba1c'] });
  });

  it.each([
    [[{ code: '2339-0', value: Number.NaN, unit: 'mg/dL' }]],
    [[{ code: '2339-0', value: Number.POSITIVE_INFINITY }]],
    [[{ code: '2339-0', value: 1, referenceHigh: Number.NEGATIVE_INFINITY }]],
    [[{ code: '2339-0', value: 1, unit: "mg/dL' OR 1=1 --" }]],
    [[{ value: 1, unit: 'mg/dL' }]],
    [[{ name: 'x'.repeat(201) }]],
    [Array.from({ length: MAX_LAB_BATCH + 1 }, () => ({ code: '2339-0' }))],
  ])('refuses bad input with BAD_USER_INPUT (%#)', async (inputs) => {
    expect(await errorCode(standardizer().standardize(inputs))).toBe(StandardsErrorCode.BAD_USER_INPUT);
  });
});

describe('LabStandardizer name matching (issue 20: never a wrong LOINC)', () => {
  it.each([
    ['Phosphorus', 3.5, 'mg/dL', '2777-1'],
    ['Bilirubin, direct', 0.1, 'mg/dL', '1968-7'],
    ['RDW', 13, '%', '788-0'],
    ['Lipase', 30, 'U/L', '3040-3'],
  ])('maps %s %s %s to %s, not to the code it used to get', async (name, value, unit, code) => {
    const result = await one({ name, value, unit });
    expect(result.concept?.code).toBe(code);
    expect(result.confidence).toBeGreaterThanOrEqual(0.7);
    expect(result.matchReason).toContain('unit checked');
  });

  it('never maps a result to a concept whose unit its unit cannot be converted to', async () => {
    const phosphorusInEnzymeUnits = await one({ name: 'Phosphorus', value: 3.5, unit: 'U/L' });
    expect(phosphorusInEnzymeUnits.concept).toBeNull();
    expect(phosphorusInEnzymeUnits.confidence).toBe(0);
    expect(phosphorusInEnzymeUnits.matchReason).toMatch(/^unit "U\/L" cannot be converted/);
    const rdwCvInFemtolitres = await one({ name: 'RDW-CV', value: 45, unit: 'fL' });
    expect(rdwCvInFemtolitres.concept).toBeNull();
    const rdwInFemtolitres = await one({ name: 'RDW', value: 45, unit: 'fL' });
    expect(rdwInFemtolitres.concept?.code).toBe('21000-5');
    // A unit that is not readable could be anything, so it vouches for no concept.
    const unreadable = await one({ name: 'Phosphorus', value: 3.5, unit: 'unitsperlitre' });
    expect(unreadable.concept).toBeNull();
    expect(unreadable.matchReason).toMatch(/^unit "unitsperlitre" cannot be converted/);
    const withoutUnit = await one({ name: 'Phosphorus', value: 3.5 });
    expect(withoutUnit.concept?.code).toBe('2777-1');
    expect(withoutUnit.matchReason).not.toContain('unit checked');
  });

  it('abstains with a reason when a name fits two different tests and nothing tells them apart', async () => {
    const rdw = await one({ name: 'RDW', value: 13 });
    expect(rdw.concept).toBeNull();
    expect(rdw.matchReason).toMatch(/^ambiguous: .*788-0.*21000-5|^ambiguous: .*21000-5.*788-0/);
    const ldl = await one({ name: 'LDL cholesterol', value: 110, unit: 'mg/dL' });
    expect(ldl.concept).toBeNull();
    expect((await one({ name: 'LDL, calculated', value: 110, unit: 'mg/dL' })).concept?.code).toBe('13457-7');
    expect((await one({ name: 'LDL direct', value: 110, unit: 'mg/dL' })).concept?.code).toBe('18262-6');
  });

  it('tells the hs-troponin T and CK-MB mass assays from tests with the same words but another kind of unit', async () => {
    expect((await one({ name: 'hs-Troponin T', value: 9, unit: 'ng/L' })).concept?.code).toBe('67151-1');
    expect((await one({ name: 'CK-MB', value: 2.1, unit: 'ng/mL' })).concept?.code).toBe('13969-1');
    expect((await one({ name: 'CK', value: 120, unit: 'U/L' })).concept?.code).toBe('2157-6');
    const activity = await one({ name: 'CK-MB', value: 12, unit: 'U/L' });
    expect(activity.concept).toBeNull();
    expect(activity.confidence).toBe(0);
  });

  it.each([
    ['Bilirubin, indirect', 'mg/dL'],
    ['Glucose, random', 'mg/dL'],
    ['Calcium, ionized', 'mmol/L'],
    ['PSA, free', 'ng/mL'],
    ['Troponin T', 'ng/L'],
    ['Estradiol, free', 'pg/mL'],
    ['Urine creatinine', 'mg/dL'],
  ])(
    'gives no code to %s: its distinguishing word or specimen names a test the vocabulary does not hold',
    async (name, unit) => {
      const result = await one({ name, value: 1, unit });
      expect(result.concept).toBeNull();
      expect(result.confidence).toBe(0);
    },
  );

  it('tells hs-CRP from CRP and free T4 from total T4 by their distinguishing words', async () => {
    expect((await one({ name: 'hs-CRP', value: 1, unit: 'mg/L' })).concept?.code).toBe('30522-7');
    expect((await one({ name: 'CRP', value: 1, unit: 'mg/L' })).concept?.code).toBe('1988-5');
    expect((await one({ name: 'T4, free', value: 1.2, unit: 'ng/dL' })).concept?.code).toBe('3024-7');
    expect((await one({ name: 'T4', value: 8, unit: 'ug/dL' })).concept?.code).toBe('3026-2');
  });

  it('rates exact names above reworded ones and those above typos, and gives no code below 0.7', async () => {
    const exact = await one({ name: 'Magnesium', value: 2, unit: 'mg/dL' });
    const reworded = await one({ name: 'Magnesium, serum level', value: 2, unit: 'mg/dL' });
    const typo = await one({ name: 'Magnesum', value: 2, unit: 'mg/dL' });
    expect(exact.confidence).toBeGreaterThan(reworded.confidence);
    expect(reworded.confidence).toBeGreaterThan(typo.confidence);
    expect(typo.concept?.code).toBe('19123-9');
    expect(typo.confidence).toBeGreaterThanOrEqual(0.7);
    const partial = await one({ name: 'LDL Chol Calc (NIH)', value: 110, unit: 'mg/dL' });
    expect(partial.concept).toBeNull();
    expect(partial.matchReason).toMatch(/^below the confidence threshold: .* < 0\.7/);
  });

  it('prefers the serum/plasma test for a plain name and the blood test when the name says blood', async () => {
    expect((await one({ name: 'Glucose', value: 95, unit: 'mg/dL' })).concept?.code).toBe('2345-7');
    expect((await one({ name: 'Blood glucose', value: 95, unit: 'mg/dL' })).concept?.code).toBe('2339-0');
    expect((await one({ name: 'Sodium', value: 140, unit: 'mmol/L' })).concept?.code).toBe('2951-2');
  });

  it('normalizes TSH in µIU/mL to the canonical mIU/L (international units convert only to themselves)', async () => {
    const result = await one({ name: 'TSH', value: 2.1, unit: 'uIU/mL' });
    expect(result.concept?.code).toBe('3016-3');
    expect(result.normalizedUnit).toBe('m[IU]/L');
    expect(result.normalizedValue).toBeCloseTo(2.1, 6);
  });
});
