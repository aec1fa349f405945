import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createProcessFixtures,
  startGatewayProcesses,
  stopProcess,
  type GatewayProcesses,
  type ProcessFixtures,
} from './gateway-processes';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from './otlp-receiver';

const SPAN_KIND_SERVER = 2;
const SPAN_KIND_CLIENT = 3;

// Gateway and identity run as their own processes, exporting to a local OTLP receiver.
let receiver: OtlpReceiver;
let fixtures: ProcessFixtures;
let processes: GatewayProcesses;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  fixtures = await createProcessFixtures();
  processes = await startGatewayProcesses(fixtures, { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint });
}, 90_000);

afterAll(async () => {
  await processes?.stop();
  await fixtures?.drop();
  await receiver?.stop();
});

/** The chain of spans from `span` up to the root of what the receiver holds. */
function ancestry(span: ReceivedSpan, spans: ReceivedSpan[]): ReceivedSpan[] {
  const byId = new Map(spans.map((candidate) => [candidate.spanId, candidate]));
  const chain = [span];
  let current = span;
  while (current.parentSpanId && byId.has(current.parentSpanId)) {
    current = byId.get(current.parentSpanId) as ReceivedSpan;
    chain.push(current);
  }
  return chain;
}

describe('tracing across gateway, subgraph and database', () => {
  it('puts the gateway, identity and its SQL of one query in one trace, each span under its caller', async () => {
    // The caller's own trace context, so this request's spans can be told from the rest.
    const traceId = randomBytes(16).toString('hex');
    const callerSpanId = randomBytes(8).toString('hex');
    const token = await fixtures.issuer.token({ sub: randomUUID() });
    const response = await fetch(processes.gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        traceparent: `00-${traceId}-${callerSpanId}-01`,
      },
      body: JSON.stringify({ query: 'query TracedMe { me { id email } }' }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: unknown };
    expect(response.status).toBe(200);
    expect(body).toHaveProperty('data');

    // Stopping flushes each process's batched spans (the services shut tracing down last).
    await stopProcess(processes.gateway);
    await stopProcess(processes.identity);
    const spans = receiver.spans.filter((span) => span.traceId === traceId);

    const gatewayServer = spans.find(
      (span) => span.service === 'gateway' && span.kind === SPAN_KIND_SERVER && span.scope.endsWith('-http'),
    );
    // The gateway's POST to identity (its GET is the JWKS fetch that verified the token).
    const gatewayFetch = spans.find(
      (span) =>
        span.service === 'gateway' &&
        span.kind === SPAN_KIND_CLIENT &&
        span.scope.endsWith('-undici') &&
        span.name === 'POST',
    );
    const identityServer = spans.find(
      (span) => span.service === 'identity' && span.kind === SPAN_KIND_SERVER && span.scope.endsWith('-http'),
    );
    const identitySql = spans.filter((span) => span.service === 'identity' && span.scope.endsWith('-pg'));
    expect(gatewayServer?.parentSpanId).toBe(callerSpanId);
    expect(gatewayFetch).toBeDefined();
    expect(identityServer?.parentSpanId).toBe(gatewayFetch?.spanId);
    expect(ancestry(gatewayFetch as ReceivedSpan, spans)).toContain(gatewayServer);
    expect(identitySql.length).toBeGreaterThan(0);
    for (const sql of identitySql) expect(ancestry(sql, spans)).toContain(identityServer);
  });
});
