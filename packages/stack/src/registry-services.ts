import {
  databaseName,
  healthUrl,
  portEnvVar,
  resolvePort,
  type ServiceEntry,
  type ServiceRegistry,
} from '@holovitals/service-registry';
import { join } from 'node:path';
import { ensureDatabase } from './postgres';
import { startServiceProcess, waitForReady, type ServiceProcess } from './service-process';

export interface StartedService {
  entry: ServiceEntry;
  port: number;
  healthUrl: string;
  databaseUrl: string | null;
  process: ServiceProcess;
}

export interface ServiceLaunch {
  root: string;
  /** Environment every process gets; each adds its PORT and DATABASE_URL. */
  env: NodeJS.ProcessEnv;
  /** Settings one process gets on top of `env` (its event signing key). */
  envFor?: (entry: ServiceEntry, port: number) => NodeJS.ProcessEnv;
  /** Where `port` overrides (`<NAME>_PORT`) are read. */
  portEnv: NodeJS.ProcessEnv;
  postgresUrl: string;
  databasePrefix: string;
  logDir: string;
  readyTimeoutMs: number;
  onExit: (name: string, code: number | null) => void;
}

/**
 * Starts these registry entries side by side (each with its port, its database created when missing) and
 * waits until every one answers on its health path; a process that exits first fails the start, by name.
 */
export async function startRegistryServices(
  entries: readonly ServiceEntry[],
  launch: ServiceLaunch,
  started: ServiceProcess[],
): Promise<StartedService[]> {
  const services: StartedService[] = [];
  for (const entry of entries) {
    const port = resolvePort(entry, launch.portEnv);
    const database = databaseName(launch.databasePrefix, entry);
    const databaseUrl = database ? await ensureDatabase(launch.postgresUrl, database) : null;
    const process = startServiceProcess(
      entry.name,
      globalThis.process.execPath,
      [join(launch.root, entry.entry), ...(entry.args ?? [])],
      {
        ...launch.env,
        ...launch.envFor?.(entry, port),
        PORT: String(port),
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      },
      join(launch.logDir, `${entry.name}.log`),
      launch.onExit,
    );
    started.push(process);
    services.push({ entry, port, healthUrl: healthUrl(entry, '127.0.0.1', port), databaseUrl, process });
  }
  await Promise.all(
    services.map((service) =>
      waitForReady(
        service.healthUrl,
        launch.readyTimeoutMs,
        () => service.process.child.exitCode === null,
        service.entry.name,
      ).catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`${service.entry.name} did not become ready: ${reason}`);
      }),
    ),
  );
  return services;
}

/**
 * A free port for every entry, as `<NAME>_PORT` variables: the e2e setup runs the whole registry beside
 * whatever already listens on the public ports.
 */
export async function servicePortEnv(
  registry: ServiceRegistry,
  allocate: () => Promise<number>,
): Promise<Record<string, string>> {
  const env: Record<string, string> = {};
  for (const entry of registry) env[portEnvVar(entry.name)] = String(await allocate());
  return env;
}
