import { describe, expect, it } from 'vitest';
import type { PromptTemplateEntity } from '../entities/prompt-template.entity';
import { pickTemplate, scoreOf, type TemplateMeasure } from './prompt-selection';

function measure(
  version: number,
  calls: number,
  validRate: number,
  meanRating: number | null,
  tokens: number,
) {
  const base = { calls, validRate, meanRating, meanInputTokens: tokens, meanOutputTokens: 0 };
  return {
    ...base,
    template: { id: `t${version}`, version } as PromptTemplateEntity,
    ratings: meanRating === null ? 0 : calls,
    meanLatencyMs: 0,
    totalCostUsd: 0,
    score: scoreOf(base),
  } satisfies TemplateMeasure;
}

describe('pickTemplate', () => {
  const v1 = measure(1, 10, 1, 4, 1_000);
  const v2 = measure(2, 10, 0.5, 4, 500);
  const v3 = measure(3, 10, 1, 4, 500);

  it('picks the best score: validity × rating per token', () => {
    expect(v3.score).toBeGreaterThan(v1.score!);
    expect(v1.score).toBe(v2.score);
    expect(pickTemplate([v1, v2, v3], { minSamples: 5, explorationShare: 0 })?.template.version).toBe(3);
  });

  it('tries a version with too few calls first, then explores the configured share of calls', () => {
    const fresh = measure(4, 1, 0, null, 0);
    expect(pickTemplate([v1, v3, fresh], { minSamples: 5, explorationShare: 0 })?.template.version).toBe(4);
    const rolls = [0.05, 0.99];
    const explored = pickTemplate([v1, v3], {
      minSamples: 5,
      explorationShare: 0.1,
      random: () => rolls.shift() ?? 0,
    });
    expect(explored?.template.version).toBe(1);
    expect(
      pickTemplate([v1, v3], { minSamples: 5, explorationShare: 0.1, random: () => 0.5 })?.template.version,
    ).toBe(3);
  });

  it('has nothing to pick in an empty category', () => {
    expect(pickTemplate([], { minSamples: 0, explorationShare: 0 })).toBeNull();
  });
});
