import { Counter, Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { startMetricsServer, type RunningMetricsServer } from './metrics-server';

let server: RunningMetricsServer | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

function registryWithOneCounter(): Registry {
  const registry = new Registry();
  new Counter({ name: 'probe_total', help: 'A probe.', registers: [registry] }).inc();
  return registry;
}

describe('startMetricsServer', () => {
  it('serves /metrics on its own loopback listener and nothing else', async () => {
    server = await startMetricsServer(registryWithOneCounter(), {
      METRICS_HOST: '127.0.0.1',
      METRICS_PORT: 0,
    });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(await (await fetch(server.url)).text()).toContain('probe_total 1');
    expect((await fetch(server.url.replace('/metrics', '/graphql'))).status).toBe(404);
  });

  it('asks for the bearer token when one is configured', async () => {
    const token = 'metrics-token-0123456789';
    server = await startMetricsServer(registryWithOneCounter(), {
      METRICS_HOST: '127.0.0.1',
      METRICS_PORT: 0,
      METRICS_TOKEN: token,
    });
    expect((await fetch(server.url)).status).toBe(401);
    expect(
      (await fetch(server.url, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status,
    ).toBe(401);
    const scraped = await fetch(server.url, { headers: { authorization: `Bearer ${token}` } });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('probe_total 1');
  });
});
