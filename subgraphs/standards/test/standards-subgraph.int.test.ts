import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Role } from '@holovitals/subgraph-kit';
import { startTestIssuer, startTestSubgraph, type TestIssuer, type TestSubgraph } from '@holovitals/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { standardsSubgraph } from '../src/subgraph';
import { CodeSystem } from '../src/vocabulary/code-system';
import { starterVocabulary } from '../src/vocabulary/starter-vocabulary';

interface SyntheaObservation {
  codeSystem: string;
  code: string;
  display: string;
  value: number | null;
  unit: string | null;
}

const observations = JSON.parse(
  readFileSync(join(__dirname, '..', 'fixtures', 'synthea', 'observations.json'), 'utf8'),
) as SyntheaObservation[];

const vocabulary = new Map(
  starterVocabulary()
    .filter((concept) => concept.system === CodeSystem.LOINC)
    .map((concept) => [concept.code, concept]),
);
const prefix = `test:standards:${randomBytes(4).toString('hex')}:`;
const redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
let issuer: TestIssuer;
let sg: TestSubgraph;
let token: string;

async function cachedKeys(): Promise<string[]> {
  return redis.keys(`${prefix}*`);
}

beforeAll(async () => {
  issuer = await startTestIssuer();
  sg = await startTestSubgraph(standardsSubgraph, {
    issuer,
    env: {
      STANDARDS_CACHE_PREFIX: prefix,
      EVENTS_ENABLED: 'false',
      MAX_REQUEST_BYTES: String(8 * 1024 * 1024),
    },
  });
  token = await issuer.token({ sub: 'clinician-1', roles: [Role.CLINICIAN] });
});

afterAll(async () => {
  const keys = await cachedKeys();
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  await sg.stop();
  await issuer.stop();
});

