import 'reflect-metadata';
import { createChangePublisher } from '@holovitals/live-changes';
import { closeDatabase, initDatabase } from '@holovitals/subgraph-kit';
import { createTestDatabase } from '@holovitals/testing';
import { QueueProducer, runWorker } from '@holovitals/worker-runtime';
import { Redis } from 'ioredis';
import pino from 'pino';
import { randomBytes, randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import { z } from 'zod';
import { createAnalysisWorker } from '../src/analysis-worker';
import { analysisSharedConfig } from '../src/config';
import { contextCipher } from '../src/context/context-cipher';
import { analysisEntities, analysisMigrations } from '../src/database-schema';
import {
  AnalysisPriority,
  AnalysisTaskStatus,
  AnalysisTaskType,
  AnalyzerKind,
} from '../src/entities/analysis-enums';
import { AnalysisTaskEntity } from '../src/entities/analysis-task.entity';
import type { PatientRecord } from '../src/record/patient-record';
import { analysisQueue } from '../src/tasks/analysis-queue';
import { queueAnalysis } from '../src/tasks/task-requests';

// Tasks per second through the real queue (bull on Redis, PostgreSQL, encrypted context, rule analyzer, result,
// analysis.completed in the outbox), two ways in one run:
//   baseline   one task at a time: request, wait until it SUCCEEDED, request the next (worker concurrency 1);
//   queued     every task requested up front, one worker at ANALYSIS_WORKER_CONCURRENCY (default 4).
// Usage: npm run bench:analysis-queue [-- --tasks=400 --baseline-tasks=100 --concurrency=4]
// Needs PostgreSQL (TEST_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/postgres) and Redis (REDIS_URL).

const args = new Map(
  process.argv.slice(2).flatMap((arg) => {
    const match = /^--([a-z-]+)=(\d+)$/.exec(arg);
    return match ? [[match[1]!, Number(match[2])]] : [];
  }),
);
const TASKS = args.get('tasks') ?? 400;
const BASELINE_TASKS = args.get('baseline-tasks') ?? 100;
const CONCURRENCY = args.get('concurrency') ?? 4;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A record of typical size: a few years of vitals and labs, immunizations and procedures. */
function benchRecord(): PatientRecord {
  const observations = Array.from({ length: 90 }, (_, index) => ({
    id: randomUUID(),
    codeSystem: 'http://loinc.org',
    code: ['18262-6', '2093-3', '4548-4', '39156-5', '718-7'][index % 5]!,
    display: 'Result',
    category: 'laboratory',
    value: 100 + (index % 7) * 10,
    unit: ['mg/dL', 'mg/dL', '%', 'kg/m2', 'g/dL'][index % 5]!,
    referenceLow: null,
    referenceHigh: null,
    effectiveAt: new Date(Date.UTC(2015 + (index % 10), index % 12, 1)).toISOString(),
    components: [],
  }));
  return {
    patientId: randomUUID(),
    gender: 'female',
    birthDate: '1970-04-01',
    fetchedAt: new Date().toISOString(),
    observations,
    immunizations: Array.from({ length: 10 }, (_, index) => ({
      id: randomUUID(),
      code: '140',
      display: 'Influenza',
      status: 'completed',
      occurrenceAt: new Date(Date.UTC(2012 + index, 9, 1)).toISOString(),
    })),
    procedures: [
      {
        id: randomUUID(),
        codeSystem: 'http://snomed.info/sct',
        code: '73761001',
        display: 'Colonoscopy',
        status: 'completed',
        performedStart: '2019-02-21T00:00:00Z',
      },
    ],
    conditions: [],
    medications: [],
  };
}

const print = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

async function main(): Promise<void> {
  const database = await createTestDatabase('analysis_bench');
  const env = {
    DATABASE_URL: database.url,
    REDIS_URL,
    QUEUE_PREFIX: `hv-bench-${randomBytes(4).toString('hex')}`,
    KEY_ENCRYPTION_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'error',
    PORT: '0',
    METRICS_PORT: '0',
  };
  const db = await initDatabase(
    { url: database.url, entities: analysisEntities, migrations: analysisMigrations },
    true,
  );
  const config = z.object(analysisSharedConfig).parse(env);
  const producer = new QueueProducer({ redisUrl: REDIS_URL, prefix: env.QUEUE_PREFIX });
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 3 });
  const deps = {
    dataSource: db.dataSource,
    cipher: contextCipher(config),
    producer,
    queue: analysisQueue(config),
    changes: createChangePublisher(redis),
    contextTtlSeconds: 3_600,
    logger: pino({ level: 'warn' }),
  };
  const tasks = db.dataSource.getRepository(AnalysisTaskEntity);
  const request = async (): Promise<string> => {
    const owner = randomUUID();
    const record = benchRecord();
    const task = await queueAnalysis(
      deps,
      { service: 'analysis', principal: { id: owner, roles: ['PATIENT'] }, traceId: null, clientIp: null },
      {
        patientId: record.patientId,
        type: AnalysisTaskType.SUMMARY,
        priority: AnalysisPriority.NORMAL,
        question: null,
        maxCredits: null,
        ownerUserId: owner,
        analyzer: AnalyzerKind.RULES,
      },
      record,
    );
    return task.id;
  };
  const waitFor = async (ids: string[]): Promise<void> => {
    for (;;) {
      const done = await tasks.countBy({ id: In(ids), status: AnalysisTaskStatus.SUCCEEDED });
      if (done === ids.length) return;
      const failed = await tasks.countBy({
        id: In(ids),
        status: In([AnalysisTaskStatus.FAILED, AnalysisTaskStatus.DEAD_LETTERED]),
      });
      if (failed > 0) throw new Error(`${failed} task(s) failed`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };

  try {
    const single = await runWorker(createAnalysisWorker(), { ...env, ANALYSIS_WORKER_CONCURRENCY: '1' });
    const baselineStart = performance.now();
    for (let index = 0; index < BASELINE_TASKS; index += 1) await waitFor([await request()]);
    const baselineSeconds = (performance.now() - baselineStart) / 1000;
    await single.stop();

    const worker = await runWorker(createAnalysisWorker(), {
      ...env,
      ANALYSIS_WORKER_CONCURRENCY: String(CONCURRENCY),
    });
    const queuedStart = performance.now();
    const ids: string[] = [];
    for (let index = 0; index < TASKS; index += 1) ids.push(await request());
    await waitFor(ids);
    const queuedSeconds = (performance.now() - queuedStart) / 1000;
    await worker.stop();

    const baselineRate = BASELINE_TASKS / baselineSeconds;
    const queuedRate = TASKS / queuedSeconds;
    print(`analysis queue, rule analyzer (SUMMARY), ${new Date().toISOString()}`);
    print(
      `baseline  one at a time:            ${BASELINE_TASKS} tasks in ${baselineSeconds.toFixed(2)} s = ${baselineRate.toFixed(1)} tasks/s`,
    );
    print(
      `queued    concurrency ${CONCURRENCY}, all up front: ${TASKS} tasks in ${queuedSeconds.toFixed(2)} s = ${queuedRate.toFixed(1)} tasks/s`,
    );
    print(`ratio     queued / baseline: ${(queuedRate / baselineRate).toFixed(2)}x`);
  } finally {
    await producer.close();
    redis.disconnect();
    await closeDatabase(db);
    await database.drop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
