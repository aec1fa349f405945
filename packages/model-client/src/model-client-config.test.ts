import { loadConfig } from '@holovitals/config';
import { describe, expect, it } from 'vitest';
import { costOf } from './model-call-record';
import { loadModelClientOptions, modelClientSettings, refineModelSettings } from './model-client-config';

describe('model client config', () => {
  it('means "no model" without MODEL_BASE_URL', () => {
    expect(loadModelClientOptions({})).toBeNull();
  });

  it('parses the settings once, with defaults and prices as numbers', () => {
    expect(
      loadModelClientOptions({
        MODEL_BASE_URL: 'http://127.0.0.1:4204/v1',
        MODEL_API_KEY: 'k',
        MODEL_PRICE_INPUT_PER_1K: '0.15',
        MODEL_PRICE_OUTPUT_PER_1K: '0.6',
      }),
    ).toEqual({
      baseURL: 'http://127.0.0.1:4204/v1',
      apiKey: 'k',
      model: 'holovitals-local',
      pricePer1kInput: 0.15,
      pricePer1kOutput: 0.6,
      timeoutMs: 60_000,
      maxRetries: 2,
    });
  });

  it('names the variable when the key is missing or a value is bad', () => {
    expect(() => loadModelClientOptions({ MODEL_BASE_URL: 'http://127.0.0.1:4204/v1' })).toThrow(
      /MODEL_API_KEY: /,
    );
    expect(() =>
      loadConfig(
        'analysis',
        modelClientSettings,
        { MODEL_MAX_RETRIES: '-1', MODEL_BASE_URL: 'nope' },
        refineModelSettings,
      ),
    ).toThrow(/MODEL_BASE_URL: [\s\S]*MODEL_MAX_RETRIES: |MODEL_MAX_RETRIES: [\s\S]*MODEL_BASE_URL: /);
  });

  it('prices a call per 1,000 input and output tokens', () => {
    expect(costOf(1200, 300, { pricePer1kInput: 0.5, pricePer1kOutput: 1.5 })).toBe(1.05);
  });
});
