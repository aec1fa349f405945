import { createChangePublisher } from '@holovitals/live-changes';
import type { Role } from '@holovitals/subgraph-kit';
import { startTestIssuer, startTestSubgraph, type TestIssuer, type TestSubgraph } from '@holovitals/testing';
import { QueueProducer, runWorker, type RunningWorker } from '@holovitals/worker-runtime';
import { Redis } from 'ioredis';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Analyzer } from '../../src/analyzers/analyzer';
import { AnalyzerRegistry } from '../../src/analyzers/analyzer-registry';
import { createAnalysisWorker } from '../../src/analysis-worker';
import { analysisSharedConfig } from '../../src/config';
import { contextCipher } from '../../src/context/context-cipher';
import { AnalysisPriority, AnalysisTaskType, AnalyzerKind } from '../../src/entities/analysis-enums';
import { AnalysisTaskEntity } from '../../src/entities/analysis-task.entity';
import type { PatientRecord } from '../../src/record/patient-record';
import { analysisSubgraph } from '../../src/subgraph';
import { analysisQueue } from '../../src/tasks/analysis-queue';
import { queueAnalysis } from '../../src/tasks/task-requests';
import { z } from 'zod';

export interface AnalysisHarness {
  sg: TestSubgraph;
  env: Record<string, string>;
  producer: QueueProducer;
  queue: ReturnType<typeof analysisQueue>;
  /**
   * Starts a worker over the harness's database and queue with the given analyzers (default: as configured
   * by the env, i.e. rules unless MODEL_BASE_URL is set).
   */
  startWorker(analyzers?: Analyzer[], extraEnv?: Record<string, string>): Promise<RunningWorker>;
  /** Queues a task for `ownerUserId` exactly as requestAnalysis does once it has read the record. */
  queueTask(
    ownerUserId: string,
    priority?: AnalysisPriority,
    type?: AnalysisTaskType,
    options?: QueueOptions,
  ): Promise<AnalysisTaskEntity>;
  task(id: string): Promise<AnalysisTaskEntity>;
  token(role: Role, id: string): Promise<string>;
  stop(): Promise<void>;
}

/** What a queued task is, beyond its owner, priority and type (defaults: RULES, no question, RECORD). */
export interface QueueOptions {
  analyzer?: AnalyzerKind;
  question?: string | null;
  record?: PatientRecord;
}

export const PATIENT_ID = '5a1d3c6e-3f0a-4d8e-9d6a-2f1f1f1f1f1f';

/** A 67-year-old man's record with an old colonoscopy, an old flu shot and a high LDL (dates as in Synthea). */
export const RECORD: PatientRecord = {
  patientId: PATIENT_ID,
  gender: 'male',
  birthDate: '1959-02-23',
  fetchedAt: '2026-12-01T00:00:00.000Z',
  observations: [
    {
      id: 'obs-ldl',
      codeSystem: 'http://loinc.org',
      code: '18262-6',
      display: 'Low Density Lipoprotein Cholesterol',
      category: 'laboratory',
      value: 171.2,
      unit: 'mg/dL',
      referenceLow: null,
      referenceHigh: null,
      effectiveAt: '2020-06-29T14:22:28.000Z',
      components: [],
    },
  ],
  immunizations: [
    {
      id: 'imm-flu',
      code: '140',
      display: 'Influenza',
      status: 'completed',
      occurrenceAt: '2020-06-29T14:22:28.000Z',
    },
  ],
  procedures: [
    {
      id: 'proc-colo',
      codeSystem: 'http://snomed.info/sct',
      code: '73761001',
      display: 'Colonoscopy',
      status: 'completed',
      performedStart: '2011-03-01T00:00:00.000Z',
    },
  ],
  conditions: [],
  medications: [],
};

export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  ms = 30_000,
): Promise<T> {
  const until = Date.now() + ms;
  let value = await read();
  while (!done(value) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

/** The analysis subgraph over a fresh database, its own queue prefix in the test Redis, and workers on demand. */
export async function startAnalysisHarness(extraEnv: Record<string, string> = {}): Promise<AnalysisHarness> {
  const issuer: TestIssuer = await startTestIssuer();
  const env = {
    KEY_ENCRYPTION_SECRET: randomBytes(32).toString('hex'),
    QUEUE_PREFIX: `hv-test-${randomBytes(4).toString('hex')}`,
    ANALYSIS_BACKOFF_MS: '50',
    ANALYSIS_ATTEMPTS: '3',
    LOG_LEVEL: 'silent',
    ...extraEnv,
  };
  const sg = await startTestSubgraph(analysisSubgraph, { issuer, env });
  const config = z.object(analysisSharedConfig).parse(env);
  const producer = new QueueProducer({ redisUrl: sg.redisUrl, prefix: env.QUEUE_PREFIX });
  const queue = analysisQueue(config);
  const redis = new Redis(sg.redisUrl, { maxRetriesPerRequest: 3 });
  const workers: RunningWorker[] = [];
  const databaseUrl = String((sg.dataSource.options as { url: string }).url);
  return {
    sg,
    env,
    producer,
    queue,
    startWorker: async (analyzers, workerEnv = {}) => {
      const worker = await runWorker(
        createAnalysisWorker(analyzers ? () => new AnalyzerRegistry(analyzers) : undefined),
        {
          ...env,
          DATABASE_URL: databaseUrl,
          REDIS_URL: sg.redisUrl,
          PORT: '0',
          METRICS_PORT: '0',
          ...workerEnv,
        },
      );
      workers.push(worker);
      return worker;
    },
    queueTask: (
      ownerUserId,
      priority = AnalysisPriority.NORMAL,
      type = AnalysisTaskType.CARE_GAPS,
      options: QueueOptions = {},
    ) =>
      queueAnalysis(
        {
          dataSource: sg.dataSource,
          cipher: contextCipher(config),
          producer,
          queue,
          changes: createChangePublisher(redis),
          contextTtlSeconds: 3_600,
          logger: console,
        },
        {
          service: 'analysis',
          principal: { id: ownerUserId, roles: ['PATIENT'] },
          traceId: null,
          clientIp: null,
        },
        {
          patientId: PATIENT_ID,
          type,
          priority,
          question: options.question ?? null,
          maxCredits: null,
          ownerUserId,
          analyzer: options.analyzer ?? AnalyzerKind.RULES,
        },
        options.record ?? RECORD,
      ),
    task: (id) => sg.dataSource.getRepository(AnalysisTaskEntity).findOneByOrFail({ id }),
    token: (role, id) => issuer.token({ sub: id, roles: [role], sid: randomUUID(), emailVerified: true }),
    stop: async () => {
      for (const worker of workers) await worker.stop();
      await producer.close();
      redis.disconnect();
      await sg.stop();
      await issuer.stop();
    },
  };
}

export const newUser = (): string => randomUUID();
