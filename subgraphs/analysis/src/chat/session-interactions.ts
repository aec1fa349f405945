import type { RequestContext } from '@holovitals/subgraph-kit';
import DataLoader from 'dataloader';
import { AIInteractionEntity } from '../entities/ai-interaction.entity';

/**
 * Interactions by session id, oldest first, one statement per request however many sessions are listed. A
 * question and its answer commit together (same timestamp), so the question sorts first by role.
 */
export function sessionInteractionsLoader(ctx: RequestContext): DataLoader<string, AIInteractionEntity[]> {
  return ctx.loaders.get(
    'ai-interactions-by-session',
    () =>
      new DataLoader<string, AIInteractionEntity[]>(async (sessionIds) => {
        const rows = await ctx.dataSource
          .getRepository(AIInteractionEntity)
          .createQueryBuilder('interaction')
          .where('interaction.session_id = ANY(:ids)', { ids: [...sessionIds] })
          .orderBy('interaction.created_at', 'ASC')
          .addOrderBy(`CASE interaction.role WHEN 'USER' THEN 0 ELSE 1 END`, 'ASC')
          .getMany();
        const bySession = new Map<string, AIInteractionEntity[]>();
        for (const row of rows) bySession.set(row.sessionId, [...(bySession.get(row.sessionId) ?? []), row]);
        return sessionIds.map((id) => bySession.get(id) ?? []);
      }),
  );
}
