import type { Citation, PatientRecord } from '../record/patient-record';
import { sexOf } from './patient-age';
import { rangeFor, type ResolvedRange } from './reference-ranges';

/** A result outside its range with no later result of the same test to show it was followed up. */
export interface LabFinding {
  code: string;
  display: string;
  direction: 'HIGH' | 'LOW';
  /** Over the last results of the series: moving further out of range, back towards it, or neither. */
  trend: 'RISING' | 'FALLING' | 'STABLE' | 'SINGLE';
  value: number;
  unit: string | null;
  range: ResolvedRange;
  effectiveAt: string;
  detail: string;
  /** The out-of-range result first, then the earlier results of the series the trend was read from. */
  citations: Citation[];
}

export interface LabTrendReport {
  findings: LabFinding[];
  /** Series whose latest result could be compared with a range. */
  seriesWithRange: number;
  /** Of those, the ones whose latest result is within range. */
  seriesInRange: number;
  /** Every latest-in-range series' latest record, for the score's citations. */
  inRangeCitations: Citation[];
}

interface Point {
  recordId: string;
  code: string;
  display: string;
  value: number;
  unit: string | null;
  referenceLow: number | null;
  referenceHigh: number | null;
  at: Date;
}

/** How many recent results the trend is read from. */
const TREND_WINDOW = 3;
/** A change smaller than this share of the first value is stable. */
const TREND_THRESHOLD = 0.05;

/** Each numeric result, with multi-part results (blood pressure) split into their parts. */
function points(record: PatientRecord): Point[] {
  const all: Point[] = [];
  for (const observation of record.observations) {
    if (!observation.effectiveAt) continue;
    const at = new Date(observation.effectiveAt);
    if (Number.isNaN(at.getTime())) continue;
    if (observation.value !== null) {
      all.push({
        recordId: observation.id,
        code: observation.code,
        display: observation.display,
        value: observation.value,
        unit: observation.unit,
        referenceLow: observation.referenceLow,
        referenceHigh: observation.referenceHigh,
        at,
      });
    }
    for (const part of observation.components) {
      if (part.value === null) continue;
      all.push({
        recordId: observation.id,
        code: part.code,
        display: part.display,
        value: part.value,
        unit: part.unit,
        referenceLow: null,
        referenceHigh: null,
        at,
      });
    }
  }
  return all;
}

function trendOf(series: Point[]): LabFinding['trend'] {
  const recent = series.slice(-TREND_WINDOW);
  if (recent.length < 2) return 'SINGLE';
  const first = (recent[0] as Point).value;
  const last = (recent.at(-1) as Point).value;
  const change = first === 0 ? last - first : (last - first) / Math.abs(first);
  if (Math.abs(change) < TREND_THRESHOLD) return 'STABLE';
  return change > 0 ? 'RISING' : 'FALLING';
}

const formatValue = (value: number, unit: string | null): string =>
  `${Number(value.toFixed(2))}${unit ? ` ${unit}` : ''}`;

function describeRange(range: ResolvedRange, unit: string | null): string {
  const bounds =
    range.low !== null && range.high !== null
      ? `${range.low}–${range.high}`
      : range.low !== null
        ? `at least ${range.low}`
        : `at most ${range.high ?? ''}`;
  const origin = range.source === 'RECORD' ? 'the lab’s range' : 'the typical adult range';
  return `${origin} ${bounds}${unit ? ` ${unit}` : ''}`;
}

/**
 * Out-of-range results without follow-up: per test (LOINC, and each part of multi-part results), the latest
 * result is compared with the lab's range or, without one, the typical adult range; when it is out of range
 * no later result exists by definition, so it is reported with the direction the recent series is moving.
 */
export function findLabTrends(record: PatientRecord): LabTrendReport {
  const sex = sexOf(record.gender);
  const byCode = new Map<string, Point[]>();
  for (const point of points(record)) {
    const series = byCode.get(point.code) ?? [];
    series.push(point);
    byCode.set(point.code, series);
  }
  const report: LabTrendReport = { findings: [], seriesWithRange: 0, seriesInRange: 0, inRangeCitations: [] };
  for (const code of [...byCode.keys()].sort()) {
    const series = (byCode.get(code) as Point[]).sort(
      (a, b) => a.at.getTime() - b.at.getTime() || a.recordId.localeCompare(b.recordId),
    );
    const latest = series.at(-1) as Point;
    const range = rangeFor(code, latest.unit, latest, sex);
    if (!range) continue;
    report.seriesWithRange += 1;
    const direction =
      range.high !== null && latest.value > range.high
        ? 'HIGH'
        : range.low !== null && latest.value < range.low
          ? 'LOW'
          : null;
    if (direction === null) {
      report.seriesInRange += 1;
      report.inRangeCitations.push({ recordId: latest.recordId, recordKind: 'OBSERVATION' });
      continue;
    }
    const trend = trendOf(series);
    const moving =
      trend === 'SINGLE'
        ? 'It is the only result of this test in the record'
        : trend === 'STABLE'
          ? `It is about the same as the previous ${Math.min(series.length, TREND_WINDOW) - 1} result(s)`
          : (trend === 'RISING') === (direction === 'HIGH')
            ? `The recent results are ${trend.toLowerCase()}, further out of range`
            : `The recent results are ${trend.toLowerCase()}, back towards the range`;
    const earlier = series.slice(-TREND_WINDOW, -1).reverse();
    report.findings.push({
      code,
      display: latest.display,
      direction,
      trend,
      value: latest.value,
      unit: latest.unit,
      range,
      effectiveAt: latest.at.toISOString(),
      detail: `${latest.display} was ${formatValue(latest.value, latest.unit)} on ${latest.at.toISOString().slice(0, 10)}, ${direction === 'HIGH' ? 'above' : 'below'} ${describeRange(range, latest.unit)}, with no later result. ${moving}.`,
      citations: [latest, ...earlier].map((point) => ({
        recordId: point.recordId,
        recordKind: 'OBSERVATION' as const,
      })),
    });
  }
  return report;
}
