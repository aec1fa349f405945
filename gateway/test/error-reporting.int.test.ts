import { monitoringSubgraph } from '@holovitals/monitoring';
import {
  freePort,
  graphqlRequest,
  startTestSubgraph,
  testEventKeyEnv,
  type TestSubgraph,
} from '@holovitals/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayHarness, type GatewayHarness } from './gateway-harness';

interface ErrorsPage {
  errors: {
    nodes: Array<{
      service: string;
      origin: string;
      errorName: string;
      count: number;
      events: Array<{ traceId: string | null; operation: string | null; path: string | null }>;
    }>;
  };
}

const ERRORS = `query ($filter: ErrorFilter) { errors(filter: $filter) { nodes {
  service origin errorName count events(first: 5) { traceId operation path } } } }`;

let harness: GatewayHarness;
let monitoring: TestSubgraph;
const redisUrl = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

beforeAll(async () => {
  const eventStreamPrefix = `hv:test:events:${randomBytes(4).toString('hex')}:`;
  // The gateway's key pair is made first, so monitoring's EVENT_PUBLIC_KEYS lists it as a producer.
  const gatewayKeys = testEventKeyEnv('gateway');
  const unreachable = `http://127.0.0.1:${await freePort()}/graphql`;
  harness = await startGatewayHarness({
    REDIS_URL: redisUrl,
    EVENT_SIGNING_KEY: gatewayKeys.EVENT_SIGNING_KEY,
    EVENT_STREAM_PREFIX: eventStreamPrefix,
    SUBGRAPH_PATIENT_URL: unreachable,
  });
  monitoring = await startTestSubgraph(monitoringSubgraph, {
    issuer: harness.issuer,
    redisUrl,
    eventStreamPrefix,
  });
});

afterAll(async () => {
  await harness.stop();
  await monitoring.stop();
});

async function errorsOf(filter: Record<string, unknown>): Promise<ErrorsPage> {
  const token = await harness.issuer.token({ sub: randomUUID(), roles: ['ADMIN'] });
  const response = await monitoring.graphql<ErrorsPage>(ERRORS, { filter }, { token });
  if (response.body.errors?.length) throw new Error(JSON.stringify(response.body.errors));
  return response.body.data as ErrorsPage;
}

describe('gateway error reporting', () => {
  it('reports a subgraph it cannot reach to monitoring (origin GATEWAY, with the trace id), not client errors', async () => {
    // A refused token is the client's error: never reported.
    const refused = await graphqlRequest(harness.gateway.url, '{ myPatient { id } }', {}, { token: 'x.y.z' });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const traceId = randomBytes(16).toString('hex');
    const token = await harness.issuer.token({ sub: randomUUID(), roles: ['PATIENT'] });
    const failed = await graphqlRequest(
      harness.gateway.url,
      'query MyRecord { myPatient { id } }',
      {},
      { token, headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` } },
    );
    expect(failed.body.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');

    const deadline = Date.now() + 15_000;
    let page = await errorsOf({ service: 'gateway' });
    while (page.errors.nodes.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      page = await errorsOf({ service: 'gateway' });
    }
    expect(page.errors.nodes).toHaveLength(1);
    const [group] = page.errors.nodes;
    expect(group).toEqual(expect.objectContaining({ service: 'gateway', origin: 'GATEWAY', count: 1 }));
    expect(group?.events[0]).toEqual({ traceId, operation: 'MyRecord', path: null });
  });
});
