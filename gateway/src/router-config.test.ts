import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GATEWAY_CREDENTIAL_HEADER } from '@holovitals/auth';
import { SERVICE_REGISTRY, servicesOfKind, subgraphUrlEnvVar } from '@holovitals/service-registry';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadGatewayConfig } from './config';
import { corsPreflight } from './cors';
import type { GatewayContext } from './gateway-context';
import { createKeepAliveFetcher } from './keep-alive-fetcher';
import { SubgraphDataSource } from './subgraph-data-source';

interface RouterConfig {
  supergraph: { path: string; introspection: boolean };
  override_subgraph_url: Record<string, string>;
  cors: {
    allow_credentials: boolean;
    policies: Array<{ origins: string[]; methods: string[]; allow_headers: string[]; max_age: string }>;
  };
  limits: { router: Record<string, number> };
  batching: { enabled: boolean };
  demand_control: { strategy: { static_estimated: { max: number } } };
  authentication: { router: { jwt: { jwks: Array<{ url: string; issuer: string; audience: string[] }> } } };
  traffic_shaping: {
    all?: { deduplicate_query?: boolean };
    subgraphs: Record<string, { deduplicate_query?: boolean }>;
  };
  headers: {
    all: { request: Array<{ propagate?: { named: string }; insert?: { name: string; value: string } }> };
  };
}

const routerYaml = resolve(__dirname, '..', '..', 'deploy', 'router', 'router.yaml');
const router = parse(readFileSync(routerYaml, 'utf8')) as RouterConfig;
const gateway = loadGatewayConfig({ GATEWAY_SECRET: 'x'.repeat(24) });

/** The headers the gateway's preflight answer carries, as the gateway itself writes them. */
function preflightHeaders(): Record<string, string> {
  let written: Record<string, string> = {};
  const res = {
    writeHead: (_status: number, headers: Record<string, string>) => {
      written = headers;
      return res;
    },
    end: () => res,
  } as unknown as ServerResponse;
  void corsPreflight({} as never, res, new URL('http://127.0.0.1/graphql'));
  return written;
}

/** The headers the gateway sets on a subgraph request for a signed-in caller. */
function subgraphRequestHeaders(): string[] {
  const source = new SubgraphDataSource(
    'http://127.0.0.1:1/graphql',
    createKeepAliveFetcher(1),
    'y'.repeat(24),
  );
  const headers = new Headers();
  source.willSendRequest({
    request: { http: { headers } },
    context: {
      traceId: '0af7651916cd43dd8448eb211c80319c',
      accessToken: 'token',
      clientIp: '10.0.0.1',
      userAgent: 'test',
    },
  } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>);
  return [...headers.keys()];
}

describe('deploy/router/router.yaml (Apollo Router) matches the gateway', () => {
  it('has the gateway limits: depth, aliases, tokens, request size, cost, no batching', () => {
    expect(router.limits.router).toMatchObject({
      max_depth: gateway.MAX_DEPTH,
      max_aliases: gateway.MAX_ALIASES,
      parser_max_tokens: gateway.MAX_TOKENS,
      http_max_request_bytes: gateway.MAX_REQUEST_BYTES,
    });
    expect(router.demand_control.strategy.static_estimated.max).toBe(gateway.MAX_COST);
    expect(router.batching.enabled).toBe(false);
    expect(router.supergraph).toMatchObject({ path: '/graphql', introspection: true });
  });

  it('sends every header the gateway sends to subgraphs, the gateway credential from GATEWAY_SECRET', () => {
    const rules = router.headers.all.request;
    const propagated = rules.flatMap((rule) => (rule.propagate ? [rule.propagate.named] : []));
    const inserted = rules.flatMap((rule) => (rule.insert ? [rule.insert.name] : []));
    const sent = subgraphRequestHeaders();
    expect(sent).toContain(GATEWAY_CREDENTIAL_HEADER);
    for (const header of [...sent.filter((name) => name !== GATEWAY_CREDENTIAL_HEADER), 'traceparent'])
      expect(propagated, header).toContain(header);
    expect(inserted).toEqual([GATEWAY_CREDENTIAL_HEADER]);
    expect(rules.find((rule) => rule.insert)?.insert?.value).toBe('${env.GATEWAY_SECRET}');
  });

  it('answers CORS preflights like the gateway: same methods, headers and max age, no credentials', () => {
    const headers = preflightHeaders();
    const [policy] = router.cors.policies;
    const list = (value: string | undefined): string[] => (value ?? '').split(',').map((item) => item.trim());
    expect(policy.methods).toEqual(list(headers['access-control-allow-methods']));
    expect(policy.allow_headers).toEqual(list(headers['access-control-allow-headers']));
    expect(policy.max_age).toBe(`${headers['access-control-max-age']}s`);
    expect(router.cors.allow_credentials).toBe(false);
    expect(policy.origins).toEqual(['${env.APP_URL}']);
  });

  it("routes to every subgraph in the registry through the gateway's SUBGRAPH_<NAME>_URL variables", () => {
    expect(router.override_subgraph_url).toEqual(
      Object.fromEntries(
        servicesOfKind(SERVICE_REGISTRY, 'subgraph').map((entry) => [
          entry.name,
          `\${env.${subgraphUrlEnvVar(entry.name)}}`,
        ]),
      ),
    );
  });

  it('merges in-flight queries of exactly the subgraphs the gateway does (none holding PHI)', () => {
    expect(router.traffic_shaping.all?.deduplicate_query).not.toBe(true);
    const deduped = Object.entries(router.traffic_shaping.subgraphs)
      .filter(([, shaping]) => shaping.deduplicate_query === true)
      .map(([name]) => name);
    expect(deduped).toEqual(gateway.GATEWAY_DEDUPE_SUBGRAPHS);
  });

  it("verifies tokens against the JWKS with the gateway's issuer and audience", () => {
    const [jwks] = router.authentication.router.jwt.jwks;
    expect(jwks).toMatchObject({
      url: '${env.JWKS_URL}',
      issuer: gateway.JWT_ISSUER,
      audience: [gateway.JWT_AUDIENCE],
    });
  });
});
