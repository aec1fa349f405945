import type { RequestContext } from '@holovitals/subgraph-kit';
import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { AnalysisResultEntity } from '../entities/analysis-result.entity';

/** Results by task id, one statement per request however many tasks are listed. */
export function analysisResultLoader(ctx: RequestContext): DataLoader<string, AnalysisResultEntity | null> {
  return ctx.loaders.get(
    'analysis-result-by-task',
    () =>
      new DataLoader<string, AnalysisResultEntity | null>(async (taskIds) => {
        const rows = await ctx.dataSource
          .getRepository(AnalysisResultEntity)
          .findBy({ taskId: In([...taskIds]) });
        const byTask = new Map(rows.map((row) => [row.taskId, row]));
        return taskIds.map((id) => byTask.get(id) ?? null);
      }),
  );
}
