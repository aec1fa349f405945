import { bufferedResponse, type Fetcher, type FetcherResponse } from './keep-alive-fetcher';

type FetcherInit = Parameters<Fetcher>[1];

interface SharedAnswer {
  status: number;
  headers: FetcherResponse['headers'];
  body: string;
}

/** Differ per call while the request is the same; a merged call carries its first caller's trace. */
const PER_CALL_HEADERS = new Set(['traceparent', 'tracestate']);

/**
 * Same subgraph URL, method, body and every forwarded header (authorization and client address included)
 * apart from the trace: two such calls ask the same thing on behalf of the same caller.
 */
export function dedupeKey(url: string, init: FetcherInit): string {
  const headers = Object.entries(init?.headers ?? {})
    .map(([name, value]) => [name.toLowerCase(), value] as const)
    .filter(([name]) => !PER_CALL_HEADERS.has(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([url, init?.method ?? 'GET', init?.body?.toString() ?? null, headers]);
}

/**
 * Concurrent identical calls share one HTTP call (Apollo Router's `deduplicate_query`); a call made after the
 * shared one settled makes its own, and a failure reaches every waiter. Each waiter gets its own response
 * object, so each parses its own copy of the body (the gateway merges into what it parses). Only for reads
 * of subgraphs that audit nothing per request: the data source decides (see subgraph-data-source.ts).
 */
export function createDedupingFetcher(fetcher: Fetcher): Fetcher {
  const inFlight = new Map<string, Promise<SharedAnswer>>();
  return async (url, init) => {
    const key = dedupeKey(url, init);
    let shared = inFlight.get(key);
    if (!shared) {
      const call = (async (): Promise<SharedAnswer> => {
        const response = await fetcher(url, init);
        return { status: response.status, headers: response.headers, body: await response.text() };
      })();
      inFlight.set(key, call);
      const forget = (): void => void inFlight.delete(key);
      call.then(forget, forget);
      shared = call;
    }
    const { status, headers, body } = await shared;
    return bufferedResponse(url, status, headers, body);
  };
}
