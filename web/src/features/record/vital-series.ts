/** The parts of an Observation a vitals chart reads. */
export interface VitalObservation {
  code: string;
  /** UCUM, as stored. */
  unit?: string | null;
  /** The unit as people write it (mmHg, kg/m²), from the standards subgraph. */
  standardized?: { unitDisplay?: string | null } | null;
  value?: number | null;
  effectiveAt?: string | null;
  components: { code: string; value?: number | null; unit?: string | null }[];
}

export interface ChartLine {
  key: string;
  label: string;
}

export interface ChartPoint {
  time: number;
  [key: string]: number;
}

export interface TimeSeriesChartData {
  id: string;
  title: string;
  unit: string;
  lines: ChartLine[];
  points: ChartPoint[];
}

interface SeriesSpec {
  id: string;
  title: string;
  /** LOINC code → line, read from the observation's own value or from a panel's component. */
  lines: { code: string; key: string; label: string }[];
}

// LOINC codes used by US Core vital signs (and by Synthea).
const SPECS: SeriesSpec[] = [
  {
    id: 'blood-pressure',
    title: 'Blood pressure',
    lines: [
      { code: '8480-6', key: 'systolic', label: 'Systolic' },
      { code: '8462-4', key: 'diastolic', label: 'Diastolic' },
    ],
  },
  { id: 'weight', title: 'Body weight', lines: [{ code: '29463-7', key: 'weight', label: 'Weight' }] },
  { id: 'bmi', title: 'Body mass index', lines: [{ code: '39156-5', key: 'bmi', label: 'BMI' }] },
  {
    id: 'heart-rate',
    title: 'Heart rate',
    lines: [{ code: '8867-4', key: 'heartRate', label: 'Heart rate' }],
  },
  {
    id: 'respiratory-rate',
    title: 'Respiratory rate',
    lines: [{ code: '9279-1', key: 'respiratoryRate', label: 'Respiratory rate' }],
  },
  {
    id: 'temperature',
    title: 'Body temperature',
    lines: [{ code: '8310-5', key: 'temperature', label: 'Temperature' }],
  },
  { id: 'height', title: 'Body height', lines: [{ code: '8302-2', key: 'height', label: 'Height' }] },
];

/**
 * Panel components (the two blood pressures) have no standardized result of their own; their UCUM units are
 * bracketed customary units (mm[Hg]), which read right without the brackets.
 */
function componentUnitText(unit: string | null | undefined): string | null {
  return unit ? unit.replace(/\[([^\]]*)\]/g, '$1') : null;
}

function readings(observation: VitalObservation): { code: string; value: number; unit: string | null }[] {
  const own =
    observation.value != null && Number.isFinite(observation.value)
      ? [
          {
            code: observation.code,
            value: observation.value,
            unit: observation.standardized?.unitDisplay ?? observation.unit ?? null,
          },
        ]
      : [];
  const parts = observation.components.flatMap((component) =>
    component.value != null && Number.isFinite(component.value)
      ? [{ code: component.code, value: component.value, unit: componentUnitText(component.unit) }]
      : [],
  );
  return [...own, ...parts];
}

/** Groups vital-sign observations into one chart per measure, points in time order, empty charts left out. */
export function vitalCharts(observations: VitalObservation[]): TimeSeriesChartData[] {
  const charts = SPECS.map((spec) => ({ spec, unit: '', byTime: new Map<number, ChartPoint>() }));
  for (const observation of observations) {
    const time = observation.effectiveAt ? Date.parse(observation.effectiveAt) : NaN;
    if (Number.isNaN(time)) continue;
    for (const reading of readings(observation)) {
      for (const chart of charts) {
        const line = chart.spec.lines.find((candidate) => candidate.code === reading.code);
        if (!line) continue;
        const point = chart.byTime.get(time) ?? { time };
        point[line.key] = reading.value;
        chart.byTime.set(time, point);
        chart.unit ||= reading.unit ?? '';
      }
    }
  }
  return charts
    .filter((chart) => chart.byTime.size > 0)
    .map((chart) => ({
      id: chart.spec.id,
      title: chart.spec.title,
      unit: chart.unit,
      lines: chart.spec.lines.map(({ key, label }) => ({ key, label })),
      points: [...chart.byTime.values()].sort((a, b) => a.time - b.time),
    }));
}

/** The most recent reading per chart, for the dashboard's "latest vitals". */
export function latestVitals(
  observations: VitalObservation[],
): { title: string; text: string; at: number }[] {
  return vitalCharts(observations).map((chart) => {
    const last = chart.points[chart.points.length - 1] as ChartPoint;
    const values = chart.lines
      .map((line) => last[line.key])
      .filter((value): value is number => value !== undefined);
    const rounded = values.map((value) => String(Math.round(value * 10) / 10));
    return {
      title: chart.title,
      text: `${rounded.join('/')}${chart.unit ? ` ${chart.unit}` : ''}`,
      at: last.time,
    };
  });
}
