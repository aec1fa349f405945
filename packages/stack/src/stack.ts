import {
  resolvePort,
  SERVICE_REGISTRY,
  servicesOfKind,
  singleService,
  subgraphUrlEnvVar,
  type ServiceEntry,
  type ServiceRegistry,
} from '@holovitals/service-registry';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { eventKeyEnv, eventPublishers, loadDevSecrets, type DevSecrets } from './dev-secrets';
import { ensurePostgres } from './postgres';
import { ensureRedis } from './redis';
import { startRegistryServices, type ServiceLaunch } from './registry-services';
import { loadStackConfig } from './stack-config';
import type { ServiceProcess } from './service-process';
import { webOperationNames } from './web-operation-names';

/** Dollars per 1,000 tokens the demo charges for the local model server: a small hosted model's list prices. */
const DEMO_MODEL_PRICE_INPUT_PER_1K = '0.0025';
const DEMO_MODEL_PRICE_OUTPUT_PER_1K = '0.01';

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
  /** What to run; the service registry unless a test adds or swaps entries. */
  registry?: ServiceRegistry;
  /** How long each service may take to answer its health path (60 s; a benchmark on a loaded machine waits longer). */
  readyTimeoutMs?: number;
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
function metricsPortFor(entry: ServiceEntry, port: number, env: NodeJS.ProcessEnv): string {
  return String(
    resolvePort(
      { ...entry, name: `${entry.name}-metrics`, port: port === entry.port ? entry.port + 5000 : 0 },
      env,
    ),
  );
}

/** A demo seed a subgraph may ship as dist/demo-seed.js. */
export interface DemoSeedContext {
  databaseUrl: string;
  gatewayUrl: string;
  /** Base URLs of the auxiliary local servers by registry name (Demo Hospital's FHIR server). */
  auxiliaryUrls: Record<string, string>;
  demoPassword: string;
  root: string;
  log: (line: string) => void;
}

