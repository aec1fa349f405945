import { describe, expect, it } from 'vitest';
import type { PatientRecord } from '../record/patient-record';
import { findCareGaps } from './care-gaps';
import { computeHealthScore } from './health-score';
import { findLabTrends } from './lab-trends';

const AS_OF = new Date('2026-12-01T00:00:00Z');

const base: PatientRecord = {
  patientId: 'p-1',
  gender: 'male',
  birthDate: '1996-03-01',
  fetchedAt: AS_OF.toISOString(),
  observations: [],
  immunizations: [],
  procedures: [],
  conditions: [],
  medications: [],
};

const score = (record: PatientRecord) =>
  computeHealthScore(record, findCareGaps(record, AS_OF), findLabTrends(record), AS_OF);

describe('computeHealthScore', () => {
  it('gives a 30-year-old with current vaccines, a recent in-range blood pressure and no other results 100', () => {
    const result = score({
      ...base,
      immunizations: [
        { id: 'flu', code: '140', display: null, status: 'completed', occurrenceAt: '2026-10-01T00:00:00Z' },
        { id: 'td', code: '115', display: null, status: 'completed', occurrenceAt: '2020-10-01T00:00:00Z' },
        {
          id: 'covid',
          code: '309',
          display: null,
          status: 'completed',
          occurrenceAt: '2026-09-01T00:00:00Z',
        },
      ],
      observations: [
        {
          id: 'bp',
          codeSystem: 'http://loinc.org',
          code: '55284-4',
          display: 'Blood Pressure',
          category: 'vital-signs',
          value: null,
          unit: null,
          referenceLow: null,
          referenceHigh: null,
          effectiveAt: '2026-11-01T00:00:00Z',
          components: [
            { code: '8480-6', display: 'Systolic', value: 118, unit: 'mm[Hg]' },
            { code: '8462-4', display: 'Diastolic', value: 76, unit: 'mm[Hg]' },
          ],
        },
      ],
    });
    expect(result.score).toBe(100);
    expect(result.factors.map((factor) => [factor.name, factor.points])).toEqual([
      ['PREVENTIVE_SCREENINGS', 30],
      ['IMMUNIZATIONS', 20],
      ['LAB_RESULTS_IN_RANGE', 35],
      ['RECORD_RECENCY', 15],
    ]);
    expect(result.factors[1]?.citations).toContainEqual({ recordId: 'flu', recordKind: 'IMMUNIZATION' });
  });

  it('loses points for every gap, every out-of-range result and an old record, and names each', () => {
    const result = score({
      ...base,
      birthDate: '1959-02-23',
      observations: [
        {
          id: 'ldl',
          codeSystem: 'http://loinc.org',
          code: '18262-6',
          display: 'LDL',
          category: 'laboratory',
          value: 170,
          unit: 'mg/dL',
          referenceLow: null,
          referenceHigh: null,
          effectiveAt: '2020-06-29T00:00:00Z',
          components: [],
        },
      ],
    });
    const byName = Object.fromEntries(result.factors.map((factor) => [factor.name, factor]));
    expect(byName.LAB_RESULTS_IN_RANGE?.points).toBe(0);
    expect(byName.LAB_RESULTS_IN_RANGE?.citations).toEqual([{ recordId: 'ldl', recordKind: 'OBSERVATION' }]);
    expect(byName.RECORD_RECENCY?.points).toBe(0);
    expect(byName.IMMUNIZATIONS?.points).toBe(0);
    expect(byName.PREVENTIVE_SCREENINGS?.detail).toMatch(/^0 of 4 recommended screenings/);
    expect(result.score).toBe(0);
  });

  it('is deterministic: the same record and date give the same score', () => {
    expect(score(base)).toEqual(score(base));
  });
});
