import { describe, expect, it } from 'vitest';
import { SERVICE_REGISTRY, servicesOfKind } from '@holovitals/service-registry';
import { loadGatewayConfig } from './config';

const secret = { GATEWAY_SECRET: 'x'.repeat(24) };

describe('gateway configuration', () => {
  it('routes to each subgraph at its service-registry port unless SUBGRAPH_<NAME>_URL overrides it', () => {
    const config = loadGatewayConfig({ ...secret, SUBGRAPH_PATIENT_URL: 'http://patient:4002/graphql' });
    expect(config.subgraphUrls).toEqual({
      ...Object.fromEntries(
        servicesOfKind(SERVICE_REGISTRY, 'subgraph').map((entry) => [
          entry.name,
          `http://127.0.0.1:${entry.port}/graphql`,
        ]),
      ),
      patient: 'http://patient:4002/graphql',
    });
    expect(config.subgraphUrls.identity).toBe('http://127.0.0.1:4001/graphql');
    expect(config.PORT).toBe(4000);
  });

  it('names a bad variable, including a malformed subgraph URL', () => {
    expect(() => loadGatewayConfig({ GATEWAY_SECRET: 'short' })).toThrow(/gateway:\s+GATEWAY_SECRET:/);
    expect(() => loadGatewayConfig({ ...secret, SUBGRAPH_IDENTITY_URL: 'not a url' })).toThrow(
      /SUBGRAPH_IDENTITY_URL/,
    );
  });

  it('merges in-flight reads of the subgraphs without PHI by default and refuses a subgraph that holds PHI', () => {
    expect(loadGatewayConfig(secret).GATEWAY_DEDUPE_SUBGRAPHS).toEqual(['standards']);
    expect(
      loadGatewayConfig({ ...secret, GATEWAY_DEDUPE_SUBGRAPHS: 'products, reviews' })
        .GATEWAY_DEDUPE_SUBGRAPHS,
    ).toEqual(['products', 'reviews']);
    expect(loadGatewayConfig({ ...secret, GATEWAY_DEDUPE_SUBGRAPHS: '' }).GATEWAY_DEDUPE_SUBGRAPHS).toEqual(
      [],
    );
    for (const phi of ['patient', 'identity', 'standards,documents'])
      expect(() => loadGatewayConfig({ ...secret, GATEWAY_DEDUPE_SUBGRAPHS: phi })).toThrow(
        /GATEWAY_DEDUPE_SUBGRAPHS: (patient|identity|documents) hold PHI/,
      );
  });

  it('caps heap growth at 50% by default; 0 leaves it to V8, anything else is refused', () => {
    expect(loadGatewayConfig(secret).GATEWAY_HEAP_GROWING_PERCENT).toBe(50);
    expect(
      loadGatewayConfig({ ...secret, GATEWAY_HEAP_GROWING_PERCENT: '0' }).GATEWAY_HEAP_GROWING_PERCENT,
    ).toBe(0);
    for (const bad of ['-1', '301', 'half'])
      expect(() => loadGatewayConfig({ ...secret, GATEWAY_HEAP_GROWING_PERCENT: bad })).toThrow(
        /GATEWAY_HEAP_GROWING_PERCENT/,
      );
  });
});
