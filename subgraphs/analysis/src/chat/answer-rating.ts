import { type Principal, recordAudit, type RequestContext } from '@holovitals/subgraph-kit';
import { AnalysisError, AnalysisErrorCode } from '../analysis-error';
import { AIInteractionEntity, InteractionRole } from '../entities/ai-interaction.entity';
import { PromptPerformanceEntity } from '../entities/prompt-performance.entity';
import { visibleSession } from './session-access';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AnswerRating {
  interactionId: string;
  rating: number;
}

/**
 * The asker's rating (1–5) of one of their answers, stored on the answer and on the template's measure for it
 * (so bestPrompt weighs it); rating again replaces the rating. Another user's answer is NOT_FOUND.
 */
export async function rateAnswer(
  ctx: RequestContext,
  principal: Principal,
  input: AnswerRating,
): Promise<AIInteractionEntity> {
  if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5) {
    throw new AnalysisError(AnalysisErrorCode.BAD_USER_INPUT, 'A rating is a whole number from 1 to 5.', {
      field: 'rating',
    });
  }
  const notFound = new AnalysisError(
    AnalysisErrorCode.INTERACTION_NOT_FOUND,
    `No answer ${input.interactionId}.`,
    { id: input.interactionId },
  );
  const interaction = UUID.test(input.interactionId)
    ? await ctx.dataSource.getRepository(AIInteractionEntity).findOneBy({ id: input.interactionId })
    : null;
  if (!interaction || interaction.role !== InteractionRole.ASSISTANT) throw notFound;
  const session = await visibleSession(ctx.dataSource, principal, interaction.sessionId, 'ask').catch(() => {
    throw notFound;
  });
  return ctx.dataSource.transaction(async (manager) => {
    await manager.getRepository(AIInteractionEntity).update({ id: interaction.id }, { rating: input.rating });
    await manager
      .getRepository(PromptPerformanceEntity)
      .update({ interactionId: interaction.id }, { rating: input.rating });
    await recordAudit(manager, ctx, {
      action: 'update',
      entityType: 'AIInteraction',
      entityIds: [interaction.id],
      patientIds: [session.patientId],
      outcome: 'SUCCESS',
    });
    return { ...interaction, rating: input.rating };
  });
}
