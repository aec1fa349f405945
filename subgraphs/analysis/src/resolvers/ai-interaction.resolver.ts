import { type RequestContext, requireUser } from '@holovitals/subgraph-kit';
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { rateAnswer } from '../chat/answer-rating';
import { AIInteractionEntity } from '../entities/ai-interaction.entity';
import type { Citation } from '../record/patient-record';
import { AnalysisStatementType, CitationType } from './types/analysis-result.type';
import { PromptPerformanceInput } from './types/chat.type';

@Resolver(() => AIInteractionEntity)
export class AIInteractionResolver {
  @FieldResolver(() => [AnalysisStatementType], {
    description: 'The answer statement by statement, each with the records it cites (empty for a question).',
  })
  statements(@Root() interaction: AIInteractionEntity): AnalysisStatementType[] {
    return interaction.statements;
  }

  @FieldResolver(() => [CitationType], { description: 'Every record the answer cites, once each.' })
  citations(@Root() interaction: AIInteractionEntity): CitationType[] {
    const unique = new Map<string, Citation>();
    for (const statement of interaction.statements) {
      for (const citation of statement.citations) unique.set(citation.recordId, citation);
    }
    return [...unique.values()];
  }

  @Mutation(() => AIInteractionEntity, {
    description:
      'Rates one of your chat answers (1–5); the rating also scores the prompt template that produced it.',
  })
  recordPromptPerformance(
    @Arg('input', () => PromptPerformanceInput, { description: 'The answer and its rating.' })
    input: PromptPerformanceInput,
    @Ctx() ctx: RequestContext,
  ): Promise<AIInteractionEntity> {
    return rateAnswer(ctx, requireUser(ctx), input);
  }
}
