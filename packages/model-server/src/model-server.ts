import { close, healthRoutes, listen, readBody, sendJson } from '@holovitals/http-server';
import type { Stoppable } from '@holovitals/http-server';
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type ChatRequest, chatRequestSchema, messageText } from './chat-request';
import type { ModelServerConfig } from './config';
import { type Failure, FailurePlan, failurePlanSchema } from './failure-plan';
import { answer } from './naive-model';
import { estimatePromptTokens, estimateTokens } from './token-estimate';

const MAX_BODY_BYTES = 10 * 1024 * 1024;
/** Characters per streamed delta: small enough that a stream has several chunks. */
const STREAM_CHUNK = 24;

export interface ModelServerStats {
  /** Chat completion requests that passed authentication, answered or failed on purpose. */
  chatCompletions: number;
}

export interface RunningModelServer extends Stoppable {
  /** The OpenAI base URL clients point at, ending in /v1. */
  baseURL: string;
  port: number;
  failures: FailurePlan;
  stats: ModelServerStats;
}

function sendError(
  res: ServerResponse,
  status: number,
  type: string,
  code: string | null,
  message: string,
): void {
  sendJson(res, status, { error: { message, type, param: null, code } });
}

/** Waits `ms`, or less if the client hangs up (the response closes; the request has long ended). */
function delay(ms: number, res: ServerResponse): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    res.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * A local OpenAI-protocol server: POST /v1/chat/completions (JSON or SSE stream, usage counts,
 * response_format json_schema), GET /v1/models, 401 without the configured key, a fixed latency, and
 * failures injected through POST /control/failures (or `failures.inject` in-process) for client tests.
 */
export async function startModelServer(config: ModelServerConfig): Promise<RunningModelServer> {
  const failures = new FailurePlan();
  const stats: ModelServerStats = { chatCompletions: 0 };
  const health = healthRoutes('model-server', {});
  const expectedKey = Buffer.from(`Bearer ${config.MODEL_SERVER_API_KEY}`);
  let sequence = 0;

  const authorised = (req: IncomingMessage): boolean => {
    const given = Buffer.from(req.headers.authorization ?? '');
    return given.length === expectedKey.length && timingSafeEqual(given, expectedKey);
  };

  const completion = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const parsed = chatRequestSchema.safeParse(JSON.parse(await readBody(req, MAX_BODY_BYTES)));
    if (!parsed.success) {
      sendError(
        res,
        400,
        'invalid_request_error',
        null,
        parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      );
      return;
    }
    stats.chatCompletions += 1;
    const failure = failures.next();
    await delay(config.MODEL_SERVER_LATENCY_MS, res);
    if (res.closed) return;
    if (await failed(failure, res)) return;
    const request = parsed.data;
    let content = answer(request);
    if (failure === 'malformed_json') content = content.slice(0, Math.max(1, Math.floor(content.length / 2)));
    if (failure === 'wrong_shape') content = JSON.stringify({ unexpected: 'shape' });
    sequence += 1;
    const id = `chatcmpl-local-${sequence}`;
    const usage = {
      prompt_tokens: estimatePromptTokens(request.messages.map(messageText)),
      completion_tokens: estimateTokens(content),
      total_tokens: 0,
    };
    usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
    if (request.stream) stream(res, request, id, content, usage);
    else
      sendJson(res, 200, {
        id,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: request.model,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content, refusal: null },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage,
      });
  };

  const failed = async (failure: Failure | undefined, res: ServerResponse): Promise<boolean> => {
    switch (failure) {
      case 'rate_limit':
        sendError(res, 429, 'rate_limit_error', 'rate_limit_exceeded', 'Rate limit reached (injected)');
        return true;
      case 'server_error':
        sendError(res, 500, 'server_error', null, 'The server had an error (injected)');
        return true;
      case 'timeout':
        await delay(config.MODEL_SERVER_HANG_MS, res);
        if (!res.closed) sendError(res, 504, 'server_error', 'timeout', 'Gave up answering (injected hang)');
        return true;
      case 'malformed_json':
      case 'wrong_shape':
      case undefined:
        return false;
    }
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = `${req.method ?? 'GET'} ${url.pathname}`;
    const healthRoute = health[route];
    const handle = async (): Promise<void> => {
      if (healthRoute) return healthRoute(req, res, url);
      if (!authorised(req)) {
        sendError(res, 401, 'invalid_request_error', 'invalid_api_key', 'Incorrect API key provided');
        return;
      }
      switch (route) {
        case 'POST /v1/chat/completions':
          return completion(req, res);
        case 'GET /v1/models':
          sendJson(res, 200, {
            object: 'list',
            data: [{ id: config.MODEL_SERVER_MODEL, object: 'model', created: 0, owned_by: 'holovitals' }],
          });
          return;
        case 'POST /control/failures': {
          const plan = failurePlanSchema.safeParse(JSON.parse(await readBody(req, MAX_BODY_BYTES)));
          if (!plan.success) {
            sendError(
              res,
              400,
              'invalid_request_error',
              null,
              'Expected { failures: [rate_limit|server_error|timeout|malformed_json|wrong_shape] }',
            );
            return;
          }
          failures.inject(plan.data.failures);
          sendJson(res, 200, { pending: failures.pending });
          return;
        }
        case 'DELETE /control/failures':
          failures.clear();
          sendJson(res, 200, { pending: 0 });
          return;
        case 'GET /control/stats':
          sendJson(res, 200, { ...stats, pendingFailures: failures.pending });
          return;
        default:
          sendError(res, 404, 'invalid_request_error', 'unknown_url', `Unknown request URL: ${route}`);
      }
    };
    handle().catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const invalidJson = error instanceof SyntaxError;
      sendError(
        res,
        invalidJson ? 400 : 500,
        invalidJson ? 'invalid_request_error' : 'server_error',
        null,
        invalidJson ? 'Body is not JSON' : 'Internal error',
      );
    });
  });

  const port = await listen(server, config.PORT, config.HOST);
  return {
    baseURL: `http://${config.HOST}:${port}/v1`,
    port,
    failures,
    stats,
    stop: async () => {
      server.closeAllConnections();
      await close(server);
    },
  };
}

function stream(
  res: ServerResponse,
  request: ChatRequest,
  id: string,
  content: string,
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number },
): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  const created = Math.floor(Date.now() / 1000);
  const chunk = (
    delta: Record<string, unknown>,
    finish: string | null,
    extra: Record<string, unknown> = {},
  ): void => {
    const body = {
      id,
      object: 'chat.completion.chunk',
      created,
      model: request.model,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      ...extra,
    };
    res.write(`data: ${JSON.stringify(body)}\n\n`);
  };
  chunk({ role: 'assistant', content: '' }, null);
  for (let at = 0; at < content.length; at += STREAM_CHUNK)
    chunk({ content: content.slice(at, at + STREAM_CHUNK) }, null);
  chunk({}, 'stop');
  if (request.stream_options?.include_usage) {
    res.write(
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: request.model, choices: [], usage })}\n\n`,
    );
  }
  res.end('data: [DONE]\n\n');
}
