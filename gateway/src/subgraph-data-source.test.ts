import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { Headers } from 'undici';
import { describe, expect, it } from 'vitest';
import type { GatewayContext } from './gateway-context';
import { bufferedResponse, type Fetcher } from './keep-alive-fetcher';
import { SubgraphDataSource } from './subgraph-data-source';

const context: GatewayContext = {
  principal: null,
  accessToken: 'token-a',
  traceId: '',
  clientIp: '10.0.0.1',
  userAgent: 'test',
};

/** A subgraph that counts calls and holds each answer one tick, so calls started together overlap. */
function countingSubgraph() {
  const calls: Parameters<Fetcher>[] = [];
  const fetcher: Fetcher = async (url, init) => {
    calls.push([url, init]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    return bufferedResponse(
      url,
      200,
      new Headers({ 'content-type': 'application/json' }),
      '{"data":{"a":1}}',
    );
  };
  return { fetcher, calls };
}

function options(operation: 'query' | 'mutation', query: string) {
  return {
    kind: 'incoming operation',
    request: { query, variables: {} },
    context,
    incomingRequestContext: { operation: { operation } },
  } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>;
}

function dataSource(dedupeReads: boolean) {
  const subgraph = countingSubgraph();
  const source = new SubgraphDataSource(
    'http://127.0.0.1:1/graphql',
    subgraph.fetcher,
    's'.repeat(24),
    dedupeReads,
  );
  return { subgraph, source };
}

async function twice(source: SubgraphDataSource, operation: 'query' | 'mutation', query: string) {
  return Promise.all([source.process(options(operation, query)), source.process(options(operation, query))]);
}

describe('SubgraphDataSource in-flight deduplication', () => {
  it('merges identical concurrent reads of a subgraph listed for it, with the forwarded headers', async () => {
    const { subgraph, source } = dataSource(true);
    const answers = await twice(source, 'query', '{ a }');
    expect(answers.map((answer) => answer.data)).toEqual([{ a: 1 }, { a: 1 }]);
    expect(subgraph.calls).toHaveLength(1);
    expect(subgraph.calls[0]?.[1]?.headers).toMatchObject({
      authorization: 'Bearer token-a',
      'x-forwarded-for': '10.0.0.1',
    });
  });

  it('never merges the fetches of a mutation', async () => {
    const { subgraph, source } = dataSource(true);
    await twice(source, 'mutation', 'mutation { a }');
    await twice(source, 'mutation', '{ a }');
    expect(subgraph.calls).toHaveLength(4);
  });

  it('never merges reads of a subgraph not listed (every PHI subgraph): each read is audited', async () => {
    const { subgraph, source } = dataSource(false);
    await twice(source, 'query', '{ a }');
    expect(subgraph.calls).toHaveLength(2);
  });
});
