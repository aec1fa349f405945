import { AnalysisTaskType, AnalyzerKind } from '../entities/analysis-enums';
import type { Citation, PatientRecord } from '../record/patient-record';
import { type CareGapReport, findCareGaps } from '../rules/care-gaps';
import { computeHealthScore } from '../rules/health-score';
import { findLabTrends, type LabTrendReport } from '../rules/lab-trends';
import {
  type AnalysisContext,
  type AnalysisOutcome,
  type AnalysisSection,
  AnalysisSectionKind,
  type AnalysisStatement,
  type AnalysisTaskInput,
  type Analyzer,
} from './analyzer';

const RULE_NOTE =
  'Produced by the rule-based analyzer (no AI model): fixed screening and immunization rules and lab ranges, applied to the records cited.';

function careGapSection(care: CareGapReport): AnalysisSection {
  if (care.notEvaluated !== null) {
    return {
      kind: AnalysisSectionKind.CARE_GAPS,
      title: 'Screenings and immunizations',
      statements: [{ text: care.notEvaluated, citations: [] }],
    };
  }
  const statements = care.gaps.map((gap) => ({ text: gap.detail, citations: gap.citations }));
  if (statements.length === 0) {
    statements.push({
      text: `All ${care.applicable} recommended screenings and immunizations for this age and sex are up to date.`,
      citations: distinctCitations(care.current.flatMap((item) => item.citations)),
    });
  }
  return { kind: AnalysisSectionKind.CARE_GAPS, title: 'Screenings and immunizations due', statements };
}

function labSection(labs: LabTrendReport): AnalysisSection {
  const statements = labs.findings.map((finding) => ({ text: finding.detail, citations: finding.citations }));
  if (statements.length === 0) {
    statements.push({
      text:
        labs.seriesWithRange === 0
          ? 'No results with a known range to compare.'
          : `The latest result of each of ${labs.seriesWithRange} tests with a known range is within range.`,
      citations: labs.inRangeCitations,
    });
  }
  return {
    kind: AnalysisSectionKind.LAB_TRENDS,
    title: 'Out-of-range results without follow-up',
    statements,
  };
}

function overviewSection(record: PatientRecord): AnalysisSection {
  const active = record.conditions.filter((condition) => condition.clinicalStatus === 'active');
  const statements: AnalysisStatement[] = active.map((condition) => ({
    text: `Active condition: ${condition.display ?? condition.code ?? 'unnamed'}${condition.onsetAt ? ` (since ${condition.onsetAt.slice(0, 10)})` : ''}.`,
    citations: [{ recordId: condition.id, recordKind: 'CONDITION' as const }],
  }));
  statements.unshift({
    text: `The record analysed holds ${record.observations.length} results, ${record.conditions.length} conditions, ${record.medications.length} medications, ${record.immunizations.length} immunizations and ${record.procedures.length} procedures.`,
    citations: [{ recordId: record.patientId, recordKind: 'PATIENT' }],
  });
  return { kind: AnalysisSectionKind.RECORD_OVERVIEW, title: 'Record overview', statements };
}

function medicationSection(record: PatientRecord): AnalysisSection {
  const active = record.medications.filter((medication) => medication.status === 'active');
  const statements: AnalysisStatement[] = active.map((medication) => ({
    text: `Active medication: ${medication.display ?? medication.code ?? 'unnamed'}${medication.startedAt ? ` (since ${medication.startedAt.slice(0, 10)})` : ''}.`,
    citations: [{ recordId: medication.id, recordKind: 'MEDICATION' as const }],
  }));
  if (statements.length === 0)
    statements.push({ text: 'The record lists no active medications.', citations: [] });
  return { kind: AnalysisSectionKind.MEDICATIONS, title: 'Medications', statements };
}

const limitations = (text: string): AnalysisSection => ({
  kind: AnalysisSectionKind.LIMITATIONS,
  title: 'About this analysis',
  statements: [{ text, citations: [] }],
});

/** Deterministic analysis without a model: care gaps, out-of-range results, health score, medication list. */
export class RuleAnalyzer implements Analyzer {
  readonly kind = AnalyzerKind.RULES;

  supports(type: AnalysisTaskType): boolean {
    return type !== AnalysisTaskType.QUESTION;
  }

  async analyze(context: AnalysisContext, task: AnalysisTaskInput): Promise<AnalysisOutcome> {
    const { record, asOf } = context;
    await context.checkpoint(20);
    const care = findCareGaps(record, asOf);
    await context.checkpoint(50);
    const labs = findLabTrends(record);
    await context.checkpoint(80);
    const sections: AnalysisSection[] = [];
    let healthScore: number | null = null;
    switch (task.type) {
      case AnalysisTaskType.CARE_GAPS:
        sections.push(careGapSection(care), labSection(labs));
        break;
      case AnalysisTaskType.LAB_TRENDS:
        sections.push(labSection(labs));
        break;
      case AnalysisTaskType.SUMMARY: {
        const score = computeHealthScore(record, care, labs, asOf);
        healthScore = score.score;
        sections.push(
          overviewSection(record),
          {
            kind: AnalysisSectionKind.HEALTH_SCORE,
            title: `Health score ${score.score}/100`,
            statements: score.factors.map((factor) => ({
              text: `${factor.name}: ${factor.points}/${factor.weight}. ${factor.detail}`,
              citations: factor.citations,
            })),
          },
          careGapSection(care),
          labSection(labs),
        );
        break;
      }
      case AnalysisTaskType.MEDICATION_REVIEW:
        sections.push(
          medicationSection(record),
          limitations(
            'Drug–drug interactions are not checked by the rule analyzer: it ships no interaction data set. A model analyzer with an interaction source is needed for that.',
          ),
        );
        break;
      case AnalysisTaskType.QUESTION:
        throw new Error('The rule analyzer does not answer free-text questions.');
    }
    sections.push(limitations(RULE_NOTE));
    return { analyzer: AnalyzerKind.RULES, sections, healthScore, actualCost: 0 };
  }
}

/** Unique citations in first-seen order, for callers that merge several statements' sources. */
export function distinctCitations(citations: Citation[]): Citation[] {
  const seen = new Set<string>();
  return citations.filter((citation) => {
    const key = `${citation.recordKind}:${citation.recordId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
