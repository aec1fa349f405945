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

interface ReportingSetup {
  harness: GatewayHarness;
  monitoring: TestSubgraph;
}

const redisUrl = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A gateway that reports to a monitoring subgraph over its own event streams. */
async function startReporting(env: Record<string, string>): Promise<ReportingSetup> {
  const eventStreamPrefix = `hv:test:events:${randomBytes(4).toString('hex')}:`;
  // The gateway's key pair is made first, so monitoring's EVENT_PUBLIC_KEYS lists it as a producer.
  const gatewayKeys = testEventKeyEnv('gateway');
  const harness = await startGatewayHarness({
    REDIS_URL: redisUrl,
    EVENT_SIGNING_KEY: gatewayKeys.EVENT_SIGNING_KEY,
    EVENT_STREAM_PREFIX: eventStreamPrefix,
    ...env,
  });
  const monitoring = await startTestSubgraph(monitoringSubgraph, {
    issuer: harness.issuer,
    redisUrl,
    eventStreamPrefix,
  });
  return { harness, monitoring };
}

async function errorsOf({ harness, monitoring }: ReportingSetup, filter: Record<string, unknown>) {
  const token = await harness.issuer.token({ sub: randomUUID(), roles: ['ADMIN'] });
  const response = await monitoring.graphql<ErrorsPage>(ERRORS, { filter }, { token });
  if (response.body.errors?.length) throw new Error(JSON.stringify(response.body.errors));
  return response.body.data as ErrorsPage;
}

/** The gateway's error groups in monitoring, once at least one has arrived (reports are delivered async). */
async function gatewayErrors(setup: ReportingSetup): Promise<ErrorsPage['errors']['nodes']> {
  const deadline = Date.now() + 15_000;
  let page = await errorsOf(setup, { service: 'gateway' });
  while (page.errors.nodes.length === 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    page = await errorsOf(setup, { service: 'gateway' });
  }
  return page.errors.nodes;
}

/** A patient's `MyRecord` query with a trace of its own that the gateway fails; returns that trace id. */
async function failTracedRequest({ harness }: ReportingSetup): Promise<string> {
  const traceId = randomBytes(16).toString('hex');
  const token = await harness.issuer.token({ sub: randomUUID(), roles: ['PATIENT'] });
  const failed = await graphqlRequest(
    harness.gateway.url,
    'query MyRecord { myPatient { id } }',
    {},
    { token, headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` } },
  );
  expect(failed.body.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
  return traceId;
}

describe('gateway error reporting', () => {
  let setup: ReportingSetup;
  beforeAll(async () => {
    setup = await startReporting({ SUBGRAPH_PATIENT_URL: `http://127.0.0.1:${await freePort()}/graphql` });
  });
  afterAll(async () => {
    await setup.harness.stop();
    await setup.monitoring.stop();
  });

  it('reports a subgraph it cannot reach to monitoring (origin GATEWAY, with the trace id), not client errors', async () => {
    const { harness } = setup;
    // A refused token is the client's error: never reported.
    const refused = await graphqlRequest(harness.gateway.url, '{ myPatient { id } }', {}, { token: 'x.y.z' });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const traceId = await failTracedRequest(setup);
    const groups = await gatewayErrors(setup);
    expect(groups).toHaveLength(1);
    const [group] = groups;
    expect(group).toEqual(expect.objectContaining({ service: 'gateway', origin: 'GATEWAY', count: 1 }));
    expect(group?.events[0]).toEqual({ traceId, operation: 'MyRecord', path: null });
  });
});

describe('gateway error reporting before a request has a context', () => {
  let setup: ReportingSetup;
  beforeAll(async () => {
    // Tokens cannot be checked: the JWKS is unreachable, so creating a request's context fails.
    setup = await startReporting({ JWKS_URL: `http://127.0.0.1:${await freePort()}/jwks.json` });
  });
  afterAll(async () => {
    await setup.harness.stop();
    await setup.monitoring.stop();
  });

  it("reports the failed context with the request's trace id", async () => {
    const traceId = await failTracedRequest(setup);
    const groups = await gatewayErrors(setup);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toEqual(expect.objectContaining({ service: 'gateway', origin: 'GATEWAY', count: 1 }));
    expect(groups[0]?.events[0]).toEqual({ traceId, operation: null, path: null });
  });
});
