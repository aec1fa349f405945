import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateUnit } from '../units/unit-validation';
import { CodeSystem, parseCodeSystem } from './code-system';
import type { ReferenceInterval } from './concept-record';
import { starterVocabulary } from './starter-vocabulary';
import { extractSyntheaVocabulary } from './synthea-vocabulary';

const observations = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'fixtures', 'synthea', 'observations.json'), 'utf8'),
) as { codeSystem: string; code: string; display: string }[];

describe('starterVocabulary', () => {
  const vocabulary = starterVocabulary();
  const keys = new Set(vocabulary.map((concept) => `${concept.system}|${concept.code}`));

  it('holds every code of every Synthea observation, with the Synthea display or as a synonym', () => {
    for (const row of observations) {
      const system = parseCodeSystem(row.codeSystem);
      const concept = vocabulary.find((entry) => entry.system === system && entry.code === row.code);
      expect(concept, row.code).toBeDefined();
      expect([concept?.display, ...(concept?.synonyms ?? [])]).toContain(row.display);
    }
  });

  it('gives every LOINC lab or vital with a quantity a canonical UCUM unit', () => {
    const quantityCodes = new Set(
      (
        JSON.parse(
          readFileSync(join(__dirname, '..', '..', 'fixtures', 'synthea', 'observations.json'), 'utf8'),
        ) as {
          code: string;
          unit: string | null;
        }[]
      )
        .filter((row) => row.unit !== null)
        .map((row) => row.code),
    );
    for (const code of quantityCodes) {
      const concept = vocabulary.find((entry) => entry.system === CodeSystem.LOINC && entry.code === code);
      expect(concept?.properties['exampleUcumUnit'], code).toEqual(expect.any(String));
    }
  });

  it('states every typical reference interval in the canonical UCUM unit of a known LOINC code', () => {
    const withInterval = vocabulary.filter(
      (concept) => concept.properties['referenceInterval'] !== undefined,
    );
    expect(withInterval.length).toBeGreaterThanOrEqual(30);
    for (const concept of withInterval) {
      const interval = concept.properties['referenceInterval'] as ReferenceInterval;
      expect(concept.system, concept.code).toBe(CodeSystem.LOINC);
      expect(interval.unit, concept.code).toBe(concept.properties['exampleUcumUnit']);
      expect(validateUnit(interval.unit).valid, interval.unit).toBe(true);
      expect(interval.low !== null || interval.high !== null, concept.code).toBe(true);
      if (interval.low !== null && interval.high !== null) expect(interval.low).toBeLessThan(interval.high);
      expect(interval.basis.length, concept.code).toBeGreaterThan(10);
    }
  });

  it('has the public-domain ICD-10-CM subset and no duplicate keys', () => {
    expect(
      vocabulary.filter((concept) => concept.system === CodeSystem.ICD_10_CM).length,
    ).toBeGreaterThanOrEqual(80);
    expect(keys.size).toBe(vocabulary.length);
    expect(keys.has('ICD_10_CM|E11.9')).toBe(true);
  });
});

describe('extractSyntheaVocabulary', () => {
  it('collects codings of served systems and keeps other displays as synonyms', () => {
    const concepts = extractSyntheaVocabulary([
      {
        resourceType: 'Observation',
        code: {
          coding: [{ system: 'http://loinc.org', code: '2339-0', display: 'Glucose' }],
          text: 'Glucose [Mass/volume] in Blood',
        },
      },
      {
        resourceType: 'Condition',
        code: { coding: [{ system: 'http://snomed.info/sct', code: '44054006', display: 'Diabetes' }] },
      },
      {
        resourceType: 'Claim',
        type: {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/claim-type', code: 'institutional' }],
        },
      },
    ]);
    expect(concepts).toEqual([
      {
        system: CodeSystem.LOINC,
        code: '2339-0',
        display: 'Glucose',
        synonyms: ['Glucose [Mass/volume] in Blood'],
        properties: {},
        status: 'active',
      },
      {
        system: CodeSystem.SNOMED_CT,
        code: '44054006',
        display: 'Diabetes',
        synonyms: [],
        properties: {},
        status: 'active',
      },
    ]);
  });
});
