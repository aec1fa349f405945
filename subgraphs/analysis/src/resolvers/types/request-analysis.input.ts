import { IsOptional, IsUUID, MaxLength, Min } from 'class-validator';
import { Field, Float, ID, InputType } from 'type-graphql';
import { AnalysisPriority, AnalysisTaskType } from '../../entities/analysis-enums';

@InputType({ description: 'What to analyse, and how urgently.' })
export class RequestAnalysisInput {
  @Field(() => ID, {
    description: 'The patient whose record to analyse (yours, or one you hold consent for).',
  })
  @IsUUID()
  patientId: string;

  @Field(() => AnalysisTaskType, { description: 'What the analysis looks at.' })
  type: AnalysisTaskType;

  @Field(() => AnalysisPriority, { defaultValue: AnalysisPriority.NORMAL, description: 'Queue priority.' })
  priority: AnalysisPriority;

  @Field(() => String, {
    nullable: true,
    description: 'The question, for QUESTION analyses only (at most 2,000 characters).',
  })
  @IsOptional()
  @MaxLength(2000)
  question?: string | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'The most credits (US cents) you approve for this analysis, usually its estimate as shown: a task estimated above it is refused (BAD_USER_INPUT, reason ESTIMATE_ABOVE_APPROVED) and nothing is queued. Omitted: the estimate is accepted.',
  })
  @IsOptional()
  @Min(0)
  maxCredits?: number | null;
}

@InputType({ description: 'The analysis whose cost to estimate.' })
export class EstimateAnalysisCostInput {
  @Field(() => AnalysisTaskType, { description: 'What the analysis would look at.' })
  type: AnalysisTaskType;

  @Field(() => ID, {
    nullable: true,
    description: 'The patient, when the estimate should use the record’s size.',
  })
  @IsOptional()
  @IsUUID()
  patientId?: string | null;
}
