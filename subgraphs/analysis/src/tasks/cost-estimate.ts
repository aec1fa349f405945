import { AnalyzerKind } from '../entities/analysis-enums';

/** What an analysis is expected to cost, and what the figure rests on. */
export interface CostEstimate {
  analyzer: AnalyzerKind;
  /** Credits charged for the analysis (billing's unit). */
  credits: number;
  /** Tokens a model would be sent and asked to write; 0 for the rule analyzer. */
  inputTokens: number;
  outputTokens: number;
  basis: string;
}

/** Token prices of a model analyzer, in credits per thousand tokens. */
export interface ModelPricing {
  inputPerThousand: number;
  outputPerThousand: number;
}

/** Rough tokens for a serialized record: about four characters per token for English and JSON. */
export const estimateTokens = (characters: number): number => Math.ceil(characters / 4);

/**
 * RULES costs nothing. A model analysis costs its tokens at the model's prices: the serialized context in, a
 * bounded answer out.
 */
export function estimateCost(
  analyzer: AnalyzerKind,
  contextCharacters: number,
  pricing: ModelPricing | null,
  maxOutputTokens = 1_500,
): CostEstimate {
  if (analyzer === AnalyzerKind.RULES || pricing === null) {
    return {
      analyzer: AnalyzerKind.RULES,
      credits: 0,
      inputTokens: 0,
      outputTokens: 0,
      basis: 'The rule-based analyzer runs without a model and costs nothing.',
    };
  }
  const inputTokens = estimateTokens(contextCharacters);
  const credits =
    (inputTokens / 1000) * pricing.inputPerThousand + (maxOutputTokens / 1000) * pricing.outputPerThousand;
  return {
    analyzer,
    credits: Math.round(credits * 10_000) / 10_000,
    inputTokens,
    outputTokens: maxOutputTokens,
    basis: `About ${inputTokens} tokens of record sent and at most ${maxOutputTokens} tokens of answer, at the model's prices.`,
  };
}
