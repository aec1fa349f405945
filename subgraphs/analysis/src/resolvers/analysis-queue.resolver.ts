import { type RequestContext, requireRole, Role } from '@holovitals/subgraph-kit';
import { Ctx, Query, Resolver } from 'type-graphql';
import type { AnalysisServices } from '../analysis-services';
import { queueStats } from '../tasks/queue-stats';
import { AnalysisQueueStatsType } from './types/analysis-outputs.type';

@Resolver()
export class AnalysisQueueResolver {
  @Query(() => AnalysisQueueStatsType, {
    description: 'Analysis queue counts and dead letters (ADMIN only).',
  })
  async analysisQueueStats(@Ctx() ctx: RequestContext<AnalysisServices>): Promise<AnalysisQueueStatsType> {
    requireRole(ctx, Role.ADMIN);
    return queueStats(ctx.dataSource, ctx.services.producer, ctx.services.queue);
  }
}
