import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SERVICE_REGISTRY, servicesOfKind, singleService } from '@holovitals/service-registry';
import { eventKeyEnvLines, eventPublishers } from '../src/dev-secrets';

const root = resolve(__dirname, '..', '..', '..');

interface ComposeService {
  command?: string[];
  ports?: string[];
  volumes?: string[];
  secrets?: Array<{ source: string; target: string }>;
  environment?: Record<string, unknown>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  image?: string;
  build?: unknown;
}

const compose = parse(readFileSync(join(root, 'compose.yaml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
  secrets: Record<string, { environment?: string }>;
};
const readYaml = <T>(path: string): T => parse(readFileSync(join(root, path), 'utf8')) as T;

/** Where a `./host/path:/container/path[:ro]` volume of `service` mounts `hostPath`. */
function mountOf(service: string, hostPath: string): string | undefined {
  const volume = compose.services[service]?.volumes?.find((entry) => entry.startsWith(`./${hostPath}:`));
  return volume?.split(':')[1];
}
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
        METRICS_TOKEN: 'x'.repeat(32),
        GRAFANA_ADMIN_PASSWORD: 'x'.repeat(16),
        ...Object.fromEntries(
          eventKeyEnvLines(eventPublishers(SERVICE_REGISTRY)).map((line) => line.split(/=(.*)/s).slice(0, 2)),
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

  it('publishes only the web app, the gateway, the stand-ins browsers visit (hospital sign-in, hosted checkout), and the operators’ UIs on loopback', () => {
    const published = Object.entries(compose.services)
      .filter(([, service]) => (service.ports ?? []).length > 0)
      .map(([name]) => name)
      .sort();
    expect(published).toEqual([
      'demo-hospital',
      'gateway',
      'grafana',
      'jaeger',
      'prometheus',
      'stripe-server',
      'web',
    ]);
    for (const name of ['grafana', 'jaeger', 'prometheus'])
      for (const port of compose.services[name]?.ports ?? []) expect(port, name).toMatch(/^127\.0\.0\.1:/);
  });

  it('pins the image of Prometheus, Grafana and the trace viewer to a release', () => {
    for (const name of ['grafana', 'jaeger', 'prometheus'])
      expect(compose.services[name]?.image, name).toMatch(/:v?\d+\.\d+\.\d+$/);
  });

  it('runs Prometheus on deploy/prometheus, with its alert rules and METRICS_TOKEN where the scrape config reads it', () => {
    const configPath = mountOf('prometheus', 'deploy/prometheus/prometheus.yml');
    expect(compose.services.prometheus?.command).toContain(`--config.file=${configPath}`);
    const config = readYaml<{
      rule_files: string[];
      scrape_configs: Array<{
        authorization: { credentials_file: string };
        static_configs: Array<{ targets: string[] }>;
      }>;
    }>('deploy/prometheus/prometheus.yml');
    // Rule files are relative to the config file's folder.
    for (const rules of config.rule_files)
      expect(mountOf('prometheus', `deploy/prometheus/${rules}`)).toBe(
        join(configPath ? configPath.replace(/\/[^/]+$/, '') : '?', rules),
      );
    const token = compose.services.prometheus?.secrets?.find((secret) => secret.source === 'metrics-token');
    expect(compose.secrets['metrics-token']).toEqual({ environment: 'METRICS_TOKEN' });
    for (const job of config.scrape_configs) {
      expect(job.authorization.credentials_file).toBe(token?.target);
      // Every target is a compose service with its metrics listener on that port.
      for (const target of job.static_configs.flatMap((group) => group.targets)) {
        const [host, port] = target.split(':');
        expect(compose.services[host ?? '']?.environment?.METRICS_PORT, target).toBe(Number(port));
        expect(compose.services[host ?? '']?.environment?.METRICS_HOST, target).toBe('0.0.0.0');
        expect(compose.services[host ?? '']?.environment?.METRICS_TOKEN, target).toBe(
          '${METRICS_TOKEN:?set METRICS_TOKEN}',
        );
      }
    }
  });

  it('runs Grafana with the Prometheus data source and every dashboard of deploy/grafana provisioned', () => {
    const provisioning = mountOf('grafana', 'deploy/grafana/provisioning');
    expect(provisioning).toBe('/etc/grafana/provisioning');
    const datasources = readYaml<{ datasources: Array<{ type: string; url: string; isDefault: boolean }> }>(
      'deploy/grafana/provisioning/datasources/prometheus.yml',
    );
    expect(datasources.datasources).toEqual([
      expect.objectContaining({ type: 'prometheus', url: 'http://prometheus:9090', isDefault: true }),
    ]);
    const providers = readYaml<{ providers: Array<{ type: string; options: { path: string } }> }>(
      'deploy/grafana/provisioning/dashboards/holovitals.yml',
    );
    expect(providers.providers.map((provider) => provider.options.path)).toEqual([
      mountOf('grafana', 'deploy/grafana/dashboards'),
    ]);
    const dashboards = readdirSync(join(root, 'deploy', 'grafana', 'dashboards'));
    expect(dashboards).toContain('supergraph.json');
    for (const file of dashboards) {
      const dashboard = JSON.parse(
        readFileSync(join(root, 'deploy', 'grafana', 'dashboards', file), 'utf8'),
      ) as {
        uid: string;
        templating: { list: Array<{ name: string; type: string; query: string }> };
      };
      expect(dashboard.uid, file).toMatch(/^[\w-]+$/);
      expect(dashboard.templating.list, file).toContainEqual(
        expect.objectContaining({ name: 'datasource', type: 'datasource', query: 'prometheus' }),
      );
    }
    expect(compose.services.grafana?.environment?.GF_SECURITY_ADMIN_PASSWORD).toBe(
      '${GRAFANA_ADMIN_PASSWORD:?set GRAFANA_ADMIN_PASSWORD}',
    );
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

  it('gives the gateway its own event signing key for its error reports, which `event-keys` generates', () => {
    expect(compose.services.gateway?.environment?.EVENT_SIGNING_KEY).toBe(
      '${GATEWAY_EVENT_SIGNING_KEY:?set GATEWAY_EVENT_SIGNING_KEY}',
    );
    const lines = eventKeyEnvLines(eventPublishers(SERVICE_REGISTRY));
    expect(lines.some((line) => line.startsWith('GATEWAY_EVENT_SIGNING_KEY='))).toBe(true);
    expect(lines.find((line) => line.startsWith('EVENT_PUBLIC_KEYS='))).toMatch(/[=,]gateway:/);
  });
});
