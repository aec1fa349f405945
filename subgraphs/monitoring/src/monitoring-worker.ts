import { commaList, databaseSettings } from '@holovitals/config';
import { createChangePublisher } from '@holovitals/live-changes';
import { SERVICE_REGISTRY } from '@holovitals/service-registry';
import { closeDatabase, initDatabase, type Database } from '@holovitals/subgraph-kit';
import { defineWorker, processQueue } from '@holovitals/worker-runtime';
import { Redis } from 'ioredis';
import { createTransport, type Transporter } from 'nodemailer';
import { z } from 'zod';
import type { NotificationSettings } from './alerts/alert-notifications';
import { runHealthRound } from './health/health-round';
import {
  monitoringTargetSchema,
  registryPortSettings,
  registryTargets,
  type MonitoringTarget,
} from './health/monitoring-targets';
import { scrapeMetrics } from './metrics/metric-scraping';
import { pruneMonitoringData } from './metrics/monitoring-retention';
import { healthRoundQueue, metricsScrapeQueue } from './monitoring-queues';
import { monitoringSubgraph } from './subgraph';

const targetList = z
  .string()
  .transform((text, context) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      context.addIssue({ code: 'custom', message: 'must be a JSON array of targets' });
      return z.NEVER;
    }
  })
  .pipe(z.array(monitoringTargetSchema).min(1));

const days = z.coerce.number().int().min(1).max(3_650);

export const monitoringWorkerConfig = {
  ...databaseSettings,
  ...registryPortSettings(SERVICE_REGISTRY),
  /** Host of every process; `{name}` becomes each registry name (compose, where services are hosts). */
  MONITORING_TARGET_HOST: z.string().min(1).default('127.0.0.1'),
  /** The metrics port of every process when they all use one (compose: 9464); else each `<NAME>_METRICS_PORT` or port + 5000. */
  MONITORING_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** Replaces the registry-derived targets: `[{ name, kind, healthUrl, metricsUrl }]` (tests, other deployments). */
  MONITORING_TARGETS: targetList.optional(),
  /** How often every process is checked; at most 5 s keeps "DOWN within 10 s" with one failed check. */
  HEALTH_POLL_EVERY_MS: z.coerce.number().int().min(500).max(60_000).default(2_000),
  HEALTH_CHECK_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(1_500),
  METRICS_SCRAPE_EVERY_MS: z.coerce.number().int().min(1_000).default(15_000),
  METRICS_SCRAPE_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  /** Metric name prefixes stored; Node's default process metrics are left to Prometheus. */
  METRICS_SCRAPE_PREFIXES: commaList.default([
    'graphql_',
    'gateway_',
    'queue_',
    'http_',
    'events_',
    'audit_',
    'cache_',
    'database_',
    'credential_',
    'process_resident_memory_bytes',
  ]),
  /** Bearer token of the metrics listeners, when they require one (their METRICS_TOKEN). */
  METRICS_SCRAPE_TOKEN: z.string().min(16).optional(),
  /** Signs webhook and Slack notifications (HMAC-SHA256); webhook channels fail with a reason while it is unset. */
  ALERT_WEBHOOK_SECRET: z.string().min(32, 'ALERT_WEBHOOK_SECRET must be at least 32 characters').optional(),
  ALERT_NOTIFY_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  ALERT_NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(10),
  /** The SMTP server identity sends mail through; e-mail channels fail with a reason while it is unset. */
  SMTP_URL: z.string().url().optional(),
  EMAIL_FROM: z.string().default('HoloVitals <no-reply@holovitals.local>'),
  METRICS_RETENTION_DAYS: days.default(14),
  HEALTH_HISTORY_RETENTION_DAYS: days.default(30),
  ERROR_RETENTION_DAYS: days.default(30),
};

export interface MonitoringWorkerServices {
  database: Database;
  redis: Redis;
  mail: Transporter | null;
}

/**
 * monitoring-worker: polls every process of the service registry, scrapes their metrics, evaluates the alert rules
 * and sends notifications, so the monitoring API process stays stateless. Writes monitoring's database only.
 */
export const monitoringWorker = defineWorker({
  name: 'monitoring-worker',
  defaultPort: 4109,
  config: monitoringWorkerConfig,
  services: async ({ config }): Promise<MonitoringWorkerServices> => ({
    database: await initDatabase(
      { url: config.DATABASE_URL, entities: monitoringSubgraph.entities, migrations: [], poolSize: 4 },
      false,
    ),
    redis: new Redis(config.REDIS_URL, { maxRetriesPerRequest: 3 }),
    mail: config.SMTP_URL ? createTransport(config.SMTP_URL) : null,
  }),
  closeServices: async (services) => {
    services.mail?.close();
    services.redis.disconnect();
    await closeDatabase(services.database);
  },
  reportErrorsTo: (services) => ({
    service: monitoringSubgraph.name,
    dataSource: services.database.dataSource,
  }),
  readiness: (services) => ({
    database: async () => (await services.database.dataSource.query('SELECT 1')).length === 1,
  }),
  processors: ({ config, logger }, services) => {
    const targets: MonitoringTarget[] =
      config.MONITORING_TARGETS ??
      registryTargets(SERVICE_REGISTRY, {
        host: config.MONITORING_TARGET_HOST,
        ports: config,
        metricsPort: config.MONITORING_METRICS_PORT,
      });
    const notifications: NotificationSettings = {
      webhookSecret: config.ALERT_WEBHOOK_SECRET ?? null,
      timeoutMs: config.ALERT_NOTIFY_TIMEOUT_MS,
      maxAttempts: config.ALERT_NOTIFY_MAX_ATTEMPTS,
      mail: services.mail ? { transport: services.mail, from: config.EMAIL_FROM } : null,
    };
    const publisher = createChangePublisher(services.redis);
    const dataSource = services.database.dataSource;
    return [
      processQueue({
        queue: healthRoundQueue,
        repeat: { everyMs: config.HEALTH_POLL_EVERY_MS, data: {} },
        process: () =>
          runHealthRound({
            dataSource,
            targets,
            checkTimeoutMs: config.HEALTH_CHECK_TIMEOUT_MS,
            publisher,
            notifications,
            logger,
          }),
      }),
      processQueue({
        queue: metricsScrapeQueue,
        repeat: { everyMs: config.METRICS_SCRAPE_EVERY_MS, data: {} },
        process: async () => {
          const outcomes = await scrapeMetrics(dataSource, targets, {
            keepPrefixes: config.METRICS_SCRAPE_PREFIXES,
            timeoutMs: config.METRICS_SCRAPE_TIMEOUT_MS,
            token: config.METRICS_SCRAPE_TOKEN ?? null,
          });
          await pruneMonitoringData(dataSource, {
            metricsDays: config.METRICS_RETENTION_DAYS,
            historyDays: config.HEALTH_HISTORY_RETENTION_DAYS,
            errorsDays: config.ERROR_RETENTION_DAYS,
          });
          return {
            scraped: outcomes.filter((outcome) => outcome.error === null).length,
            of: outcomes.length,
          };
        },
      }),
    ];
  },
});
