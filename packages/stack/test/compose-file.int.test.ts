import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { eventKeyEnvLines } from '../src/dev-secrets';
import { GATEWAY_PORT, SUBGRAPHS, WEB_PORT } from '../src/services';

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
        ...Object.fromEntries(
          eventKeyEnvLines(SUBGRAPHS.map((s) => s.name)).map((line) => line.split(/=(.*)/s).slice(0, 2)),
        ),
      },
    });
  });

  it('runs every service npm start runs, each with a health check', () => {
    const names = ['postgres', 'redis', ...SUBGRAPHS.map((s) => s.name), 'gateway', 'web'];
    for (const name of names) {
      expect(compose.services[name], name).toBeDefined();
      expect(compose.services[name]?.healthcheck?.test.length, `${name} healthcheck`).toBeGreaterThan(0);
    }
  });

  it('keeps the public ports and starts each subgraph from its own entry point', () => {
    for (const subgraph of SUBGRAPHS) {
      const service = compose.services[subgraph.name];
      expect(service?.environment?.PORT).toBe(subgraph.port);
      expect(service?.command).toEqual(['node', `subgraphs/${subgraph.name}/dist/main.js`]);
      expect(compose.services.gateway?.environment?.[`SUBGRAPH_${subgraph.name.toUpperCase()}_URL`]).toBe(
        `http://${subgraph.name}:${subgraph.port}/graphql`,
      );
    }
    expect(compose.services.gateway?.ports).toEqual([`${GATEWAY_PORT}:${GATEWAY_PORT}`]);
    expect(compose.services.web?.ports).toEqual([`${WEB_PORT}:${WEB_PORT}`]);
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
    for (const name of [...SUBGRAPHS.map((s) => s.name), 'gateway']) {
      expect(compose.services[name]?.environment?.REDIS_URL, name).toBe(
        'redis://:${REDIS_PASSWORD:?set REDIS_PASSWORD}@redis:6379',
      );
    }
  });

  it('gives each subgraph its own event signing key and every producer public key, from the environment', () => {
    for (const subgraph of SUBGRAPHS) {
      const upper = subgraph.name.toUpperCase();
      expect(compose.services[subgraph.name]?.environment).toMatchObject({
        EVENT_SIGNING_KEY: `\${${upper}_EVENT_SIGNING_KEY:?set ${upper}_EVENT_SIGNING_KEY}`,
        EVENT_PUBLIC_KEYS: '${EVENT_PUBLIC_KEYS:?set EVENT_PUBLIC_KEYS}',
      });
    }
  });
});
