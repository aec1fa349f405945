import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CodeSystem } from '../vocabulary/code-system';
import type { ConceptRecord } from '../vocabulary/concept-record';
import { starterVocabulary } from '../vocabulary/starter-vocabulary';
import { InMemoryLabConcepts } from './in-memory-lab-concepts';
import { type LabResultInput, ReferenceFlag, type StandardizedLabResult } from './lab-result';
import { LabStandardizer } from './lab-standardizer';
import { LAB_REFERENCE_RANGE, TYPICAL_ADULT_INTERVAL } from './reference-range-source';

interface SyntheaObservation {
  codeSystem: string;
  code: string;
  value: number | null;
  unit: string | null;
}

const observations = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'fixtures', 'synthea', 'observations.json'), 'utf8'),
) as SyntheaObservation[];

async function one(
  input: LabResultInput,
  records: Iterable<ConceptRecord> = starterVocabulary(),
): Promise<StandardizedLabResult> {
  const [result] = await new LabStandardizer(new InMemoryLabConcepts(records)).standardize([input]);
  if (!result) throw new Error('no result');
  return result;
}

const GENERIC_WARNING = /^No reference range was given; flagged against a generic typical adult interval/;

describe('reference range of a standardized result', () => {
  it('flags a Synthea glucose without a range against the typical adult interval and says so', async () => {
    const result = await one({ code: '2339-0', system: 'http://loinc.org', value: 92.6, unit: 'mg/dL' });
    expect(result.flag).toBe(ReferenceFlag.N);
    expect(result.referenceRangeSource).toBe(TYPICAL_ADULT_INTERVAL);
    expect(result.normalizedReferenceLow).toBe(70);
    expect(result.normalizedReferenceHigh).toBe(99);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(GENERIC_WARNING);
    expect(result.warnings[0]).toContain('70–99 mg/dL');
    expect(result.warnings[0]).toContain('fasting');
  });

  it('compares in the canonical unit: 7.8 mmol/L glucose is high against 70–99 mg/dL', async () => {
    const result = await one({ code: '2339-0', value: 7.8, unit: 'mmol/L' });
    expect(result.normalizedValue).toBeCloseTo(140.52, 1);
    expect(result.flag).toBe(ReferenceFlag.H);
    expect(result.normalizedReferenceHigh).toBe(99);
  });

  it('lets a range reported by the lab win over the typical interval', async () => {
    const result = await one({
      code: '2339-0',
      value: 105,
      unit: 'mg/dL',
      referenceLow: 65,
      referenceHigh: 110,
    });
    expect(result.flag).toBe(ReferenceFlag.N);
    expect(result.referenceRangeSource).toBe(LAB_REFERENCE_RANGE);
    expect(result.normalizedReferenceLow).toBe(65);
    expect(result.normalizedReferenceHigh).toBe(110);
    expect(result.warnings).toEqual([]);

    const upperOnly = await one({ code: '2093-3', value: 210, unit: 'mg/dL', referenceHigh: 240 });
    expect(upperOnly.flag).toBe(ReferenceFlag.N);
    expect(upperOnly.referenceRangeSource).toBe(LAB_REFERENCE_RANGE);
    expect(upperOnly.normalizedReferenceLow).toBeNull();
  });

  it('flags one-sided intervals: cholesterol above 199 mg/dL, HDL below 40 mg/dL', async () => {
    const cholesterol = await one({ code: '2093-3', value: 291.2, unit: 'mg/dL' });
    expect(cholesterol.flag).toBe(ReferenceFlag.H);
    expect(cholesterol.normalizedReferenceLow).toBeNull();
    expect(cholesterol.warnings[0]).toContain('≤ 199 mg/dL');
    const lowHdl = await one({ code: '2085-9', value: 27.5, unit: 'mg/dL' });
    expect(lowHdl.flag).toBe(ReferenceFlag.L);
    expect(lowHdl.warnings[0]).toContain('≥ 40 mg/dL');
    const goodHdl = await one({ code: '2085-9', value: 68.9, unit: 'mg/dL' });
    expect(goodHdl.flag).toBe(ReferenceFlag.N);
  });

  it('gives no flag where no interval is published (enzymes) or the value cannot be normalized', async () => {
    const alt = await one({ code: '1742-6', value: 20, unit: 'U/L' });
    expect(alt.flag).toBeNull();
    expect(alt.referenceRangeSource).toBeNull();
    expect(alt.warnings).toEqual([]);
    const noUnit = await one({ code: '2339-0', value: 300 });
    expect(noUnit.flag).toBeNull();
    expect(noUnit.referenceRangeSource).toBeNull();
    const noValue = await one({ code: '2339-0', unit: 'mg/dL' });
    expect(noValue.flag).toBeNull();
    expect(noValue.referenceRangeSource).toBeNull();
  });

  it('converts an interval stored in another unit than the canonical one (a release changed the unit)', async () => {
    const glucose: ConceptRecord = {
      system: CodeSystem.LOINC,
      code: '2339-0',
      display: 'Glucose',
      synonyms: [],
      status: 'active',
      properties: {
        exampleUcumUnit: 'mmol/L',
        molecularWeight: 180.156,
        referenceInterval: { low: 70, high: 99, unit: 'mg/dL', basis: 'test interval' },
      },
    };
    const result = await one({ code: '2339-0', value: 6.0, unit: 'mmol/L' }, [glucose]);
    expect(result.normalizedReferenceLow).toBeCloseTo(3.8855, 3);
    expect(result.normalizedReferenceHigh).toBeCloseTo(5.4952, 3);
    expect(result.flag).toBe(ReferenceFlag.H);
    expect(result.warnings[0]).toContain('3.886–5.495 mmol/L; test interval');
  });

  it('flags every Synthea observation whose LOINC code has a typical interval', async () => {
    const vocabulary = new Map(starterVocabulary().map((concept) => [concept.code, concept]));
    const withInterval = observations.filter(
      (row) => row.value !== null && vocabulary.get(row.code)?.properties['referenceInterval'] !== undefined,
    );
    expect(withInterval.length).toBeGreaterThan(700);
    const results = await new LabStandardizer(new InMemoryLabConcepts(starterVocabulary())).standardize(
      withInterval.map((row) => ({
        code: row.code,
        system: row.codeSystem,
        value: row.value,
        unit: row.unit,
      })),
    );
    for (const result of results) {
      expect(result.flag, result.concept?.code).not.toBeNull();
      expect(result.referenceRangeSource).toBe(TYPICAL_ADULT_INTERVAL);
    }
    const flags = new Set(results.map((result) => result.flag));
    expect(flags).toEqual(new Set([ReferenceFlag.H, ReferenceFlag.L, ReferenceFlag.N]));
  });
});
