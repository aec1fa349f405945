import { creditsPerThousand } from '@holovitals/events';
import { modelClientOptions, type ModelClientSettings } from '@holovitals/model-client';
import type { DataSource } from 'typeorm';
import { type PromptSelectionSettings, selectionPolicy } from '../prompts/prompt-selection';
import type { ModelPricing } from '../tasks/cost-estimate';
import { AnalyzerRegistry } from './analyzer-registry';
import { ModelAnalyzer } from './model-analyzer';
import { RuleAnalyzer } from './rule-analyzer';

/**
 * The analyzers a process runs with: the model analyzer first when MODEL_BASE_URL is set (it takes every task
 * type), the rule analyzer otherwise. A base URL without a key is a configuration mistake, not "no model".
 */
export function configuredAnalyzers(
  config: ModelClientSettings & PromptSelectionSettings & { ANALYSIS_CHUNK_TOKENS: number },
  dataSource: DataSource,
): AnalyzerRegistry {
  if (config.MODEL_BASE_URL && !config.MODEL_API_KEY) {
    throw new Error('MODEL_API_KEY is required when MODEL_BASE_URL is set');
  }
  const model = modelClientOptions(config);
  if (!model) return AnalyzerRegistry.rulesOnly();
  return new AnalyzerRegistry([
    new ModelAnalyzer({
      dataSource,
      model,
      chunkTokens: config.ANALYSIS_CHUNK_TOKENS,
      prompts: selectionPolicy(config),
    }),
    new RuleAnalyzer(),
  ]);
}

/** The model's prices in credits per thousand tokens, or null without a model. */
export function modelPricing(config: ModelClientSettings): ModelPricing | null {
  if (!modelClientOptions(config)) return null;
  return {
    inputPerThousand: creditsPerThousand(config.MODEL_PRICE_INPUT_PER_1K),
    outputPerThousand: creditsPerThousand(config.MODEL_PRICE_OUTPUT_PER_1K),
  };
}
