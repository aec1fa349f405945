import { connectionType } from '@holovitals/subgraph-kit';
import { IsInt, IsUUID, Max, Min } from 'class-validator';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { AnalysisSessionEntity } from '../../entities/analysis-session.entity';
import { PromptCategory } from '../../prompts/prompt-category';
import { PromptTemplateEntity } from '../../entities/prompt-template.entity';

export const AnalysisSessionConnection = connectionType(AnalysisSessionEntity, 'AnalysisSession');

@InputType({
  description: 'A user’s rating of one chat answer; it is also the answer’s prompt template’s measure.',
})
export class PromptPerformanceInput {
  @Field(() => ID, { description: 'The answer (an ASSISTANT AIInteraction of yours).' })
  @IsUUID()
  interactionId: string;

  @Field(() => Int, { description: 'How useful the answer was, 1 (not at all) to 5 (very).' })
  @IsInt()
  @Min(1)
  @Max(5)
  rating: number;
}

@ObjectType('PromptMetrics', {
  description: 'What the calls made with one prompt template version measured.',
})
export class PromptMetricsType {
  @Field(() => PromptTemplateEntity, { description: 'The template version.' })
  template: PromptTemplateEntity;

  @Field(() => Int, { description: 'Model calls (answers) made with it.' })
  calls: number;

  @Field(() => Float, {
    description: 'Share of calls whose structured output was valid and cited the record.',
  })
  validRate: number;

  @Field(() => Float, { nullable: true, description: 'Mean user rating (1–5); null when none was rated.' })
  meanRating: number | null;

  @Field(() => Int, { description: 'Rated calls.' })
  ratings: number;

  @Field(() => Float, { description: 'Mean tokens sent.' })
  meanInputTokens: number;

  @Field(() => Float, { description: 'Mean tokens answered.' })
  meanOutputTokens: number;

  @Field(() => Float, { description: 'Mean model latency in milliseconds.' })
  meanLatencyMs: number;

  @Field(() => Float, { description: 'Total cost in US dollars.' })
  totalCostUsd: number;

  @Field(() => Float, {
    nullable: true,
    description: 'validRate × (mean rating, 3 when unrated)/5 per thousand tokens; null before any call.',
  })
  score: number | null;
}

@ObjectType('PromptCategoryStats', { description: 'Prompt use in one category, over all its versions.' })
export class PromptCategoryStatsType {
  @Field(() => PromptCategory, { description: 'The category.' })
  category: PromptCategory;

  @Field(() => Int, { description: 'Versions stored.' })
  versions: number;

  @Field(() => Int, { description: 'Versions calls may use.' })
  activeVersions: number;

  @Field(() => Int, { description: 'Model calls measured.' })
  calls: number;

  @Field(() => Float, { description: 'Share of calls with valid, cited output.' })
  validRate: number;

  @Field(() => Float, { description: 'Total cost in US dollars.' })
  totalCostUsd: number;

  @Field(() => Int, { nullable: true, description: 'The version bestPrompt would pick without exploring.' })
  bestVersion: number | null;
}
