import { type RequestContext, requireRole, Role } from '@holovitals/subgraph-kit';
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { AnalysisError, AnalysisErrorCode } from '../analysis-error';
import type { AnalysisServices } from '../analysis-services';
import { PromptTemplateEntity } from '../entities/prompt-template.entity';
import { PromptCategory } from '../prompts/prompt-category';
import { optimizeTemplate } from '../prompts/prompt-optimization';
import { measureTemplates, selectTemplate } from '../prompts/prompt-selection';
import { promptStats } from '../prompts/prompt-stats';
import { PromptCategoryStatsType, PromptMetricsType } from './types/chat.type';

type Ctx = RequestContext<AnalysisServices>;

/** Prompt templates hold no patient data; managing and measuring them is for ADMIN. */
@Resolver(() => PromptTemplateEntity)
export class PromptTemplateResolver {
  @Query(() => PromptTemplateEntity, {
    description:
      'The version the next call of the category uses: A/B by measured score, with the configured share of calls exploring another version (ADMIN).',
  })
  async bestPrompt(
    @Arg('category', () => PromptCategory, { description: 'The category.' }) category: PromptCategory,
    @Ctx() ctx: Ctx,
  ): Promise<PromptTemplateEntity> {
    requireRole(ctx, Role.ADMIN);
    const template = await selectTemplate(ctx.dataSource, category, ctx.services.chat.prompts);
    if (!template) {
      throw new AnalysisError(
        AnalysisErrorCode.PROMPT_TEMPLATE_NOT_FOUND,
        `No active template for ${category}.`,
      );
    }
    return template;
  }

  @Mutation(() => PromptTemplateEntity, {
    description:
      'Creates a new active version with fewer tokens, keeping every placeholder and cited-fact instruction word for word (deterministic rules; ADMIN).',
  })
  optimizePrompt(
    @Arg('templateId', () => ID, { description: 'The version to compact.' }) templateId: string,
    @Ctx() ctx: Ctx,
  ): Promise<PromptTemplateEntity> {
    requireRole(ctx, Role.ADMIN);
    return optimizeTemplate(ctx.dataSource, templateId);
  }

  @Query(() => [PromptMetricsType], { description: 'Every version of a category with its measures (ADMIN).' })
  async promptMetrics(
    @Arg('category', () => PromptCategory, { description: 'The category.' }) category: PromptCategory,
    @Ctx() ctx: Ctx,
  ): Promise<PromptMetricsType[]> {
    requireRole(ctx, Role.ADMIN);
    return measureTemplates(ctx.dataSource, category, false);
  }

  @Query(() => [PromptCategoryStatsType], { description: 'Prompt use per category (ADMIN).' })
  async promptStats(@Ctx() ctx: Ctx): Promise<PromptCategoryStatsType[]> {
    requireRole(ctx, Role.ADMIN);
    return promptStats(ctx.dataSource);
  }
}
