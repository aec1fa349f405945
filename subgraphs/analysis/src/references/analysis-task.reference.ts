import type { RequestContext } from '@holovitals/subgraph-kit';
import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { AnalysisTaskEntity } from '../entities/analysis-task.entity';
import { mayReadTask } from '../tasks/task-access';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** AnalysisTask by key, batched per request; null for a task the caller may not see. */
export async function analysisTaskReference(
  reference: Record<string, unknown>,
  ctx: RequestContext,
): Promise<AnalysisTaskEntity | null> {
  const principal = ctx.principal;
  if (!principal) return null;
  const loader = ctx.loaders.get(
    'analysis-task-reference',
    () =>
      new DataLoader<string, AnalysisTaskEntity | null>(async (ids) => {
        const valid = ids.filter((id) => UUID.test(id));
        const rows = await ctx.dataSource.getRepository(AnalysisTaskEntity).findBy({ id: In(valid) });
        const byId = new Map(rows.map((row) => [row.id, row]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
  );
  const task = await loader.load(String(reference.id));
  return task && (await mayReadTask(ctx, principal, task)) ? task : null;
}
