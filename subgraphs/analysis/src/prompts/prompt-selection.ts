import type { DataSource } from 'typeorm';
import { PromptTemplateEntity } from '../entities/prompt-template.entity';
import type { PromptCategory } from './prompt-category';

/** How A/B selection explores: calls a version needs before it is judged, and the share of calls spent exploring. */
export interface SelectionPolicy {
  minSamples: number;
  explorationShare: number;
  random?: () => number;
}

/** The config keys selection reads (analysisSharedConfig). */
export interface PromptSelectionSettings {
  PROMPT_EXPLORATION_SHARE: number;
  PROMPT_MIN_SAMPLES: number;
}

export const selectionPolicy = (config: PromptSelectionSettings): SelectionPolicy => ({
  minSamples: config.PROMPT_MIN_SAMPLES,
  explorationShare: config.PROMPT_EXPLORATION_SHARE,
});

/** A template with what its calls measured. */
export interface TemplateMeasure {
  template: PromptTemplateEntity;
  calls: number;
  /** Share of calls whose structured output was valid and cited the record. */
  validRate: number;
  /** Mean user rating (1–5) of rated calls, null when none was rated. */
  meanRating: number | null;
  ratings: number;
  meanInputTokens: number;
  meanOutputTokens: number;
  meanLatencyMs: number;
  totalCostUsd: number;
  /** validRate × rating/5 (3 when unrated) per thousand tokens; null before any call. */
  score: number | null;
}

/** Unrated answers count as middling, so a rating can move a version either way. */
const NEUTRAL_RATING = 3;

export function scoreOf(
  measure: Pick<
    TemplateMeasure,
    'calls' | 'validRate' | 'meanRating' | 'meanInputTokens' | 'meanOutputTokens'
  >,
): number | null {
  if (measure.calls === 0) return null;
  const tokens = Math.max(1, measure.meanInputTokens + measure.meanOutputTokens);
  return (measure.validRate * ((measure.meanRating ?? NEUTRAL_RATING) / 5) * 1000) / tokens;
}

interface MeasureRow {
  template_id: string;
  calls: string;
  valid: string;
  ratings: string;
  rating_sum: string | null;
  input_tokens: string | null;
  output_tokens: string | null;
  latency_ms: string | null;
  cost_usd: string | null;
}

/** Every template of a category (active ones, or all) with its measures, in two statements. */
export async function measureTemplates(
  dataSource: DataSource,
  category: PromptCategory,
  activeOnly: boolean,
): Promise<TemplateMeasure[]> {
  const templates = await dataSource
    .getRepository(PromptTemplateEntity)
    .find({ where: activeOnly ? { category, active: true } : { category }, order: { version: 'ASC' } });
  if (templates.length === 0) return [];
  const rows = (await dataSource.query(
    `SELECT template_id, count(*) AS calls, count(*) FILTER (WHERE valid) AS valid,
            count(rating) AS ratings, sum(rating) AS rating_sum, avg(input_tokens) AS input_tokens,
            avg(output_tokens) AS output_tokens, avg(latency_ms) AS latency_ms, sum(cost_usd) AS cost_usd
       FROM prompt_performance WHERE template_id = ANY($1) GROUP BY template_id`,
    [templates.map((template) => template.id)],
  )) as MeasureRow[];
  const byTemplate = new Map(rows.map((row) => [row.template_id, row]));
  return templates.map((template) => {
    const row = byTemplate.get(template.id);
    const calls = Number(row?.calls ?? 0);
    const ratings = Number(row?.ratings ?? 0);
    const measure = {
      template,
      calls,
      validRate: calls === 0 ? 0 : Number(row?.valid ?? 0) / calls,
      meanRating: ratings === 0 ? null : Number(row?.rating_sum ?? 0) / ratings,
      ratings,
      meanInputTokens: Number(row?.input_tokens ?? 0),
      meanOutputTokens: Number(row?.output_tokens ?? 0),
      meanLatencyMs: Number(row?.latency_ms ?? 0),
      totalCostUsd: Number(row?.cost_usd ?? 0),
    };
    return { ...measure, score: scoreOf(measure) };
  });
}

/**
 * A/B choice among a category's active versions: a version with fewer than `minSamples` calls is tried first
 * (fewest calls, then newest), so every version gets measured; after that the best score wins, except for an
 * `explorationShare` of calls that go to another version so a changed picture can still show.
 */
export function pickTemplate(
  measures: readonly TemplateMeasure[],
  policy: SelectionPolicy,
): TemplateMeasure | null {
  if (measures.length === 0) return null;
  const unmeasured = measures
    .filter((measure) => measure.calls < policy.minSamples)
    .sort((a, b) => a.calls - b.calls || b.template.version - a.template.version);
  if (unmeasured[0]) return unmeasured[0];
  const ranked = [...measures].sort(
    (a, b) => (b.score ?? 0) - (a.score ?? 0) || b.template.version - a.template.version,
  );
  const random = policy.random ?? Math.random;
  if (ranked.length > 1 && random() < policy.explorationShare) {
    const others = ranked.slice(1);
    return others[Math.floor(random() * others.length)] ?? ranked[0] ?? null;
  }
  return ranked[0] ?? null;
}

/** The template a call of this category should use now, or null when the category has no active version. */
export async function selectTemplate(
  dataSource: DataSource,
  category: PromptCategory,
  policy: SelectionPolicy,
): Promise<PromptTemplateEntity | null> {
  return pickTemplate(await measureTemplates(dataSource, category, true), policy)?.template ?? null;
}
