import { Headers } from 'undici';
import { describe, expect, it } from 'vitest';
import { createDedupingFetcher, dedupeKey } from './inflight-dedupe';
import { bufferedResponse, type Fetcher } from './keep-alive-fetcher';

const URL = 'http://127.0.0.1:1/graphql';
const init = (headers: Record<string, string> = {}, body = '{"query":"{ a }"}') => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: 'Bearer a', ...headers },
  body,
});

/** A subgraph whose answers wait until `release`, so calls overlap for as long as a test needs. */
function heldSubgraph(answer: () => Promise<string> | string = () => '{"data":{"a":1}}') {
  const calls: Parameters<Fetcher>[] = [];
  let release!: () => void;
  let gate = new Promise<void>((resolve) => (release = resolve));
  const fetcher: Fetcher = async (url, options) => {
    calls.push([url, options]);
    await gate;
    return bufferedResponse(url, 200, new Headers({ 'content-type': 'application/json' }), await answer());
  };
  return {
    fetcher,
    calls,
    release: () => {
      release();
      gate = new Promise<void>((resolve) => (release = resolve));
    },
  };
}

describe('createDedupingFetcher', () => {
  it('makes one call for concurrent identical requests and gives each waiter its own parsed body', async () => {
    const subgraph = heldSubgraph();
    const fetch = createDedupingFetcher(subgraph.fetcher);
    const pending = [
      fetch(URL, init()),
      fetch(URL, init({ traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' })),
      fetch(URL, init()),
    ];
    subgraph.release();
    const responses = await Promise.all(pending);
    expect(subgraph.calls).toHaveLength(1);
    const bodies = (await Promise.all(responses.map((response) => response.json()))) as object[];
    expect(bodies).toEqual([{ data: { a: 1 } }, { data: { a: 1 } }, { data: { a: 1 } }]);
    expect(bodies[0]).not.toBe(bodies[1]);
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200]);
  });

  it('does not merge a request made after the first one settled', async () => {
    const subgraph = heldSubgraph();
    const fetch = createDedupingFetcher(subgraph.fetcher);
    const first = fetch(URL, init());
    subgraph.release();
    await first;
    const second = fetch(URL, init());
    subgraph.release();
    await second;
    expect(subgraph.calls).toHaveLength(2);
  });

  it('does not merge requests that differ in authorization, any forwarded header, body or URL', async () => {
    const subgraph = heldSubgraph();
    const fetch = createDedupingFetcher(subgraph.fetcher);
    const pending = [
      fetch(URL, init()),
      fetch(URL, init({ authorization: 'Bearer b' })),
      fetch(URL, init({ 'x-forwarded-for': '10.0.0.2' })),
      fetch(URL, init({ 'user-agent': 'other' })),
      fetch(URL, init({}, '{"query":"{ b }"}')),
      fetch('http://127.0.0.1:2/graphql', init()),
    ];
    subgraph.release();
    await Promise.all(pending);
    expect(subgraph.calls).toHaveLength(6);
  });

  it('hands a failed call to every waiter, and the next request tries again', async () => {
    let fail = true;
    const subgraph = heldSubgraph(() => {
      if (fail) throw new Error('subgraph unreachable');
      return '{"data":{"a":2}}';
    });
    const fetch = createDedupingFetcher(subgraph.fetcher);
    const pending = [fetch(URL, init()), fetch(URL, init())];
    subgraph.release();
    const settled = await Promise.allSettled(pending);
    expect(settled.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(subgraph.calls).toHaveLength(1);
    fail = false;
    const retry = fetch(URL, init());
    subgraph.release();
    expect(await (await retry).json()).toEqual({ data: { a: 2 } });
    expect(subgraph.calls).toHaveLength(2);
  });

  it('keys on header names whatever their case and order, but not on the trace', () => {
    expect(dedupeKey(URL, init({ 'X-Forwarded-For': '1.1.1.1', tracestate: 'a=1' }))).toBe(
      dedupeKey(URL, { ...init(), headers: { 'x-forwarded-for': '1.1.1.1', ...init().headers } }),
    );
  });
});
