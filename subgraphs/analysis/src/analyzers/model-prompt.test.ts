import { describe, expect, it } from 'vitest';
import { AnalysisTaskType } from '../entities/analysis-enums';
import { renderPrompt } from '../prompts/prompt-rendering';
import type { PatientRecord } from '../record/patient-record';
import {
  citableRecords,
  MAX_ROWS_PER_KIND,
  omittedRecords,
  promptRecords,
  promptRequest,
} from './model-prompt';

const record: PatientRecord = {
  patientId: 'p-1',
  gender: 'female',
  birthDate: '1930-05-02',
  fetchedAt: '2026-12-01T00:00:00Z',
  observations: [
    {
      id: 'bp',
      codeSystem: 'http://loinc.org',
      code: '85354-9',
      display: 'Blood pressure panel',
      category: 'vital-signs',
      value: null,
      unit: null,
      referenceLow: null,
      referenceHigh: null,
      effectiveAt: '2026-03-01T10:00:00Z',
      components: [
        { code: '8480-6', display: 'Systolic', value: 150, unit: 'mm[Hg]' },
        { code: '8462-4', display: 'Diastolic', value: 95, unit: 'mm[Hg]' },
      ],
    },
  ],
  immunizations: [],
  procedures: [],
  conditions: [],
  medications: [
    { id: 'm-1', code: '860975', display: 'Metformin', status: 'active', startedAt: '2010-01-02' },
  ],
};

describe('model prompt', () => {
  const asOf = new Date('2026-12-01T00:00:00Z');

  it('writes one record per row with its id; an age (90+ here), never the birth date', () => {
    const rows = promptRecords(record, asOf, AnalysisTaskType.SUMMARY);
    expect(rows.map((row) => row.id)).toEqual(['p-1', 'm-1', 'bp']);
    expect(rows[0]?.text).toBe('Patient demographics: sex female, age 90 or older.');
    expect(rows.map((row) => row.text).join('\n')).not.toContain('1930');
    expect(rows[2]?.text).toContain('Systolic 150 mm[Hg], Diastolic 95 mm[Hg]');
  });

  it('sends only what the task needs, and only what was sent may be cited', () => {
    const rows = promptRecords(record, asOf, AnalysisTaskType.LAB_TRENDS);
    expect([...citableRecords(rows)]).toEqual([
      ['p-1', 'PATIENT'],
      ['bp', 'OBSERVATION'],
    ]);
  });

  it('puts a question in the task, not in the instruction', () => {
    const template = 'Cite the ids of the records.\n---\nThe patient’s question: {{question}}';
    const request = promptRequest(
      record,
      AnalysisTaskType.QUESTION,
      asOf,
      renderPrompt(template, { question: 'Is my BP high?' }),
    );
    expect(request.task).toContain('Is my BP high?');
    expect(request.instruction).not.toContain('Is my BP high?');
  });

  it('sends at most MAX_ROWS_PER_KIND of a kind, newest first, and says what it left out', () => {
    const first = record.observations[0]!;
    const many: PatientRecord = {
      ...record,
      observations: Array.from({ length: MAX_ROWS_PER_KIND + 5 }, (_, index) => ({
        ...first,
        id: `o-${index}`,
        effectiveAt: new Date(Date.UTC(2000, 0, 1 + index)).toISOString(),
      })),
    };
    const rows = promptRecords(many, asOf, AnalysisTaskType.LAB_TRENDS);
    expect(rows).toHaveLength(1 + MAX_ROWS_PER_KIND);
    expect(rows[1]?.id).toBe(`o-${MAX_ROWS_PER_KIND + 4}`);
    expect(rows.map((row) => row.id)).not.toContain('o-0');
    expect(omittedRecords(many, AnalysisTaskType.LAB_TRENDS)).toEqual([
      { kind: 'OBSERVATION', sent: MAX_ROWS_PER_KIND, total: MAX_ROWS_PER_KIND + 5 },
    ]);
    expect(omittedRecords(many, AnalysisTaskType.MEDICATION_REVIEW)).toEqual([]);
  });
});
