import type { Pseudonymizer } from '@holovitals/deidentify';
import { z } from 'zod';
import { AnalysisTaskType } from '../entities/analysis-enums';
import type { Citation } from '../record/patient-record';
import { type AnalysisSection, AnalysisSectionKind, type AnalysisStatement } from './analyzer';
import type { CitableRecords } from './model-prompt';

/**
 * What the model must answer (strict json_schema: every field required): sections of statements, each
 * statement citing record ids from the data block.
 */
export const modelAnswerSchema = z.object({
  sections: z
    .array(
      z.object({
        title: z.string().min(1).max(200),
        statements: z
          .array(
            z.object({
              text: z.string().min(1).max(2_000),
              citations: z.array(z.string()).max(50),
            }),
          )
          .min(1)
          .max(50),
      }),
    )
    .min(1)
    .max(12),
});

export type ModelAnswer = z.infer<typeof modelAnswerSchema>;

/** The section kind a model's sections are filed under for each task type. */
const SECTION_KIND: Record<AnalysisTaskType, AnalysisSectionKind> = {
  [AnalysisTaskType.SUMMARY]: AnalysisSectionKind.RECORD_OVERVIEW,
  [AnalysisTaskType.LAB_TRENDS]: AnalysisSectionKind.LAB_TRENDS,
  [AnalysisTaskType.MEDICATION_REVIEW]: AnalysisSectionKind.MEDICATIONS,
  [AnalysisTaskType.CARE_GAPS]: AnalysisSectionKind.CARE_GAPS,
  [AnalysisTaskType.QUESTION]: AnalysisSectionKind.ANSWER,
};

export interface MappedAnswer {
  sections: AnalysisSection[];
  /** Citations the model made to ids that are not in the record (dropped). */
  rejectedCitations: string[];
  /** Statements dropped because none of their citations was a record. */
  droppedStatements: number;
}

/**
 * Turns the model's answer into result sections: surrogates mapped back to the identifiers (inside the
 * service only), citations checked against the record's ids. A citation to an id the record does not hold
 * is rejected; a statement left with no valid citation is dropped rather than shown as if it were sourced.
 */
export function mapModelAnswer(
  answer: ModelAnswer,
  type: AnalysisTaskType,
  citable: CitableRecords,
  pseudonymizer: Pseudonymizer,
): MappedAnswer {
  const rejected = new Set<string>();
  let droppedStatements = 0;
  const sections: AnalysisSection[] = [];
  for (const section of answer.sections) {
    const statements: AnalysisStatement[] = [];
    for (const statement of section.statements) {
      const citations: Citation[] = [];
      for (const id of new Set(statement.citations.map((raw) => raw.trim()))) {
        const recordKind = citable.get(id);
        if (recordKind) citations.push({ recordId: id, recordKind });
        else rejected.add(id);
      }
      if (citations.length === 0) {
        droppedStatements += 1;
        continue;
      }
      statements.push({ text: pseudonymizer.reidentify(statement.text), citations });
    }
    if (statements.length > 0) {
      sections.push({ kind: SECTION_KIND[type], title: pseudonymizer.reidentify(section.title), statements });
    }
  }
  return { sections, rejectedCitations: [...rejected], droppedStatements };
}
