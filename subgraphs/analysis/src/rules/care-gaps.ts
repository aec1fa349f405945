import type { Citation, PatientRecord } from '../record/patient-record';
import { type CareEvidence, type CareGapRule, CARE_GAP_RULES } from './care-gap-rules';
import { addMonths, ageInYears, sexOf } from './patient-age';

/** A preventive service the person is due for: never recorded, or last done too long ago. */
export interface CareGap {
  ruleId: string;
  category: CareGapRule['category'];
  title: string;
  status: 'NEVER_DONE' | 'OVERDUE';
  /** Plain-language reason, naming the guidance and what the record shows. */
  detail: string;
  source: string;
  /** The most recent qualifying record, when there is one (OVERDUE). */
  lastDoneAt: string | null;
  /** When the service became due again; null when it was never done. */
  dueSince: string | null;
  /** The demographics the rule applied to, plus the last qualifying record when there is one. */
  citations: Citation[];
}

/** A service the record shows as current, so scores and summaries can say what is in order. */
export interface CareCurrent {
  ruleId: string;
  category: CareGapRule['category'];
  title: string;
  lastDoneAt: string;
  citations: Citation[];
}

export interface CareGapReport {
  /** Rules that apply to this person's age and sex. */
  applicable: number;
  gaps: CareGap[];
  current: CareCurrent[];
  /** Why nothing could be evaluated (no birth date), else null. */
  notEvaluated: string | null;
}

interface Done {
  id: string;
  kind: CareEvidence['kind'];
  at: Date;
  evidence: CareEvidence;
}

function timestamp(value: string | null): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Every record of the patient's that meets one of the rule's ways, with the way it meets. */
function evidenceFor(rule: CareGapRule, record: PatientRecord): Done[] {
  const found: Done[] = [];
  for (const evidence of rule.evidence) {
    const codes = new Set(evidence.codes);
    if (evidence.kind === 'PROCEDURE') {
      for (const procedure of record.procedures) {
        const at = timestamp(procedure.performedStart);
        if (at && procedure.code && codes.has(procedure.code) && procedure.status !== 'entered-in-error')
          found.push({ id: procedure.id, kind: 'PROCEDURE', at, evidence });
      }
    } else if (evidence.kind === 'OBSERVATION') {
      for (const observation of record.observations) {
        const at = timestamp(observation.effectiveAt);
        const matches =
          codes.has(observation.code) || observation.components.some((part) => codes.has(part.code));
        if (at && matches) found.push({ id: observation.id, kind: 'OBSERVATION', at, evidence });
      }
    } else {
      for (const immunization of record.immunizations) {
        const at = timestamp(immunization.occurrenceAt);
        if (at && immunization.code && codes.has(immunization.code) && immunization.status === 'completed')
          found.push({ id: immunization.id, kind: 'IMMUNIZATION', at, evidence });
      }
    }
  }
  return found.sort((a, b) => b.at.getTime() - a.at.getTime());
}

const day = (date: Date): string => date.toISOString().slice(0, 10);

/**
 * Which USPSTF screenings and CDC immunizations the person (age and sex from the record's demographics, on
 * `asOf`) is due for, judged from the record's procedures, observations (LOINC) and immunizations (CVX).
 * Deterministic: the same record and date always give the same gaps, in rule order.
 */
export function findCareGaps(record: PatientRecord, asOf: Date): CareGapReport {
  const age = ageInYears(record.birthDate, asOf);
  if (age === null) {
    return {
      applicable: 0,
      gaps: [],
      current: [],
      notEvaluated: 'The record has no birth date, so age-based screenings cannot be checked.',
    };
  }
  const sex = sexOf(record.gender);
  const demographics: Citation = { recordId: record.patientId, recordKind: 'PATIENT' };
  const report: CareGapReport = { applicable: 0, gaps: [], current: [], notEvaluated: null };
  for (const rule of CARE_GAP_RULES) {
    if (age < rule.minAge || (rule.maxAge !== null && age > rule.maxAge)) continue;
    if (rule.sex !== null && rule.sex !== sex) continue;
    report.applicable += 1;
    const done = evidenceFor(rule, record);
    const stillValid = done.find(
      (item) => item.evidence.validMonths === null || addMonths(item.at, item.evidence.validMonths) > asOf,
    );
    if (stillValid) {
      report.current.push({
        ruleId: rule.id,
        category: rule.category,
        title: rule.title,
        lastDoneAt: stillValid.at.toISOString(),
        citations: [{ recordId: stillValid.id, recordKind: stillValid.kind }],
      });
      continue;
    }
    const last = done[0];
    const ways = [...new Set(rule.evidence.map((evidence) => evidence.label))].join(', or ');
    if (!last) {
      report.gaps.push({
        ruleId: rule.id,
        category: rule.category,
        title: rule.title,
        status: 'NEVER_DONE',
        detail: `${rule.title} is recommended at age ${age} (${rule.source}); the record has none (${ways}).`,
        source: rule.source,
        lastDoneAt: null,
        dueSince: null,
        citations: [demographics],
      });
      continue;
    }
    const dueSince = addMonths(last.at, last.evidence.validMonths ?? 0);
    report.gaps.push({
      ruleId: rule.id,
      category: rule.category,
      title: rule.title,
      status: 'OVERDUE',
      detail: `${rule.title} was last recorded on ${day(last.at)} and has been due again since ${day(dueSince)} (${rule.source}: ${ways}).`,
      source: rule.source,
      lastDoneAt: last.at.toISOString(),
      dueSince: dueSince.toISOString(),
      citations: [demographics, { recordId: last.id, recordKind: last.kind }],
    });
  }
  return report;
}
