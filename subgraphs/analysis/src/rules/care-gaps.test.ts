import { describe, expect, it } from 'vitest';
import type { PatientRecord } from '../record/patient-record';
import { findCareGaps } from './care-gaps';

const AS_OF = new Date('2026-12-01T00:00:00Z');

function record(overrides: Partial<PatientRecord>): PatientRecord {
  return {
    patientId: 'p-1',
    gender: 'male',
    birthDate: '1959-02-23',
    fetchedAt: AS_OF.toISOString(),
    observations: [],
    immunizations: [],
    procedures: [],
    conditions: [],
    medications: [],
    ...overrides,
  };
}

const immunization = (id: string, code: string, occurrenceAt: string) => ({
  id,
  code,
  display: null,
  status: 'completed',
  occurrenceAt,
});

describe('findCareGaps', () => {
  it('lists every rule for a 67-year-old man with an empty record as never done, citing his demographics', () => {
    const report = findCareGaps(record({}), AS_OF);
    expect(report.gaps.map((gap) => gap.ruleId)).toEqual([
      'colorectal-cancer-screening',
      'lipid-screening',
      'diabetes-screening',
      'blood-pressure-screening',
      'influenza-vaccine',
      'td-tdap-vaccine',
      'pneumococcal-vaccine',
      'zoster-vaccine',
      'covid-19-vaccine',
    ]);
    expect(report.applicable).toBe(9);
    expect(report.gaps.every((gap) => gap.status === 'NEVER_DONE')).toBe(true);
    expect(report.gaps[0]?.citations).toEqual([{ recordId: 'p-1', recordKind: 'PATIENT' }]);
  });

  it('adds breast and cervical screening for a woman of 45 and leaves out the 65+ vaccines', () => {
    const report = findCareGaps(record({ gender: 'female', birthDate: '1981-06-01' }), AS_OF);
    const ids = report.gaps.map((gap) => gap.ruleId);
    expect(ids).toContain('breast-cancer-screening');
    expect(ids).toContain('cervical-cancer-screening');
    expect(ids).not.toContain('pneumococcal-vaccine');
    expect(ids).not.toContain('zoster-vaccine');
  });

  it('counts a colonoscopy for 10 years and cites it once it is overdue', () => {
    const recent = record({
      procedures: [
        {
          id: 'proc-1',
          codeSystem: 'http://snomed.info/sct',
          code: '73761001',
          display: 'Colonoscopy',
          status: 'completed',
          performedStart: '2020-05-01T00:00:00Z',
        },
      ],
    });
    expect(findCareGaps(recent, AS_OF).gaps.map((gap) => gap.ruleId)).not.toContain(
      'colorectal-cancer-screening',
    );
    expect(
      findCareGaps(recent, AS_OF).current.find((item) => item.ruleId === 'colorectal-cancer-screening')
        ?.citations,
    ).toEqual([{ recordId: 'proc-1', recordKind: 'PROCEDURE' }]);

    const old = record({
      procedures: [
        {
          id: 'proc-2',
          codeSystem: 'http://snomed.info/sct',
          code: '73761001',
          display: 'Colonoscopy',
          status: 'completed',
          performedStart: '2012-05-01T00:00:00Z',
        },
      ],
    });
    const gap = findCareGaps(old, AS_OF).gaps.find((item) => item.ruleId === 'colorectal-cancer-screening');
    expect(gap).toMatchObject({
      status: 'OVERDUE',
      lastDoneAt: '2012-05-01T00:00:00.000Z',
      dueSince: '2022-05-01T00:00:00.000Z',
    });
    expect(gap?.citations).toContainEqual({ recordId: 'proc-2', recordKind: 'PROCEDURE' });
  });

  it('needs a flu shot every year but a pneumococcal vaccine only once', () => {
    const report = findCareGaps(
      record({
        immunizations: [
          immunization('flu-old', '140', '2024-10-01T00:00:00Z'),
          immunization('pcv', '133', '2020-01-01T00:00:00Z'),
        ],
      }),
      AS_OF,
    );
    const flu = report.gaps.find((gap) => gap.ruleId === 'influenza-vaccine');
    expect(flu?.status).toBe('OVERDUE');
    expect(flu?.citations).toContainEqual({ recordId: 'flu-old', recordKind: 'IMMUNIZATION' });
    expect(report.gaps.map((gap) => gap.ruleId)).not.toContain('pneumococcal-vaccine');
  });

  it('reads a blood pressure panel through its systolic component code', () => {
    const report = findCareGaps(
      record({
        observations: [
          {
            id: 'bp-1',
            codeSystem: 'http://loinc.org',
            code: '85354-9',
            display: 'Blood pressure panel',
            category: 'vital-signs',
            value: null,
            unit: null,
            referenceLow: null,
            referenceHigh: null,
            effectiveAt: '2026-06-01T00:00:00Z',
            components: [{ code: '8480-6', display: 'Systolic', value: 120, unit: 'mm[Hg]' }],
          },
        ],
      }),
      AS_OF,
    );
    expect(report.gaps.map((gap) => gap.ruleId)).not.toContain('blood-pressure-screening');
  });

  it('does not evaluate without a birth date and says why', () => {
    const report = findCareGaps(record({ birthDate: null }), AS_OF);
    expect(report.gaps).toEqual([]);
    expect(report.notEvaluated).toMatch(/no birth date/);
  });
});
