import {
  extendRegistry,
  portEnvVar,
  SERVICE_REGISTRY,
  servicesOfKind,
  type ServiceEntry,
} from '@holovitals/service-registry';
import { freePort } from '@holovitals/testing';
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { servicePortEnv, startRegistryServices, type ServiceLaunch } from '../src/registry-services';
import type { ServiceProcess } from '../src/service-process';

const root = resolve(__dirname, '..', '..', '..');
const adminUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const fixture = 'packages/stack/test/fixtures/throwaway-service.mjs';

const throwaway = (name: string, kind: ServiceEntry['kind'], database: string | null): ServiceEntry => ({
  name,
  kind,
  port: 4990 + ['throwaway', 'throwaway-worker', 'throwaway-fake-fhir'].indexOf(name),
  healthPath: '/ready',
  package: '@holovitals/throwaway',
  entry: fixture,
  args: [name],
  database,
});

/** The real registry plus a throwaway subgraph, its worker and an auxiliary server, as a test adds them. */
const registry = extendRegistry(
  SERVICE_REGISTRY,
  throwaway('throwaway', 'subgraph', 'throwaway'),
  throwaway('throwaway-worker', 'worker', 'throwaway'),
  throwaway('throwaway-fake-fhir', 'auxiliary', null),
);
const added = registry.filter((entry) => entry.name.startsWith('throwaway'));

let processes: ServiceProcess[] = [];
const prefix = `hv_test_registry_${randomBytes(3).toString('hex')}`;

afterEach(async () => {
  for (const service of processes) await service.stop();
  processes = [];
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${prefix}_throwaway" WITH (FORCE)`);
  await admin.end();
});

async function launch(env: NodeJS.ProcessEnv): Promise<ServiceLaunch> {
  return {
    root,
    env: { ...process.env, ...env },
    portEnv: { ...(await servicePortEnv(registry, freePort)) },
    postgresUrl: adminUrl,
    databasePrefix: prefix,
    logDir: await mkdtemp(resolve(tmpdir(), 'hv-stack-logs-')),
    readyTimeoutMs: 10_000,
    onExit: () => undefined,
  };
}

describe('the stack runs what the service registry lists', () => {
  it('gives the e2e setup a free port for an added subgraph, worker and auxiliary server', async () => {
    const ports = await servicePortEnv(registry, freePort);
    for (const entry of registry)
      expect(Number(ports[portEnvVar(entry.name)]), entry.name).toBeGreaterThan(0);
    expect(Object.keys(ports)).toEqual(
      expect.arrayContaining(['THROWAWAY_PORT', 'THROWAWAY_WORKER_PORT', 'THROWAWAY_FAKE_FHIR_PORT']),
    );
  });

  it('starts an added subgraph, worker and auxiliary server on their ports, in their database, and waits for /ready', async () => {
    const settings = await launch({ READY_DELAY_MS: '600' });
    for (const kind of ['auxiliary', 'subgraph', 'worker'] as const) {
      const entries = servicesOfKind(registry, kind).filter((entry) => added.includes(entry));
      const started = await startRegistryServices(entries, settings, processes);
      for (const service of started) {
        const seen = (await (await fetch(`http://127.0.0.1:${service.port}/started`)).json()) as {
          name: string;
          port: number;
          databaseUrl: string | null;
          readyAfterMs: number;
        };
        expect(seen.name).toBe(service.entry.name);
        expect(seen.port).toBe(Number(settings.portEnv[portEnvVar(service.entry.name)]));
        // The stack returned only once the process reported ready.
        expect(seen.readyAfterMs).toBeGreaterThanOrEqual(600);
        expect(seen.databaseUrl).toEqual(
          service.entry.database ? expect.stringMatching(new RegExp(`/${prefix}_throwaway$`)) : null,
        );
      }
    }
    expect(processes.map((service) => service.name)).toEqual([
      'throwaway-fake-fhir',
      'throwaway',
      'throwaway-worker',
    ]);
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      `${prefix}_throwaway`,
    ]);
    await admin.end();
    expect(rowCount).toBe(1);
  });

  it('fails the start, naming the worker, when a worker exits before it is ready', async () => {
    const settings = await launch({ FAIL_AT_START: 'throwaway-worker', READY_DELAY_MS: '0' });
    const worker = registry.find((entry) => entry.name === 'throwaway-worker');
    await expect(startRegistryServices(worker ? [worker] : [], settings, processes)).rejects.toThrow(
      /throwaway-worker did not become ready: process exited/,
    );
  });
});
