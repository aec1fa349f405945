import type { RunningWorker } from '@holovitals/worker-runtime';
import { runWorker } from '@holovitals/worker-runtime';
import { Redis } from 'ioredis';
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complianceWorker } from '../src/compliance-worker';
import { eventually, startComplianceHarness, type ComplianceHarness } from './support/compliance-harness';

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `hv-test-${randomBytes(4).toString('hex')}`;
let h: ComplianceHarness;
const workers: RunningWorker[] = [];
const checkpointKey = generateKeyPairSync('ed25519')
  .privateKey.export({ format: 'pem', type: 'pkcs8' })
  .toString();

function start(): Promise<RunningWorker> {
  return runWorker(complianceWorker, {
    DATABASE_URL: (h.sg.dataSource.options as { url: string }).url,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    PORT: '0',
    METRICS_PORT: '0',
    LOG_LEVEL: 'silent',
    RIGHTS_DEADLINE_SCAN_EVERY_MS: '1000',
    AUDIT_CHECKPOINT_SIGNING_KEY: checkpointKey,
    AUDIT_CHECKPOINT_EVERY_MS: '1000',
  }).then((worker) => {
    workers.push(worker);
    return worker;
  });
}

async function notices(): Promise<Array<Record<string, unknown>>> {
  const rows: Array<{ payload: Record<string, unknown> }> = await h.sg.dataSource.query(
    `SELECT payload FROM event_outbox WHERE type = 'rights.request.deadline.approaching'`,
  );
  return rows.map((row) => row.payload);
}

beforeAll(async () => {
  h = await startComplianceHarness({ EVENTS_ENABLED: 'false' });
});

afterAll(async () => {
  for (const worker of workers) await worker.stop();
  await h.stop();
  const redis = new Redis(redisUrl);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

describe('compliance-worker', () => {
  it('scans rights request deadlines on its schedule, one schedule however many workers run', async () => {
    const requester = randomUUID();
    const [overdue] = (await h.sg.dataSource.query(
      `INSERT INTO rights_request (requester_user_id, kind, details, status, due_at)
       VALUES ($1, 'ACCESS', 'A copy, please.', 'OPEN', now() - interval '1 day') RETURNING id`,
      [requester],
    )) as Array<{ id: string }>;
    const first = await start();
    await start();

    const sent = await eventually(notices, (list) => list.length > 0);
    expect(sent).toEqual([
      expect.objectContaining({ requestId: overdue!.id, requesterUserId: requester, stage: 'OVERDUE' }),
    ]);
    await sleep(2_500);
    expect(await notices()).toHaveLength(1);

    const health = await fetch(`http://127.0.0.1:${first.port}/ready`);
    expect(health.status).toBe(200);
    const redis = new Redis(redisUrl);
    const repeatable = await redis.zcard(`${prefix}:compliance.rights-deadlines:repeat`);
    redis.disconnect();
    expect(repeatable).toBe(1);
  });

  it('signs the audit chain head on its schedule', async () => {
    const checkpoints = await eventually(
      () => h.sg.dataSource.query('SELECT up_to_seq, key_id FROM audit_checkpoint') as Promise<unknown[]>,
      (rows) => rows.length > 0,
    );
    expect(checkpoints).toEqual([{ up_to_seq: '0', key_id: expect.stringMatching(/^[0-9a-f]{16}$/) }]);
  });
});
