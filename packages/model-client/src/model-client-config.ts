import { loadConfig } from '@holovitals/config';
import { z } from 'zod';

/**
 * The model settings a process spreads into its own config shape. No MODEL_BASE_URL means no model is
 * configured (callers fall back to rule-based analysis); with one, MODEL_API_KEY is required.
 */
export const modelClientSettings = {
  /** OpenAI-compatible base URL ending in /v1 (OpenAI, a local server, any compatible gateway). */
  MODEL_BASE_URL: z.string().url().optional(),
  MODEL_API_KEY: z.string().min(1).optional(),
  MODEL_NAME: z.string().min(1).default('holovitals-local'),
  /** US dollars per 1,000 input (prompt) and output (completion) tokens. */
  MODEL_PRICE_INPUT_PER_1K: z.coerce.number().min(0).default(0),
  MODEL_PRICE_OUTPUT_PER_1K: z.coerce.number().min(0).default(0),
  /** Per request attempt; a timed-out attempt counts towards the retries. */
  MODEL_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
  /** Retries on 408/409/429/5xx and connection errors, with the SDK's exponential backoff. */
  MODEL_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
};

export type ModelClientSettings = z.infer<z.ZodObject<typeof modelClientSettings>>;

export interface ModelClientOptions {
  baseURL: string;
  apiKey: string;
  model: string;
  pricePer1kInput: number;
  pricePer1kOutput: number;
  timeoutMs: number;
  maxRetries: number;
}

/** Requires MODEL_API_KEY when MODEL_BASE_URL is set; pass to loadConfig's refine. */
export function refineModelSettings(config: ModelClientSettings, ctx: z.RefinementCtx): void {
  if (config.MODEL_BASE_URL && !config.MODEL_API_KEY) {
    ctx.addIssue({
      code: 'custom',
      path: ['MODEL_API_KEY'],
      message: 'MODEL_API_KEY is required when MODEL_BASE_URL is set',
    });
  }
}

/** The client options from parsed settings, or null when no model is configured. */
export function modelClientOptions(config: ModelClientSettings): ModelClientOptions | null {
  if (!config.MODEL_BASE_URL || !config.MODEL_API_KEY) return null;
  return {
    baseURL: config.MODEL_BASE_URL,
    apiKey: config.MODEL_API_KEY,
    model: config.MODEL_NAME,
    pricePer1kInput: config.MODEL_PRICE_INPUT_PER_1K,
    pricePer1kOutput: config.MODEL_PRICE_OUTPUT_PER_1K,
    timeoutMs: config.MODEL_TIMEOUT_MS,
    maxRetries: config.MODEL_MAX_RETRIES,
  };
}

/** For a process whose only config is the model (scripts, benches). */
export function loadModelClientOptions(env: NodeJS.ProcessEnv = process.env): ModelClientOptions | null {
  return modelClientOptions(loadConfig('model-client', modelClientSettings, env, refineModelSettings));
}
