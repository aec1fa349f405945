import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { loadDevSecrets, type DevSecrets } from './dev-secrets';
import { ensureDatabase, ensurePostgres } from './postgres';
import { ensureRedis } from './redis';
import { startServiceProcess, waitForReady, type ServiceProcess } from './service-process';
import { GATEWAY_PORT, portFor, SUBGRAPHS, WEB_PORT } from './services';
import { webOperationNames } from './web-operation-names';

export interface StackOptions {
  /** Repository root (holds subgraphs/, gateway/, web/, schema/). */
  root: string;
  env: NodeJS.ProcessEnv;
  /** Database names are `<prefix>_<subgraph>`. */
  databasePrefix: string;
  /** Seed demo users and the demo patient's record. */
  demo: boolean;
  /** Serve the built web app too. */
  web: boolean;
  /** Where `.data/` lives (embedded PostgreSQL, logs, dev secrets). */
  dataDir: string;
  log: (line: string) => void;
}

export interface RunningStack {
  gatewayUrl: string;
  webUrl: string | null;
  subgraphs: Record<string, { url: string; databaseUrl: string }>;
  redisUrl: string;
  secrets: DevSecrets;
  logDir: string;
  /** Process id of every service this stack started. */
  pids(): Record<string, number>;
  stop(): Promise<void>;
}

/**
 * Each service serves `/metrics` on its own loopback port: its public port + 5000 (gateway 9000,
 * identity 9001, …) when it runs on its usual port, else a free one; `<NAME>_METRICS_PORT` overrides.
 */
function metricsPortFor(name: string, port: number, usualPort: number, env: NodeJS.ProcessEnv): string {
  return String(portFor(`${name}_metrics`, port === usualPort ? usualPort + 5000 : 0, env));
}

/** A demo seed a subgraph may ship as dist/demo-seed.js. */
export interface DemoSeedContext {
  databaseUrl: string;
  gatewayUrl: string;
  demoPassword: string;
  root: string;
  log: (line: string) => void;
}

/**
 * Brings up PostgreSQL and Redis (or finds them), one database per subgraph, every subgraph (each runs its
 * migrations), the gateway and the web app; waits for readiness; seeds demo data when asked.
 */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const { root, env, log } = options;
  const logDir = join(options.dataDir, 'logs');
  await mkdir(logDir, { recursive: true });
  const postgres = await ensurePostgres(join(options.dataDir, 'postgres'), env, log);
  const redis = await ensureRedis(env, log);
  const secrets = await loadDevSecrets(join(options.dataDir, 'dev-secrets.json'), env);
  const processes: ServiceProcess[] = [];
  let stopping = false;
  const onExit = (name: string, code: number | null): void => {
    if (!stopping) log(`${name} exited (code ${code}); see ${join(logDir, `${name}.log`)}`);
  };
  const identityPort = portFor('identity', 4001, env);
  const shared = {
    ...env,
    NODE_ENV: env.NODE_ENV ?? 'development',
    REDIS_URL: redis.url,
    GATEWAY_SECRET: secrets.GATEWAY_SECRET,
    JWKS_URL: env.JWKS_URL ?? `http://127.0.0.1:${identityPort}/.well-known/jwks.json`,
    METRICS_OPERATIONS: env.METRICS_OPERATIONS ?? webOperationNames(root).join(','),
  };

  const stop = async (): Promise<void> => {
    stopping = true;
    for (const service of [...processes].reverse()) await service.stop();
    await redis.stop();
    await postgres.stop();
  };

  try {
    const subgraphs: RunningStack['subgraphs'] = {};
    const subgraphUrls: Record<string, string> = {};
    for (const subgraph of SUBGRAPHS) {
      const port = portFor(subgraph.name, subgraph.port, env);
      const databaseUrl = await ensureDatabase(postgres.url, `${options.databasePrefix}_${subgraph.name}`);
      const service = startServiceProcess(
        subgraph.name,
        process.execPath,
        [join(root, 'subgraphs', subgraph.name, 'dist', 'main.js')],
        {
          ...shared,
          PORT: String(port),
          METRICS_PORT: metricsPortFor(subgraph.name, port, subgraph.port, env),
          DATABASE_URL: databaseUrl,
          KEY_ENCRYPTION_SECRET: secrets.KEY_ENCRYPTION_SECRET,
        },
        join(logDir, `${subgraph.name}.log`),
        onExit,
      );
      processes.push(service);
      subgraphs[subgraph.name] = { url: `http://127.0.0.1:${port}/graphql`, databaseUrl };
      subgraphUrls[`SUBGRAPH_${subgraph.name.toUpperCase()}_URL`] = `http://127.0.0.1:${port}/graphql`;
    }
    await Promise.all(
      SUBGRAPHS.map((subgraph, index) =>
        waitForReady(
          `http://127.0.0.1:${portFor(subgraph.name, subgraph.port, env)}/ready`,
          60_000,
          () => processes[index]?.child.exitCode === null,
        ),
      ),
    );
    const gatewayPort = portFor('gateway', GATEWAY_PORT, env);
    const gateway = startServiceProcess(
      'gateway',
      process.execPath,
      [join(root, 'gateway', 'dist', 'main.js')],
      {
        ...shared,
        ...subgraphUrls,
        PORT: String(gatewayPort),
        METRICS_PORT: metricsPortFor('gateway', gatewayPort, GATEWAY_PORT, env),
        SUPERGRAPH_PATH: join(root, 'schema', 'supergraph.graphql'),
      },
      join(logDir, 'gateway.log'),
      onExit,
    );
    processes.push(gateway);
    await waitForReady(
      `http://127.0.0.1:${gatewayPort}/ready`,
      60_000,
      () => gateway.child.exitCode === null,
    );
    const gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;

    if (options.demo) {
      const demoPassword = env.DEMO_PASSWORD ?? 'holovitals-demo';
      for (const subgraph of SUBGRAPHS) {
        const seedModule = join(root, 'subgraphs', subgraph.name, 'dist', 'demo-seed.js');
        if (!existsSync(seedModule)) continue;
        const { seedDemo } = (await import(seedModule)) as {
          seedDemo: (context: DemoSeedContext) => Promise<void>;
        };
        const databaseUrl = subgraphs[subgraph.name]?.databaseUrl ?? '';
        await seedDemo({ databaseUrl, gatewayUrl, demoPassword, root, log });
      }
    }

    let webUrl: string | null = null;
    if (
      options.web &&
      existsSync(join(root, 'web', '.next', 'BUILD_ID')) &&
      existsSync(join(root, 'web', 'dist', 'web-server.js'))
    ) {
      const webPort = portFor('web', WEB_PORT, env);
      const web = startServiceProcess(
        'web',
        process.execPath,
        // The web app's own server, not `next start`: it hands the sign-in routes the socket's address.
        [join(root, 'web', 'dist', 'web-server.js')],
        { ...env, NODE_ENV: 'production', GATEWAY_URL: gatewayUrl, HOST: '127.0.0.1', PORT: String(webPort) },
        join(logDir, 'web.log'),
        onExit,
      );
      processes.push(web);
      webUrl = `http://127.0.0.1:${webPort}`;
      await waitForReady(webUrl, 60_000, () => web.child.exitCode === null);
    }
    const pids = (): Record<string, number> =>
      Object.fromEntries(
        processes.flatMap((service) => (service.child.pid ? [[service.name, service.child.pid]] : [])),
      );
    return { gatewayUrl, webUrl, subgraphs, redisUrl: redis.url, secrets, logDir, pids, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
