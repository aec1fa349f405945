import { createKeyRing, EnvelopeCipher, keyIdOf, runReEncryptionJob } from '@holovitals/encryption';
import { createTestDatabase, type TestDatabase } from '@holovitals/testing';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineQueue, defineWorker, processQueue, QueueProducer, runWorker } from '../src';
import { redisUrl, removeKeys, uniquePrefix, workerEnv } from './worker-test-queues';

const k1 = { id: 'k1', key: randomBytes(32) };
const k2 = { id: 'k2', key: randomBytes(32) };

const reEncryptQueue = defineQueue({
  name: 'test.re-encrypt',
  payload: z.object({ table: z.literal('ehr_token') }),
  attempts: 3,
  backoffMs: 100,
  timeoutMs: 30_000,
});

describe('re-encryption after a key rotation, as a worker job', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('reencrypt_job');
    dataSource = new DataSource({ type: 'postgres', url: database.url, logging: false });
    await dataSource.initialize();
    await dataSource.query('CREATE TABLE ehr_token (id text PRIMARY KEY, sealed text NOT NULL)');
    const before = new EnvelopeCipher(createKeyRing([k1], 'k1'));
    for (let i = 0; i < 9; i += 1) {
      await dataSource.query('INSERT INTO ehr_token VALUES ($1, $2)', [
        `t${i}`,
        before.encrypt(`token ${i}`, `ehr_token:t${i}`),
      ]);
    }
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('moves every row to the new master key and reports progress up to 100', async () => {
    const prefix = uniquePrefix();
    const cipher = new EnvelopeCipher(createKeyRing([k1, k2], 'k2'));
    const reported: number[] = [];
    const worker = await runWorker(
      defineWorker({
        name: 'keys-worker',
        defaultPort: 0,
        reportErrorsTo: null,
        processors: () => [
          processQueue({
            queue: reEncryptQueue,
            process: (job) =>
              runReEncryptionJob(
                (sql, parameters) => dataSource.query(sql, parameters),
                cipher,
                {
                  table: job.data.table,
                  idColumn: 'id',
                  valueColumn: 'sealed',
                  context: (id) => `ehr_token:${id}`,
                },
                async (percent) => {
                  reported.push(percent);
                  await job.progress(percent);
                },
                4,
              ),
          }),
        ],
      }),
      workerEnv(prefix),
    );
    const producer = new QueueProducer({ redisUrl, prefix });
    try {
      const id = await producer.enqueue(reEncryptQueue, { table: 'ehr_token' }, { jobId: 'rotate-k2' });
      let status = await producer.status(reEncryptQueue, id);
      for (let waited = 0; status?.state !== 'completed' && waited < 10_000; waited += 50) {
        await sleep(50);
        status = await producer.status(reEncryptQueue, id);
      }
      expect(status).toMatchObject({ state: 'completed', progress: 100, result: { reEncrypted: 9 } });
      expect(reported).toEqual([44, 88, 100, 100]);
      const rows = (await dataSource.query('SELECT id, sealed FROM ehr_token ORDER BY id')) as Array<{
        id: string;
        sealed: string;
      }>;
      expect(rows.every((row) => keyIdOf(row.sealed) === 'k2')).toBe(true);
      const onlyK2 = new EnvelopeCipher(createKeyRing([k2], 'k2'));
      expect(onlyK2.decryptString(rows[3]!.sealed, `ehr_token:${rows[3]!.id}`)).toBe('token 3');
    } finally {
      await worker.stop();
      await producer.close();
      await removeKeys(prefix);
    }
  });
});
