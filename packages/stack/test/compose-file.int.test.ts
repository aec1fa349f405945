import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SERVICE_REGISTRY, servicesOfKind, singleService } from '@holovitals/service-registry';
import { eventKeyEnvLines } from '../src/dev-secrets';

const root = resolve(__dirname, '..', '..', '..');

interface ComposeService {
  command?: string[];
  ports?: string[];
  environment?: Record<string, unknown>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  image?: string;
  build?: unknown;
}

const compose = parse(readFileSync(join(root, 'compose.yaml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const dockerCompose = spawnSync('docker', ['compose', 'version']).status === 0;

describe('compose.yaml', () => {
  it.runIf(dockerCompose)('is valid for docker compose', () => {
    execFileSync('docker', ['compose', '-f', join(root, 'compose.yaml'), 'config', '--quiet'], {
      env: {
        ...process.env,
        GATEWAY_SECRET: 'x'.repeat(32),
        KEY_ENCRYPTION_SECRET: 'x'.repeat(32),
        POSTGRES_PASSWORD: 'x',
        REDIS_PASSWORD: 'x'.repeat(32),
        SMTP_URL: 'smtp://mail',
        MODEL_API_KEY: 'x'.repeat(32),
        ...Object.fromEntries(
          eventKeyEnvLines(servicesOfKind(SERVICE_REGISTRY, 'subgraph').map((s) => s.name)).map((line) =>
            line.split(/=(.*)/s).slice(0, 2),
          ),
        ),
      },
    });
  });

  it('runs every process in the service registry, each with a check of its health path', () => {
    for (const name of ['postgres', 'redis']) expect(compose.services[name]?.healthcheck, name).toBeDefined();
    for (const entry of SERVICE_REGISTRY) {
      const service = compose.services[entry.name];
      expect(service, `${entry.name} is in compose.yaml`).toBeDefined();
      expect(service?.healthcheck?.test.join(' '), `${entry.name} healthcheck`).toContain(
        `http://127.0.0.1:${entry.port}${entry.healthPath}'`,
      );
    }
  });

  it('starts each process from its registry entry point, on its port, in its database', () => {
    for (const entry of SERVICE_REGISTRY) {
      const service = compose.services[entry.name];
      expect(service?.command, entry.name).toEqual(['node', entry.entry, ...(entry.args ?? [])]);
      expect(service?.environment?.PORT, entry.name).toBe(entry.port);
      if (entry.database)
        expect(service?.environment?.DATABASE_URL, entry.name).toMatch(
          new RegExp(`@postgres:5432/holovitals_${entry.database}$`),
        );
    }
    const web = singleService(SERVICE_REGISTRY, 'web');
    expect(compose.services.web?.ports).toEqual([`${web.port}:${web.port}`]);
    const gateway = singleService(SERVICE_REGISTRY, 'gateway');
    expect(compose.services.gateway?.ports).toEqual([`${gateway.port}:${gateway.port}`]);
  });

  it('publishes only the web app, the gateway, the stand-ins browsers visit (hospital sign-in, hosted checkout) and the trace viewer', () => {
    const published = Object.entries(compose.services)
      .filter(([, service]) => (service.ports ?? []).length > 0)
      .map(([name]) => name)
      .sort();
    expect(published).toEqual(['demo-hospital', 'gateway', 'jaeger', 'stripe-server', 'web']);
  });

  it('sends browsers to documents files through the web app, and patient to documents directly', () => {
    const documents = SERVICE_REGISTRY.find((entry) => entry.name === 'documents');
    const internal = `http://documents:${documents?.port}`;
    expect(compose.services.web?.environment?.DOCUMENTS_URL).toBe(internal);
    expect(compose.services.documents?.environment?.DOCUMENTS_PUBLIC_URL).toBe(
      '${APP_URL:-http://localhost:3000}',
    );
    expect(compose.services.documents?.environment?.DOCUMENTS_INTERNAL_URL).toBe(internal);
    expect(compose.services.patient?.environment?.DOCUMENT_BUNDLE_ORIGINS).toBe(internal);
  });

  it('routes the gateway to every subgraph and starts it after them', () => {
    for (const subgraph of servicesOfKind(SERVICE_REGISTRY, 'subgraph')) {
      expect(compose.services.gateway?.environment?.[`SUBGRAPH_${subgraph.name.toUpperCase()}_URL`]).toBe(
        `http://${subgraph.name}:${subgraph.port}/graphql`,
      );
      expect(compose.services.gateway?.depends_on?.[subgraph.name]).toEqual({ condition: 'service_healthy' });
    }
  });

  it('takes secrets from the environment, never from the file', () => {
    const text = readFileSync(join(root, 'compose.yaml'), 'utf8');
    expect(text).toContain('${GATEWAY_SECRET:?');
    expect(text).toContain('${KEY_ENCRYPTION_SECRET:?');
    expect(text).not.toMatch(/SECRET:\s+[A-Za-z0-9]{16,}/);
  });

  it('runs Redis with a password from the environment, which every service URL carries', () => {
    expect(compose.services.redis?.command).toEqual([
      'redis-server',
      '--appendonly',
      'yes',
      '--requirepass',
      '${REDIS_PASSWORD:?set REDIS_PASSWORD}',
    ]);
    for (const name of [...servicesOfKind(SERVICE_REGISTRY, 'subgraph').map((s) => s.name), 'gateway']) {
      expect(compose.services[name]?.environment?.REDIS_URL, name).toBe(
        'redis://:${REDIS_PASSWORD:?set REDIS_PASSWORD}@redis:6379',
      );
    }
  });

  it('gives each subgraph its own event signing key and every producer public key, from the environment', () => {
    for (const subgraph of servicesOfKind(SERVICE_REGISTRY, 'subgraph')) {
      const upper = subgraph.name.toUpperCase();
      expect(compose.services[subgraph.name]?.environment).toMatchObject({
        EVENT_SIGNING_KEY: `\${${upper}_EVENT_SIGNING_KEY:?set ${upper}_EVENT_SIGNING_KEY}`,
        EVENT_PUBLIC_KEYS: '${EVENT_PUBLIC_KEYS:?set EVENT_PUBLIC_KEYS}',
      });
    }
  });
});
