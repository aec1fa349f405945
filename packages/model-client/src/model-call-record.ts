import type { SanitizedMessage } from '@holovitals/deidentify';
import { createHash } from 'node:crypto';
import type { ModelErrorCode } from './model-error';

/** One HTTP call to the model: what was sent (sanitised), what it cost, how it went. For audit and billing. */
export interface ModelCallRecord {
  /** Our id for the call, unique per call. */
  id: string;
  operation: 'completeJson' | 'completeJsonRepair' | 'streamText';
  model: string;
  /** Exactly the messages sent: de-identified, record text inside the data block. */
  messages: readonly SanitizedMessage[];
  startedAt: Date;
  latencyMs: number;
  inputTokens: number;
  outputTokens: number;
  /** True when the server reported no usage and the counts are estimates (about four characters a token). */
  tokensEstimated: boolean;
  /** US dollars, from the configured prices per 1,000 tokens. */
  costUsd: number;
  outcome: 'ok' | ModelErrorCode;
  /** The model's raw answer (sanitised text; surrogates, not identifiers). */
  answer: string | null;
}

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export function costOf(
  inputTokens: number,
  outputTokens: number,
  prices: { pricePer1kInput: number; pricePer1kOutput: number },
): number {
  const cost =
    (inputTokens / 1000) * prices.pricePer1kInput + (outputTokens / 1000) * prices.pricePer1kOutput;
  return Math.round(cost * 1e8) / 1e8;
}

/** What an audit trail keeps of a call: a digest of exactly what was sent, never the (de-identified) text. */
export function sentDigest(call: ModelCallRecord): string {
  const hash = createHash('sha256');
  for (const message of call.messages) hash.update(`${message.role}\n${message.content}\n`);
  return `sha256:${hash.digest('hex')}`;
}
