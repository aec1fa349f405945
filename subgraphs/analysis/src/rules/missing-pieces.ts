import type { Citation, PatientRecord } from '../record/patient-record';
import { findCareGaps } from './care-gaps';
import { findLabTrends } from './lab-trends';

/** Something the record says is due or unresolved: a screening, an immunization or an out-of-range result. */
export interface MissingPiece {
  kind: 'SCREENING' | 'IMMUNIZATION' | 'LAB_FOLLOW_UP';
  /** Stable rule id (e.g. `colorectal-cancer-screening`) or `lab:<LOINC>`. */
  ruleId: string;
  title: string;
  status: 'NEVER_DONE' | 'OVERDUE' | 'OUT_OF_RANGE';
  detail: string;
  lastRecordedAt: string | null;
  dueSince: string | null;
  citations: Citation[];
}

/** Care gaps by age and sex, then out-of-range results without follow-up, each citing its records. */
export function findMissingPieces(record: PatientRecord, asOf: Date): MissingPiece[] {
  const care = findCareGaps(record, asOf);
  const labs = findLabTrends(record);
  return [
    ...care.gaps.map((gap): MissingPiece => ({
      kind: gap.category,
      ruleId: gap.ruleId,
      title: gap.title,
      status: gap.status,
      detail: gap.detail,
      lastRecordedAt: gap.lastDoneAt,
      dueSince: gap.dueSince,
      citations: gap.citations,
    })),
    ...labs.findings.map((finding): MissingPiece => ({
      kind: 'LAB_FOLLOW_UP',
      ruleId: `lab:${finding.code}`,
      title: `${finding.display} ${finding.direction === 'HIGH' ? 'high' : 'low'}`,
      status: 'OUT_OF_RANGE',
      detail: finding.detail,
      lastRecordedAt: finding.effectiveAt,
      dueSince: null,
      citations: finding.citations,
    })),
  ];
}
