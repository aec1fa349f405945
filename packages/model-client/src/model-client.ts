import { assertSanitized, type SanitizedPrompt } from '@holovitals/deidentify';
import OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { costOf, estimateTokens, type ModelCallRecord } from './model-call-record';
import type { ModelClientOptions } from './model-client-config';
import { ModelError, ModelErrorCode, toModelError } from './model-error';

export interface ModelClientHooks {
  /**
   * Called once per HTTP call (a repair is a second call), after it ends, with what was sent and what it
   * cost, including failed calls. Callers audit it and emit costs. An error thrown here fails the call.
   */
  onCall?: (record: ModelCallRecord) => void | Promise<void>;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface JsonCompletion<T> {
  /** The validated answer, surrogates still in it: map back with `prompt.pseudonymizer.reidentify`. */
  value: T;
  /** One record per call made: one, or two when the first answer needed a repair. */
  calls: ModelCallRecord[];
}

export interface TextStream {
  /** The answer as it arrives. */
  chunks: AsyncIterable<string>;
  /** The call's record, once the stream has ended (rejects with a ModelError if it failed). */
  done: Promise<ModelCallRecord>;
}

interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
}

/**
 * The one way HoloVitals code calls a language model: the official `openai` SDK pointed at any
 * OpenAI-compatible server. It sends only a `SanitizedPrompt` (made by @holovitals/deidentify, checked
 * again at run time), validates structured answers against a zod schema with one repair request, streams
 * text, retries 429/5xx with the SDK's backoff, times out, and reports every call through `onCall`.
 */
export class ModelClient {
  private readonly openai: OpenAI;

  constructor(
    private readonly options: ModelClientOptions,
    private readonly hooks: ModelClientHooks = {},
  ) {
    this.openai = new OpenAI({
      baseURL: options.baseURL,
      apiKey: options.apiKey,
      timeout: options.timeoutMs,
      maxRetries: options.maxRetries,
    });
  }

  get model(): string {
    return this.options.model;
  }

  /**
   * Asks for JSON matching `schema` (response_format json_schema, strict: object schemas without optional
   * fields). An answer that is not JSON or does not match gets ONE repair request; a second failure throws
   * ModelError MALFORMED_OUTPUT.
   */
  async completeJson<T>(
    schema: z.ZodType<T>,
    prompt: SanitizedPrompt,
    options: CallOptions & { name?: string } = {},
  ): Promise<JsonCompletion<T>> {
    assertSanitized(prompt);
    const responseFormat = {
      type: 'json_schema' as const,
      json_schema: {
        name: options.name ?? 'answer',
        schema: jsonSchemaOf(schema),
        strict: true,
      },
    };
    const calls: ModelCallRecord[] = [];
    const first = await this.complete(prompt, responseFormat, 'completeJson', calls, options);
    const firstTry = parseAnswer(schema, first);
    if (firstTry.ok) return { value: firstTry.value, calls };
    const repairPrompt = prompt.withRepair(first, firstTry.problem);
    const second = await this.complete(repairPrompt, responseFormat, 'completeJsonRepair', calls, options);
    const secondTry = parseAnswer(schema, second);
    if (secondTry.ok) return { value: secondTry.value, calls };
    throw new ModelError(
      ModelErrorCode.MALFORMED_OUTPUT,
      `Model output invalid after one repair: ${secondTry.problem}`,
    );
  }

  /** Streams a plain-text answer. */
  streamText(prompt: SanitizedPrompt, options: CallOptions = {}): TextStream {
    assertSanitized(prompt);
    const startedAt = new Date();
    const started = performance.now();
    let answer = '';
    let usage: Usage | null = null;
    let settle: { resolve: (record: ModelCallRecord) => void; reject: (error: unknown) => void } | undefined;
    const done = new Promise<ModelCallRecord>((resolve, reject) => {
      settle = { resolve, reject };
    });
    // The caller may never await `done` if it stops reading; the rejection is still delivered to it.
    done.catch(() => undefined);
    const finish = async (outcome: ModelCallRecord['outcome']): Promise<ModelCallRecord> => {
      const record = this.record('streamText', prompt, startedAt, started, usage, answer, outcome);
      await this.hooks.onCall?.(record);
      return record;
    };
    const chunks = async function* (this: ModelClient): AsyncGenerator<string> {
      try {
        const stream = await this.openai.chat.completions.create(
          {
            model: this.options.model,
            messages: toSdkMessages(prompt),
            stream: true,
            stream_options: { include_usage: true },
          },
          { signal: options.signal },
        );
        for await (const chunk of stream) {
          if (chunk.usage) usage = chunk.usage;
          const delta = chunk.choices[0]?.delta.content ?? '';
          if (delta) {
            answer += delta;
            yield delta;
          }
        }
        settle?.resolve(await finish('ok'));
      } catch (error) {
        const modelError = toModelError(error);
        await finish(modelError.code).catch(() => undefined);
        settle?.reject(modelError);
        throw modelError;
      }
    }.call(this);
    return { chunks, done };
  }

  private async complete(
    prompt: SanitizedPrompt,
    responseFormat: OpenAI.ResponseFormatJSONSchema,
    operation: ModelCallRecord['operation'],
    calls: ModelCallRecord[],
    options: CallOptions,
  ): Promise<string> {
    const startedAt = new Date();
    const started = performance.now();
    let outcome: ModelCallRecord['outcome'] = 'ok';
    let usage: Usage | null = null;
    let answer = '';
    try {
      const completion = await this.openai.chat.completions.create(
        { model: this.options.model, messages: toSdkMessages(prompt), response_format: responseFormat },
        { signal: options.signal },
      );
      usage = completion.usage ?? null;
      answer = completion.choices[0]?.message.content ?? '';
      return answer;
    } catch (error) {
      const modelError = toModelError(error);
      outcome = modelError.code;
      throw modelError;
    } finally {
      const record = this.record(operation, prompt, startedAt, started, usage, answer, outcome);
      calls.push(record);
      await this.hooks.onCall?.(record);
    }
  }

  private record(
    operation: ModelCallRecord['operation'],
    prompt: SanitizedPrompt,
    startedAt: Date,
    started: number,
    usage: Usage | null,
    answer: string,
    outcome: ModelCallRecord['outcome'],
  ): ModelCallRecord {
    const inputTokens =
      usage?.prompt_tokens ?? estimateTokens(prompt.messages.map((m) => m.content).join('\n'));
    const outputTokens = usage?.completion_tokens ?? estimateTokens(answer);
    return {
      id: randomUUID(),
      operation,
      model: this.options.model,
      messages: prompt.messages,
      startedAt,
      latencyMs: Math.round(performance.now() - started),
      inputTokens,
      outputTokens,
      tokensEstimated: usage === null,
      costUsd: costOf(inputTokens, outputTokens, this.options),
      outcome,
      answer: outcome === 'ok' || answer ? answer : null,
    };
  }
}

/** The schema as OpenAI's json_schema format takes it: no `$schema` dialect marker. */
function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'output' }) as Record<string, unknown>;
  return rest;
}

function toSdkMessages(prompt: SanitizedPrompt): ChatCompletionMessageParam[] {
  return prompt.messages.map((message) => ({ role: message.role, content: message.content }));
}

function parseAnswer<T>(
  schema: z.ZodType<T>,
  answer: string,
): { ok: true; value: T } | { ok: false; problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(answer);
  } catch (error) {
    return { ok: false, problem: `not JSON (${error instanceof Error ? error.message : 'parse error'})` };
  }
  const result = schema.safeParse(json);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    problem: result.error.issues
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; '),
  };
}
