import { describe, expect, it } from 'vitest';
import type { PatientRecord, RecordObservation } from '../record/patient-record';
import { findLabTrends } from './lab-trends';

const observation = (
  id: string,
  code: string,
  value: number,
  unit: string,
  effectiveAt: string,
  range: Partial<RecordObservation> = {},
): RecordObservation => ({
  id,
  codeSystem: 'http://loinc.org',
  code,
  display: code === '18262-6' ? 'LDL Cholesterol' : `Test ${code}`,
  category: 'laboratory',
  value,
  unit,
  referenceLow: null,
  referenceHigh: null,
  effectiveAt,
  components: [],
  ...range,
});

const record = (observations: RecordObservation[]): PatientRecord => ({
  patientId: 'p-1',
  gender: 'female',
  birthDate: '1970-01-01',
  fetchedAt: '2026-12-01T00:00:00Z',
  observations,
  immunizations: [],
  procedures: [],
  conditions: [],
  medications: [],
});

describe('findLabTrends', () => {
  it('reports a rising LDL above the typical range, citing the latest result first', () => {
    const report = findLabTrends(
      record([
        observation('ldl-1', '18262-6', 120, 'mg/dL', '2024-01-01T00:00:00Z'),
        observation('ldl-2', '18262-6', 135, 'mg/dL', '2025-01-01T00:00:00Z'),
        observation('ldl-3', '18262-6', 160, 'mg/dL', '2026-01-01T00:00:00Z'),
      ]),
    );
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({
      code: '18262-6',
      direction: 'HIGH',
      trend: 'RISING',
      value: 160,
    });
    expect(report.findings[0]?.range.source).toBe('TYPICAL_ADULT');
    expect(report.findings[0]?.citations.map((citation) => citation.recordId)).toEqual([
      'ldl-3',
      'ldl-2',
      'ldl-1',
    ]);
    expect(report.findings[0]?.detail).toMatch(/further out of range/);
  });

  it('treats a later in-range result as the follow-up of an earlier out-of-range one', () => {
    const report = findLabTrends(
      record([
        observation('a1c-1', '4548-4', 7.1, '%', '2025-01-01T00:00:00Z'),
        observation('a1c-2', '4548-4', 5.4, '%', '2026-01-01T00:00:00Z'),
      ]),
    );
    expect(report.findings).toEqual([]);
    expect(report.seriesInRange).toBe(1);
    expect(report.inRangeCitations).toEqual([{ recordId: 'a1c-2', recordKind: 'OBSERVATION' }]);
  });

  it('prefers the lab’s own range to the typical one and reports low values', () => {
    const report = findLabTrends(
      record([
        observation('k-1', '2823-3', 3.3, 'mmol/L', '2026-02-01T00:00:00Z', {
          referenceLow: 3.4,
          referenceHigh: 5,
        }),
      ]),
    );
    expect(report.findings[0]).toMatchObject({ direction: 'LOW', trend: 'SINGLE' });
    expect(report.findings[0]?.range).toEqual({ low: 3.4, high: 5, source: 'RECORD' });
  });

  it('uses sex-specific hemoglobin bounds and skips values in another unit', () => {
    const report = findLabTrends(
      record([
        observation('hb-1', '718-7', 16.5, 'g/dL', '2026-02-01T00:00:00Z'),
        observation('glu-1', '2339-0', 9.5, 'mmol/L', '2026-02-01T00:00:00Z'),
      ]),
    );
    expect(report.findings.map((finding) => finding.code)).toEqual(['718-7']);
    expect(report.seriesWithRange).toBe(1);
  });
});
