import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AnalysisSectionKind } from '../../analyzers/analyzer';
import { AnalyzerKind } from '../../entities/analysis-enums';
import { RECORD_KINDS, type RecordKind } from '../../record/patient-record';

export const CitedRecordKind = Object.fromEntries(RECORD_KINDS.map((kind) => [kind, kind])) as {
  [K in RecordKind]: K;
};

registerEnumType(CitedRecordKind, {
  name: 'CitedRecordKind',
  description:
    'The kind of patient record a citation points to (each readable through the patient subgraph).',
  valuesConfig: {
    PATIENT: { description: 'The patient’s demographics (age, sex) a rule applied to.' },
    OBSERVATION: { description: 'A vital sign or lab result.' },
    IMMUNIZATION: { description: 'A vaccination.' },
    PROCEDURE: { description: 'A procedure.' },
    CONDITION: { description: 'A condition or diagnosis.' },
    MEDICATION: { description: 'A medication.' },
  },
});

registerEnumType(AnalysisSectionKind, {
  name: 'AnalysisSectionKind',
  description: 'What a section of a result covers.',
  valuesConfig: {
    RECORD_OVERVIEW: { description: 'What the record holds, and active conditions.' },
    CARE_GAPS: { description: 'Overdue or missing screenings and immunizations.' },
    LAB_TRENDS: { description: 'Out-of-range results without a later follow-up.' },
    HEALTH_SCORE: { description: 'The health score and its factors.' },
    MEDICATIONS: { description: 'Active medications.' },
    ANSWER: { description: 'The answer to a free-text question (model analyzer only).' },
    LIMITATIONS: { description: 'What produced the result and what it does not cover.' },
  },
});

@ObjectType('Citation', { description: 'A record a statement rests on.' })
export class CitationType {
  @Field(() => ID, { description: 'The record’s id in the patient subgraph (the patient id for PATIENT).' })
  recordId: string;

  @Field(() => CitedRecordKind, { description: 'What kind of record it is.' })
  recordKind: RecordKind;
}

@ObjectType('AnalysisStatement', { description: 'One statement of a result with the records it came from.' })
export class AnalysisStatementType {
  @Field(() => String, { description: 'The statement, in plain words.' })
  text: string;

  @Field(() => [CitationType], {
    description: 'The records it rests on; empty for notes about the analysis itself.',
  })
  citations: CitationType[];
}

@ObjectType('AnalysisSection', { description: 'A titled group of statements.' })
export class AnalysisSectionType {
  @Field(() => AnalysisSectionKind, { description: 'What the section covers.' })
  kind: AnalysisSectionKind;

  @Field(() => String, { description: 'Heading to show.' })
  title: string;

  @Field(() => [AnalysisStatementType], { description: 'Its statements, most important first.' })
  statements: AnalysisStatementType[];
}

@ObjectType('AnalysisResult', {
  description: 'What a finished analysis found, labelled with what produced it.',
})
export class AnalysisResultType {
  @Field(() => ID, { description: 'Stable identifier.' })
  id: string;

  @Field(() => AnalyzerKind, { description: 'RULES (deterministic, no AI model) or MODEL.' })
  analyzer: AnalyzerKind;

  @Field(() => [AnalysisSectionType], { description: 'The result, section by section.' })
  sections: AnalysisSectionType[];

  @Field(() => Int, {
    nullable: true,
    description: 'Health score 0–100 when the analysis computed one (SUMMARY).',
  })
  healthScore: number | null;

  @Field(() => Date, { description: 'When the result was written.' })
  createdAt: Date;
}
