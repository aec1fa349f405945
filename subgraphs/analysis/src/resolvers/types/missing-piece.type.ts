import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AnalyzerKind } from '../../entities/analysis-enums';
import { CitationType } from './analysis-result.type';

export enum MissingPieceKind {
  SCREENING = 'SCREENING',
  IMMUNIZATION = 'IMMUNIZATION',
  LAB_FOLLOW_UP = 'LAB_FOLLOW_UP',
}
export enum MissingPieceStatus {
  NEVER_DONE = 'NEVER_DONE',
  OVERDUE = 'OVERDUE',
  OUT_OF_RANGE = 'OUT_OF_RANGE',
}

registerEnumType(MissingPieceKind, {
  name: 'MissingPieceKind',
  description: 'What kind of gap a missing piece is.',
  valuesConfig: {
    SCREENING: { description: 'A recommended screening (USPSTF).' },
    IMMUNIZATION: { description: 'A recommended vaccination (CDC).' },
    LAB_FOLLOW_UP: { description: 'An out-of-range result with no later result of the same test.' },
  },
});
registerEnumType(MissingPieceStatus, {
  name: 'MissingPieceStatus',
  description: 'Why it is missing.',
  valuesConfig: {
    NEVER_DONE: { description: 'Recommended, and the record has none.' },
    OVERDUE: { description: 'Done before, but due again.' },
    OUT_OF_RANGE: { description: 'The latest result is outside its range.' },
  },
});

@ObjectType('MissingPiece', {
  description: 'A care gap or unresolved result found by the rule analyzer, with its sources.',
})
export class MissingPieceType {
  @Field(() => MissingPieceKind, { description: 'Screening, immunization or lab follow-up.' })
  kind: MissingPieceKind;

  @Field(() => String, { description: 'Stable rule id, e.g. colorectal-cancer-screening or lab:<LOINC>.' })
  ruleId: string;

  @Field(() => String, { description: 'Short title.' })
  title: string;

  @Field(() => MissingPieceStatus, { description: 'Why it is missing.' })
  status: MissingPieceStatus;

  @Field(() => String, { description: 'Plain-language explanation naming the guidance and the record.' })
  detail: string;

  @Field(() => Date, { nullable: true, description: 'The last qualifying record, when there is one.' })
  lastRecordedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it became due again (OVERDUE).' })
  dueSince: Date | null;

  @Field(() => [CitationType], { description: 'The records it rests on.' })
  citations: CitationType[];

  @Field(() => AnalyzerKind, { description: 'Always RULES: found by the deterministic rule analyzer.' })
  analyzer: AnalyzerKind;
}

@ObjectType('HealthScoreFactor', { description: 'One named part of the health score.' })
export class HealthScoreFactorType {
  @Field(() => String, {
    description: 'PREVENTIVE_SCREENINGS, IMMUNIZATIONS, LAB_RESULTS_IN_RANGE or RECORD_RECENCY.',
  })
  name: string;

  @Field(() => Int, { description: 'Most points this factor can give.' })
  weight: number;

  @Field(() => Float, { description: 'Points the record earns on it.' })
  points: number;

  @Field(() => String, { description: 'Why, in plain words.' })
  detail: string;

  @Field(() => [CitationType], { description: 'The records it rests on.' })
  citations: CitationType[];
}

@ObjectType('HealthScore', {
  description: 'A 0–100 score of the record’s preventive care and results, with its factors.',
})
export class HealthScoreType {
  @Field(() => Int, { description: 'The sum of the factors’ points, 0–100.' })
  score: number;

  @Field(() => [HealthScoreFactorType], { description: 'The factors, each with its points and sources.' })
  factors: HealthScoreFactorType[];

  @Field(() => AnalyzerKind, { description: 'Always RULES: computed by fixed rules, not a model.' })
  analyzer: AnalyzerKind;

  @Field(() => Date, { description: 'The date "overdue" and "recent" were judged against.' })
  asOf: Date;
}
