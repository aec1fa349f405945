import type { DataSource } from 'typeorm';
import { PromptCategory } from './prompt-category';
import { measureTemplates, pickTemplate } from './prompt-selection';

export interface CategoryStats {
  category: PromptCategory;
  versions: number;
  activeVersions: number;
  calls: number;
  validRate: number;
  totalCostUsd: number;
  bestVersion: number | null;
}

/** Every category's versions, calls, validity, cost and current best version (no exploration). */
export async function promptStats(dataSource: DataSource): Promise<CategoryStats[]> {
  const stats: CategoryStats[] = [];
  for (const category of Object.values(PromptCategory)) {
    const measures = await measureTemplates(dataSource, category, false);
    const active = measures.filter((measure) => measure.template.active);
    const calls = measures.reduce((sum, measure) => sum + measure.calls, 0);
    const valid = measures.reduce((sum, measure) => sum + measure.validRate * measure.calls, 0);
    stats.push({
      category,
      versions: measures.length,
      activeVersions: active.length,
      calls,
      validRate: calls === 0 ? 0 : valid / calls,
      totalCostUsd: measures.reduce((sum, measure) => sum + measure.totalCostUsd, 0),
      bestVersion: pickTemplate(active, { minSamples: 0, explorationShare: 0 })?.template.version ?? null,
    });
  }
  return stats;
}