/**
 * Brings up PostgreSQL and Redis (or finds them), then every process in the service registry: auxiliary
 * servers, subgraphs (each runs its migrations in its own database), workers, the gateway and the web app;
 * waits for each kind to be ready before the next; seeds demo data when asked.
 */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const { root, env, log } = options;
  const config = loadStackConfig(env);
  const registry = options.registry ?? SERVICE_REGISTRY;
  const logDir = join(options.dataDir, 'logs');
  await mkdir(logDir, { recursive: true });
  const postgres = await ensurePostgres(join(options.dataDir, 'postgres'), config, log);
  const secrets = await loadDevSecrets(
    join(options.dataDir, 'dev-secrets.json'),
    config,
    eventPublishers(registry),
  );
  const redis = await ensureRedis(config, secrets.REDIS_PASSWORD, log);
  const processes: ServiceProcess[] = [];
  let stopping = false;
  const onExit = (name: string, code: number | null): void => {
    if (!stopping) log(`${name} exited (code ${code}); see ${join(logDir, `${name}.log`)}`);
  };
  const identity = registry.find((entry) => entry.name === 'identity');
  const jwksUrl =
    config.JWKS_URL ??
    (identity ? `http://127.0.0.1:${resolvePort(identity, env)}/.well-known/jwks.json` : undefined);
  const demoHospital = registry.find((entry) => entry.name === 'demo-hospital');
  const modelServer = registry.find((entry) => entry.name === 'model-server');
  const stripeServer = registry.find((entry) => entry.name === 'stripe-server');
  const gatewayEntry = registry.find((entry) => entry.kind === 'gateway');
  const web = registry.find((entry) => entry.kind === 'web');
  const servesWeb =
    options.web &&
    web !== undefined &&
    existsSync(join(root, 'web', '.next', 'BUILD_ID')) &&
    existsSync(join(root, web.entry));
  const documents = registry.find((entry) => entry.name === 'documents');
  const documentsUrl = documents ? `http://127.0.0.1:${resolvePort(documents, env)}` : null;
  const shared: NodeJS.ProcessEnv = {
    // Confirmation bundles are fetched (with the internal credential) from documents' own address only;
    // browsers reach its signed upload/download URLs through the web app, which forwards /files.
    ...(documentsUrl
      ? {
          DOCUMENTS_INTERNAL_URL: documentsUrl,
          DOCUMENT_BUNDLE_ORIGINS: documentsUrl,
          ...(servesWeb && web ? { DOCUMENTS_PUBLIC_URL: `http://127.0.0.1:${resolvePort(web, env)}` } : {}),
        }
      : {}),
    // The local stand-in hospital may be connected although it listens on loopback; SMART redirects go to the web app.
    ...(demoHospital
      ? { EHR_TRUSTED_FHIR_ORIGINS: `http://127.0.0.1:${resolvePort(demoHospital, env)}` }
      : {}),
    // The local OpenAI-protocol stand-in always runs (for partners' and tests' use) under its key; model
    // clients are pointed at it only when asked (DEMO_MODEL_SERVER) or at a real server by MODEL_BASE_URL.
    ...(modelServer ? { MODEL_SERVER_API_KEY: secrets.MODEL_API_KEY } : {}),
    ...(modelServer && config.DEMO_MODEL_SERVER
      ? {
          MODEL_BASE_URL: `http://127.0.0.1:${resolvePort(modelServer, env)}/v1`,
          MODEL_API_KEY: secrets.MODEL_API_KEY,
          // Priced like a small hosted model, so the demo's AI analyses and chat turns consume credits the way
          // a real deployment's would (the environment's MODEL_PRICE_* still win).
          MODEL_PRICE_INPUT_PER_1K: DEMO_MODEL_PRICE_INPUT_PER_1K,
          MODEL_PRICE_OUTPUT_PER_1K: DEMO_MODEL_PRICE_OUTPUT_PER_1K,
        }
      : {}),
    ...(web
      ? {
          EHR_APP_ORIGIN: `http://127.0.0.1:${resolvePort(web, env)}`,
          BILLING_APP_ORIGIN: `http://127.0.0.1:${resolvePort(web, env)}`,
        }
      : {}),
    // Billing talks to the local Stripe server, which sends its webhooks through the gateway's route.
    ...(stripeServer
      ? {
          STRIPE_API_URL: `http://127.0.0.1:${resolvePort(stripeServer, env)}`,
          STRIPE_SERVER_API_KEY: secrets.STRIPE_SECRET_KEY,
          STRIPE_SERVER_WEBHOOK_SECRET: secrets.STRIPE_WEBHOOK_SECRET,
          ...(gatewayEntry
            ? {
                STRIPE_SERVER_WEBHOOK_URL: `http://127.0.0.1:${resolvePort(gatewayEntry, env)}/webhooks/stripe`,
              }
            : {}),
        }
      : {}),
    STRIPE_SECRET_KEY: secrets.STRIPE_SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: secrets.STRIPE_WEBHOOK_SECRET,
    ALERT_WEBHOOK_SECRET: secrets.ALERT_WEBHOOK_SECRET,
    AUDIT_CHECKPOINT_PUBLIC_KEYS: secrets.AUDIT_CHECKPOINT_KEY.publicKey,
    ...env,
    NODE_ENV: config.NODE_ENV,
    REDIS_URL: redis.url,
    GATEWAY_SECRET: secrets.GATEWAY_SECRET,
    // One blob store for the stack: the ehr worker writes fetched records where patient reads them.
    BLOB_STORE_DIR: env.BLOB_STORE_DIR ?? join(options.dataDir, 'blobs'),
    ...(jwksUrl ? { JWKS_URL: jwksUrl } : {}),
    // The web app's own operation names keep their metric labels; any others share the bounded rest.
    METRICS_OPERATIONS: config.METRICS_OPERATIONS ?? webOperationNames(root).join(','),
  };
  const launch: ServiceLaunch = {
    root,
    env: {
      ...shared,
      KEY_ENCRYPTION_SECRET: secrets.KEY_ENCRYPTION_SECRET,
      BLOB_URL_SIGNING_KEY: secrets.BLOB_URL_SIGNING_KEY,
      // One folder for every process that stores files (a subgraph and its worker read the same files).
      BLOB_STORE_DIR: env.BLOB_STORE_DIR ?? join(options.dataDir, 'blobs'),
    },
    // Subgraphs and their workers sign the events they publish with their subgraph's key, the gateway with its own.
    envFor: (entry, port) => {
      const metrics = { METRICS_PORT: metricsPortFor(entry, port, env) };
      if (entry.kind === 'gateway')
        return { ...metrics, EVENT_SIGNING_KEY: eventKeyEnv(secrets, entry.name).EVENT_SIGNING_KEY };
      if (entry.kind !== 'subgraph' && entry.kind !== 'worker') return metrics;
      const owner = registry.find(
        (candidate) => candidate.kind === 'subgraph' && candidate.package === entry.package,
      );
      // Only the compliance worker signs audit checkpoints; the compliance API verifies with the public key.
      const checkpointSigning =
        entry.kind === 'worker' && owner?.name === 'compliance'
          ? { AUDIT_CHECKPOINT_SIGNING_KEY: secrets.AUDIT_CHECKPOINT_KEY.privateKey }
          : {};
      return { ...metrics, ...checkpointSigning, ...eventKeyEnv(secrets, owner?.name ?? entry.name) };
    },
    portEnv: env,
    postgresUrl: postgres.url,
    databasePrefix: options.databasePrefix,
    logDir,
    readyTimeoutMs: options.readyTimeoutMs ?? 60_000,
    onExit,
  };

  const stop = async (): Promise<void> => {
    stopping = true;
    for (const service of [...processes].reverse()) await service.stop();
    await redis.stop();
    await postgres.stop();
  };

  try {
    // Subgraphs may call auxiliary servers while starting; workers need their subgraph's migrations.
    const auxiliaries = await startRegistryServices(servicesOfKind(registry, 'auxiliary'), launch, processes);
    const auxiliaryUrls = Object.fromEntries(
      auxiliaries.map((service) => [service.entry.name, `http://127.0.0.1:${service.port}`]),
    );
    const subgraphServices = await startRegistryServices(
      servicesOfKind(registry, 'subgraph'),
      launch,
      processes,
    );
    await startRegistryServices(servicesOfKind(registry, 'worker'), launch, processes);
    const subgraphs: RunningStack['subgraphs'] = {};
    const subgraphUrls: Record<string, string> = {};
    for (const service of subgraphServices) {
      const url = `http://127.0.0.1:${service.port}/graphql`;
      subgraphs[service.entry.name] = { url, databaseUrl: service.databaseUrl ?? '' };
      subgraphUrls[subgraphUrlEnvVar(service.entry.name)] = url;
    }

    const [gateway] = await startRegistryServices(
      [singleService(registry, 'gateway')],
      {
        ...launch,
        env: { ...shared, ...subgraphUrls, SUPERGRAPH_PATH: join(root, 'schema', 'supergraph.graphql') },
      },
      processes,
    );
    const gatewayUrl = `http://127.0.0.1:${gateway?.port}/graphql`;

    if (options.demo) {
      const demoPassword = config.DEMO_PASSWORD;
      for (const service of subgraphServices) {
        const seedModule = join(root, dirname(service.entry.entry), 'demo-seed.js');
        if (!existsSync(seedModule)) continue;
        const { seedDemo } = (await import(seedModule)) as {
          seedDemo: (context: DemoSeedContext) => Promise<void>;
        };
        await seedDemo({
          databaseUrl: service.databaseUrl ?? '',
          gatewayUrl,
          auxiliaryUrls,
          demoPassword,
          root,
          log,
        });
      }
    }

    let webUrl: string | null = null;
    const webEntry = singleService(registry, 'web');
    if (servesWeb) {
      const webPort = resolvePort(webEntry, env);
      await startRegistryServices(
        [webEntry],
        {
          ...launch,
          env: {
            ...(documentsUrl ? { DOCUMENTS_URL: documentsUrl } : {}),
            ...env,
            NODE_ENV: 'production',
            GATEWAY_URL: gatewayUrl,
            HOST: '127.0.0.1',
          },
          envFor: () => ({}),
        },
        processes,
      );
      webUrl = `http://127.0.0.1:${webPort}`;
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
