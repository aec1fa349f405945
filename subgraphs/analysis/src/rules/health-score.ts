import type { Citation, PatientRecord } from '../record/patient-record';
import type { CareGapReport } from './care-gaps';
import type { LabTrendReport } from './lab-trends';
import { yearsBetween } from './patient-age';

/** One named part of the score: how many of its points the record earns, and why. */
export interface HealthScoreFactor {
  name: 'PREVENTIVE_SCREENINGS' | 'IMMUNIZATIONS' | 'LAB_RESULTS_IN_RANGE' | 'RECORD_RECENCY';
  weight: number;
  points: number;
  detail: string;
  citations: Citation[];
}

export interface HealthScore {
  /** 0–100: the sum of the factors' points. */
  score: number;
  factors: HealthScoreFactor[];
}

const WEIGHTS = {
  PREVENTIVE_SCREENINGS: 30,
  IMMUNIZATIONS: 20,
  LAB_RESULTS_IN_RANGE: 35,
  RECORD_RECENCY: 15,
} as const;

/** Results newer than this earn full recency points; older ones lose them linearly until RECENCY_ZERO_YEARS. */
const RECENCY_FULL_YEARS = 1;
const RECENCY_ZERO_YEARS = 3;

const round1 = (value: number): number => Math.round(value * 10) / 10;

function preventiveFactor(
  name: 'PREVENTIVE_SCREENINGS' | 'IMMUNIZATIONS',
  category: 'SCREENING' | 'IMMUNIZATION',
  care: CareGapReport,
): HealthScoreFactor {
  const weight = WEIGHTS[name];
  if (care.notEvaluated !== null) {
    return { name, weight, points: 0, detail: `Not scored: ${care.notEvaluated}`, citations: [] };
  }
  const gaps = care.gaps.filter((gap) => gap.category === category);
  const current = care.current.filter((item) => item.category === category);
  const applicable = gaps.length + current.length;
  const label = category === 'SCREENING' ? 'screenings' : 'immunizations';
  return {
    name,
    weight,
    points: applicable === 0 ? weight : round1((weight * current.length) / applicable),
    detail:
      applicable === 0
        ? `No recommended ${label} apply at this age.`
        : `${current.length} of ${applicable} recommended ${label} are up to date${gaps.length ? `; due: ${gaps.map((gap) => gap.title).join(', ')}` : ''}.`,
    citations: [...current.flatMap((item) => item.citations), ...gaps.flatMap((gap) => gap.citations)],
  };
}

/**
 * A 0–100 score from four named factors — screenings and immunizations up to date, latest lab results in
 * range, and how recent the record is — each with the records it rests on. It describes the record's
 * completeness and flagged results, not a diagnosis.
 */
export function computeHealthScore(
  record: PatientRecord,
  care: CareGapReport,
  labs: LabTrendReport,
  asOf: Date,
): HealthScore {
  const labWeight = WEIGHTS.LAB_RESULTS_IN_RANGE;
  const labPoints =
    labs.seriesWithRange === 0 ? labWeight : round1((labWeight * labs.seriesInRange) / labs.seriesWithRange);
  const labFactor: HealthScoreFactor = {
    name: 'LAB_RESULTS_IN_RANGE',
    weight: labWeight,
    points: labPoints,
    detail:
      labs.seriesWithRange === 0
        ? 'No results with a known range to compare.'
        : `${labs.seriesInRange} of ${labs.seriesWithRange} tests have their latest result in range.`,
    citations: [
      ...labs.inRangeCitations,
      ...labs.findings.map((finding) => finding.citations[0] as Citation),
    ],
  };
  const latest = record.observations
    .filter((observation) => observation.effectiveAt)
    .sort((a, b) => (b.effectiveAt as string).localeCompare(a.effectiveAt as string))[0];
  const recencyWeight = WEIGHTS.RECORD_RECENCY;
  let recencyPoints = 0;
  let recencyDetail = 'The record has no dated results.';
  if (latest) {
    const age = yearsBetween(new Date(latest.effectiveAt as string), asOf);
    const share = Math.max(
      0,
      Math.min(1, (RECENCY_ZERO_YEARS - age) / (RECENCY_ZERO_YEARS - RECENCY_FULL_YEARS)),
    );
    recencyPoints = round1(recencyWeight * share);
    recencyDetail = `The latest result is from ${(latest.effectiveAt as string).slice(0, 10)} (${round1(Math.max(0, age))} years ago).`;
  }
  const factors: HealthScoreFactor[] = [
    preventiveFactor('PREVENTIVE_SCREENINGS', 'SCREENING', care),
    preventiveFactor('IMMUNIZATIONS', 'IMMUNIZATION', care),
    labFactor,
    {
      name: 'RECORD_RECENCY',
      weight: recencyWeight,
      points: recencyPoints,
      detail: recencyDetail,
      citations: latest ? [{ recordId: latest.id, recordKind: 'OBSERVATION' }] : [],
    },
  ];
  const score = Math.round(factors.reduce((sum, factor) => sum + factor.points, 0));
  return { score: Math.max(0, Math.min(100, score)), factors };
}