describe('standards subgraph', () => {
  it('refuses anonymous callers', async () => {
    const response = await sg.graphql('{ validateUnit(unit: "mg/dL") { valid } }');
    expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('searches, looks up and validates codes', async () => {
    const response = await sg.graphql<{
      searchCodes: { concept: { system: string; code: string; display: string }; matchKind: string }[];
      code: { display: string; properties: { name: string; value: string }[] } | null;
      good: { valid: boolean; displayMatches: boolean };
      badDisplay: { valid: boolean; message: string };
      unknown: { valid: boolean; concept: null };
    }>(
      `{
        searchCodes(system: LOINC, text: "glucose") { concept { system code display } matchKind }
        code(system: LOINC, code: "2339-0") { display properties { name value } }
        good: validateCode(system: ICD_10_CM, code: "I10", display: "essential (primary) hypertension") { valid displayMatches }
        badDisplay: validateCode(system: ICD_10_CM, code: "I10", display: "Asthma") { valid message }
        unknown: validateCode(system: SNOMED_CT, code: "0000") { valid concept { code } }
      }`,
      {},
      { token },
    );
    expect(response.body.errors).toBeUndefined();
    const data = response.body.data!;
    expect(data.searchCodes[0]).toEqual({
      concept: { system: 'LOINC', code: '2339-0', display: 'Glucose' },
      matchKind: 'FULL_TEXT',
    });
    expect(data.code?.properties).toContainEqual({ name: 'exampleUcumUnit', value: 'mg/dL' });
    expect(data.good).toEqual({ valid: true, displayMatches: true });
    expect(data.badDisplay.valid).toBe(false);
    expect(data.badDisplay.message).toContain('Essential (primary) hypertension');
    expect(data.unknown).toEqual({ valid: false, concept: null });
  });

  it('converts units and explains invalid or incompatible ones', async () => {
    const ok = await sg.graphql<{ convertUnit: { value: number; unit: string } }>(
      '{ convertUnit(value: 100, from: "mg/dL", to: "mmol/L", molecularWeight: 180.156) { value unit } }',
      {},
      { token },
    );
    expect(ok.body.data?.convertUnit.unit).toBe('mmol/L');
    expect(ok.body.data?.convertUnit.value).toBeCloseTo(5.5507, 4);

    const invalid = await sg.graphql(
      '{ convertUnit(value: 120, from: "mmHg", to: "kPa") { value } }',
      {},
      { token },
    );
    expect(invalid.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(invalid.body.errors?.[0]?.extensions)).toContain('mm[Hg]');

    const incompatible = await sg.graphql(
      '{ convertUnit(value: 1, from: "kg", to: "mm[Hg]") { value } }',
      {},
      { token },
    );
    expect(incompatible.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(incompatible.body.errors?.[0]?.message).toContain('kg cannot be converted to mm[Hg]');

    const validation = await sg.graphql<{
      validateUnit: { valid: boolean; suggestions: { code: string }[] };
    }>('{ validateUnit(unit: "lbs") { valid reason suggestions { code name } display } }', {}, { token });
    expect(validation.body.data?.validateUnit.valid).toBe(false);
    expect(validation.body.data?.validateUnit.suggestions[0]?.code).toBe('[lb_av]');
  });

  it('refuses bad input with BAD_USER_INPUT and caches nothing from it', async () => {
    const before = await cachedKeys();
    const cases: [string, Record<string, unknown>][] = [
      ['query($t: String!) { searchCodes(text: $t) { score } }', { t: '' }],
      ['query($t: String!) { searchCodes(text: $t) { score } }', { t: 'x'.repeat(10 * 1024) }],
      [
        'query($s: CodeSystem, $t: String!) { searchCodes(system: $s, text: $t) { score } }',
        { s: 'NOT_A_SYSTEM', t: 'glucose' },
      ],
      ['query($u: String!) { validateUnit(unit: $u) { valid } }', { u: "mg'; DROP TABLE code_concept; --" }],
      ['query($u: String!) { convertUnit(value: 1, from: $u, to: "g/L") { value } }', { u: 'mg/dL\u0000' }],
      [
        'query($i: [LabResultInput!]!) { standardizeLabResults(inputs: $i) { loincCode } }',
        { i: Array.from({ length: 10_001 }, () => ({ code: '2339-0' })) },
      ],
      ['query($i: LabResultInput!) { standardizeLabResult(input: $i) { loincCode } }', { i: { value: 1 } }],
    ];
    for (const [query, variables] of cases) {
      const response = await sg.graphql(query, variables, { token });
      expect(response.body.errors?.[0]?.extensions?.code, query).toBe('BAD_USER_INPUT');
    }
    // NaN and Infinity cannot be written in GraphQL or JSON; a string in their place is a variable coercion error.
    const nan = await sg.graphql(
      'query($v: Float!) { convertUnit(value: $v, from: "g", to: "kg") { value } }',
      { v: 'NaN' },
      { token },
    );
    expect(nan.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await cachedKeys()).toEqual(before);
    const health = await sg.graphql('{ validateUnit(unit: "mg/dL") { valid } }', {}, { token });
    expect(health.body.data).toEqual({ validateUnit: { valid: true } });
  });

  it('maps the four names issue 20 found wrongly mapped to the right LOINC, and abstains where the unit contradicts', async () => {
    const query = `query($inputs: [LabResultInput!]!) { standardizeLabResults(inputs: $inputs) {
      loincCode shortName confidence matchReason unitDisplay normalizedUnitDisplay } }`;
    const inputs = [
      { name: 'Phosphorus', value: 3.5, unit: 'mg/dL' },
      { name: 'Bilirubin, direct', value: 0.1, unit: 'mg/dL' },
      { name: 'RDW', value: 13, unit: '%' },
      { name: 'Lipase', value: 30, unit: 'U/L' },
      { name: 'Phosphorus', value: 3.5, unit: 'U/L' },
      { name: 'Platelet count', value: 250, unit: 'K/uL' },
    ];
    const response = await sg.graphql<{ standardizeLabResults: Record<string, unknown>[] }>(
      query,
      { inputs },
      { token },
    );
    const results = response.body.data?.standardizeLabResults ?? [];
    expect(results.map((result) => result['loincCode'])).toEqual([
      '2777-1',
      '1968-7',
      '788-0',
      '3040-3',
      null,
      '777-3',
    ]);
    expect(results[4]).toMatchObject({ confidence: 0, shortName: null });
    expect(results[4]?.['matchReason']).toMatch(/^unit "U\/L" cannot be converted/);
    expect(results[5]).toMatchObject({
      shortName: 'Platelets',
      unitDisplay: '10³/µL',
      normalizedUnitDisplay: '10³/µL',
    });
  });

  it('standardizes one result and caches it for the next call', async () => {
    const query = `query($i: LabResultInput!) { standardizeLabResult(input: $i) {
      loincCode loincDisplay shortName confidence matchReason unit unitDisplay normalizedValue normalizedUnit
      normalizedUnitDisplay flag warnings concept { code status shortName } } }`;
    const input = { name: 'Glucose', value: 7.8, unit: 'mmol/L', referenceLow: 3.9, referenceHigh: 5.6 };
    const first = await sg.graphql<{ standardizeLabResult: Record<string, unknown> }>(
      query,
      { i: input },
      { token },
    );
    const second = await sg.graphql<{ standardizeLabResult: Record<string, unknown> }>(
      query,
      { i: input },
      { token },
    );
    // A plain "Glucose" on a lab report is the serum/plasma test, not the whole-blood one.
    expect(first.body.data?.standardizeLabResult).toMatchObject({
      loincCode: '2345-7',
      shortName: 'Glucose',
      unitDisplay: 'mmol/L',
      normalizedUnit: 'mg/dL',
      normalizedUnitDisplay: 'mg/dL',
      flag: 'H',
      concept: { code: '2345-7', status: 'active', shortName: 'Glucose' },
    });
    expect(second.body.data).toEqual(first.body.data);
    expect((await cachedKeys()).some((key) => key.startsWith(`${prefix}standardization:`))).toBe(true);
  });

  it('gives every Synthea observation a standardized result through the Observation entity', async () => {
    const representations = observations.map((row, index) => ({
      __typename: 'Observation',
      id: `obs-${index}`,
      codeSystem: row.codeSystem,
      code: row.code,
      display: row.display,
      value: row.value,
      unit: row.unit,
      referenceLow: null,
      referenceHigh: null,
    }));
    const before = sg.queryCount();
    const response = await sg.graphql<{
      _entities: {
        id: string;
        standardized: { loincCode: string; loincDisplay: string; unit: string | null };
      }[];
    }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Observation { id standardized { loincCode loincDisplay unit normalizedUnit } } } }`,
      { r: representations },
      { token },
    );
    expect(response.body.errors).toBeUndefined();
    const entities = response.body.data!._entities;
    expect(entities).toHaveLength(observations.length);
    entities.forEach((entity, index) => {
      const row = observations[index]!;
      expect(entity.standardized.loincCode).toBe(row.code);
      const concept = vocabulary.get(row.code)!;
      expect(entity.standardized.loincDisplay).toBe(concept.display);
      expect([concept.display, ...concept.synonyms]).toContain(row.display);
      expect(entity.standardized.unit).toBe(row.unit);
    });
    // Starter LOINC codes resolve in memory and through one Redis MGET: the batch costs no per-row SQL.
    expect(sg.queryCount() - before).toBeLessThan(5);
  });

  it('flags Synthea glucose and cholesterol without a range by the typical adult interval, a lab range winning', async () => {
    const synthea = (code: string, value: number): SyntheaObservation => {
      const row = observations.find((observation) => observation.code === code)!;
      return { ...row, value };
    };
    const rows: [SyntheaObservation, number | null, number | null][] = [
      [synthea('2339-0', 92.6), null, null],
      [synthea('2339-0', 128.4), null, null],
      [synthea('2093-3', 291.2), null, null],
      [synthea('2085-9', 27.5), null, null],
      [synthea('2339-0', 128.4), 70, 140],
    ];
    const representations = rows.map(([row, referenceLow, referenceHigh], index) => ({
      __typename: 'Observation',
      id: `flag-${index}`,
      codeSystem: row.codeSystem,
      code: row.code,
      display: row.display,
      value: row.value,
      unit: row.unit,
      referenceLow,
      referenceHigh,
    }));
    const response = await sg.graphql<{
      _entities: {
        standardized: {
          flag: string | null;
          referenceRangeSource: string | null;
          normalizedReferenceLow: number | null;
          normalizedReferenceHigh: number | null;
          warnings: string[];
        };
      }[];
    }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Observation {
        standardized { flag referenceRangeSource normalizedReferenceLow normalizedReferenceHigh warnings } } } }`,
      { r: representations },
      { token },
    );
    expect(response.body.errors).toBeUndefined();
    const typical = 'typical adult interval (HoloVitals starter vocabulary)';
    expect(
      response.body.data!._entities.map(({ standardized }) => [
        standardized.flag,
        standardized.referenceRangeSource,
        standardized.normalizedReferenceLow,
        standardized.normalizedReferenceHigh,
        standardized.warnings.length,
      ]),
    ).toEqual([
      ['N', typical, 70, 99, 1],
      ['H', typical, 70, 99, 1],
      ['H', typical, null, 199, 1],
      ['L', typical, 40, null, 1],
      ['N', 'reported by the lab', 70, 140, 0],
    ]);
    expect(response.body.data!._entities[0]!.standardized.warnings[0]).toContain(
      'generic typical adult interval',
    );
  });

  it('standardizes only lab extractions: a diagnosis or medication read from a document has none', async () => {
    const extraction = (id: string, codeSystem: string, code: string, display: string) => ({
      __typename: 'Extraction',
      id,
      codeSystem,
      code,
      display,
      value: null,
      unit: null,
      referenceLow: null,
      referenceHigh: null,
    });
    const response = await sg.graphql<{
      _entities: { id: string; standardized: { loincCode: string | null } | null }[];
    }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Extraction { id standardized { loincCode } } } }`,
      {
        r: [
          {
            ...extraction('lab', 'urn:holovitals:document-lab-name', 'glucose', 'Glucose'),
            value: 92,
            unit: 'mg/dL',
          },
          extraction('diagnosis', 'http://hl7.org/fhir/sid/icd-10-cm', 'E11.9', 'Type 2 diabetes mellitus'),
          extraction('uncoded', 'urn:holovitals:document-condition-name', 'hemoglobin a1c', 'Hemoglobin A1c'),
          extraction('medication', 'urn:holovitals:document-medication-name', 'metformin', 'Metformin'),
        ],
      },
      { token },
    );
    expect(response.body.errors).toBeUndefined();
    expect(
      response.body.data!._entities.map(({ id, standardized }) => [id, standardized?.loincCode ?? null]),
    ).toEqual([
      ['lab', '2345-7'],
      ['diagnosis', null],
      ['uncoded', null],
      ['medication', null],
    ]);
    expect(response.body.data!._entities.slice(1).every(({ standardized }) => standardized === null)).toBe(
      true,
    );
  });

  it('exports cache hits and misses at /metrics', async () => {
    const response = await fetch(sg.metricsUrl);
    const text = await response.text();
    expect(text).toMatch(
      /standards_cache_requests_total\{[^}]*cache="standardization"[^}]*outcome="hit"[^}]*\} [1-9]/,
    );
  });
});
