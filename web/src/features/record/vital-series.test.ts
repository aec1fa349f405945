import { describe, expect, it } from 'vitest';
import { latestVitals, vitalCharts, type VitalObservation } from './vital-series';

const panel = (at: string, systolic: number, diastolic: number): VitalObservation => ({
  code: '85354-9',
  effectiveAt: at,
  components: [
    { code: '8480-6', value: systolic, unit: 'mm[Hg]' },
    { code: '8462-4', value: diastolic, unit: 'mm[Hg]' },
  ],
});

const weight = (at: string, value: number): VitalObservation => ({
  code: '29463-7',
  value,
  unit: 'kg',
  effectiveAt: at,
  components: [],
});

describe('vitalCharts', () => {
  it('reads blood pressure from panel components and sorts points by time', () => {
    const charts = vitalCharts([
      panel('2024-05-01T10:00:00Z', 128, 82),
      panel('2023-05-01T10:00:00Z', 121, 79),
    ]);
    expect(charts).toHaveLength(1);
    expect(charts[0]).toMatchObject({ id: 'blood-pressure', unit: 'mmHg' });
    expect(charts[0]?.points).toEqual([
      { time: Date.parse('2023-05-01T10:00:00Z'), systolic: 121, diastolic: 79 },
      { time: Date.parse('2024-05-01T10:00:00Z'), systolic: 128, diastolic: 82 },
    ]);
  });

  it('leaves out undated readings and measures without data', () => {
    const charts = vitalCharts([
      weight('2024-01-01T00:00:00Z', 80.5),
      { ...weight('', 90), effectiveAt: null },
    ]);
    expect(charts.map((chart) => chart.id)).toEqual(['weight']);
    expect(charts[0]?.points).toHaveLength(1);
  });

  it('shows units as people write them: the standardized display, else the UCUM unit without brackets', () => {
    const bmi: VitalObservation = {
      code: '39156-5',
      value: 24.2,
      unit: 'kg/m2',
      standardized: { unitDisplay: 'kg/m²' },
      effectiveAt: '2024-01-01T00:00:00Z',
      components: [],
    };
    expect(vitalCharts([bmi])[0]).toMatchObject({ id: 'bmi', unit: 'kg/m²' });
    expect(vitalCharts([panel('2024-05-01T10:00:00Z', 128, 82)])[0]?.unit).toBe('mmHg');
  });

  it('summarises the latest reading per measure', () => {
    const latest = latestVitals([
      panel('2023-05-01T10:00:00Z', 121, 79),
      panel('2024-05-01T10:00:00Z', 128, 82),
      weight('2024-01-01T00:00:00Z', 80.46),
    ]);
    expect(latest.map(({ title, text }) => ({ title, text }))).toEqual([
      { title: 'Blood pressure', text: '128/82 mmHg' },
      { title: 'Body weight', text: '80.5 kg' },
    ]);
  });
});
