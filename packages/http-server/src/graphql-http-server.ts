import { type ApolloServer, type BaseContext, HeaderMap, type HTTPGraphQLRequest } from '@apollo/server';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendGraphQLError } from './http-error';
import { BodyTooLargeError, readBody } from './request-body';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void;

/** A reason to refuse a GraphQL request before it is parsed (missing credential, rate limit, …). */
export interface Refusal {
  status: number;
  code: string;
  message: string;
  headers?: Record<string, string>;
}

export interface GraphQLHttpServerOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  context: (req: IncomingMessage) => Promise<TContext>;
  maxBodyBytes: number;
  /** Plain HTTP routes keyed by `METHOD /path`, e.g. `GET /health`. */
  routes?: Record<string, RouteHandler>;
  /** Runs before the body is read; a refusal ends the request. */
  admit?: (req: IncomingMessage) => Promise<Refusal | null> | Refusal | null;
  /** Headers added to every GraphQL response (CORS). */
  responseHeaders?: (req: IncomingMessage) => Record<string, string>;
  graphqlPath?: string;
}

const isJson = (contentType: string | undefined): boolean =>
  !!contentType && /^application\/(json|graphql-response\+json)\b/i.test(contentType);

function toHeaderMap(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

/** Longer than any client's idle timeout (the gateway's pool: 30 s; load balancers: commonly 60 s). */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/**
 * Apollo Server over node:http following GraphQL-over-HTTP: JSON bodies only, a byte limit checked
 * while reading, malformed JSON answered with 400 and a typed error, never a stack trace.
 */
export function createGraphQLHttpServer<TContext extends BaseContext>(
  options: GraphQLHttpServerOptions<TContext>,
): Server {
  const graphqlPath = options.graphqlPath ?? '/graphql';

  async function handleGraphQL(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const refusal = await options.admit?.(req);
    if (refusal) {
      for (const [key, value] of Object.entries(refusal.headers ?? {})) res.setHeader(key, value);
      sendGraphQLError(res, refusal.status, refusal.code, refusal.message);
      return;
    }
    let body: unknown = undefined;
    if (req.method === 'POST') {
      const raw = await readBody(req, options.maxBodyBytes);
      if (isJson(req.headers['content-type'])) {
        try {
          body = JSON.parse(raw);
        } catch {
          sendGraphQLError(res, 400, 'BAD_REQUEST', 'Request body is not valid JSON.');
          return;
        }
      } else {
        body = raw;
      }
    }
    const httpGraphQLRequest: HTTPGraphQLRequest = {
      method: req.method ?? 'GET',
      headers: toHeaderMap(req),
      search: url.search,
      body,
    };
    const response = await options.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest,
      context: () => options.context(req),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    for (const [key, value] of Object.entries(options.responseHeaders?.(req) ?? {}))
      res.setHeader(key, value);
    const route = options.routes?.[`${req.method} ${url.pathname}`];
    const work = route
      ? Promise.resolve(route(req, res, url))
      : url.pathname === graphqlPath
        ? handleGraphQL(req, res, url)
        : Promise.resolve(
            sendGraphQLError(res, 404, 'NOT_FOUND', `No route for ${req.method} ${url.pathname}.`),
          );
    work.catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof BodyTooLargeError) {
        res.setHeader('connection', 'close');
        sendGraphQLError(res, 413, 'PAYLOAD_TOO_LARGE', error.message);
        return;
      }
      sendGraphQLError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
    });
  });
  // A keep-alive client (the gateway's pool, a load balancer) must always be the side that closes an idle
  // connection: when the server's timer fires first, a request sent at that moment fails with ECONNRESET.
  // Node's 5 s default lost that race under load; clients here keep idle connections at most 30 s.
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  return server;
}

export async function listen(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

/** Stops accepting connections and waits for in-flight requests to finish (idle keep-alives are closed). */
export async function close(server: Server): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
