import type { RunningWorker } from '@holovitals/worker-runtime';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderSyncSlots } from '../src/sync/provider-sync-slots';
import {
  addDemoHospital,
  completeEhrConnection,
  connectEhr,
  decideAtHospital,
  type EhrTestStack,
  startEhrTestStack,
  startSyncWorker,
} from './ehr-test-stack';

let stack: EhrTestStack;
let redis: Redis;
let blobDir: string;
const workers: RunningWorker[] = [];

beforeAll(async () => {
  // Three patients at one hospital; each export takes at least a second, so syncs started together overlap.
  stack = await startEhrTestStack({
    hospitalEnv: { DEMO_HOSPITAL_PATIENTS: '3', DEMO_HOSPITAL_EXPORT_MIN_SECONDS: '1' },
  });
  redis = new Redis(stack.sg.redisUrl);
  blobDir = await mkdtemp(join(tmpdir(), 'ehr-sync-limit-'));
});

afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.stop()));
  redis.disconnect();
  await stack.stop();
  await rm(blobDir, { recursive: true, force: true });
});

describe('provider sync slots (Redis semaphore with leases)', () => {
  const slots = (limit: number, leaseMs: number) =>
    new ProviderSyncSlots(redis, { prefix: `slots-${randomUUID()}`, limit, leaseMs });

  it('gives at most `limit` slots per provider, keeps a holder’s slot, and frees a released one', async () => {
    const semaphore = slots(2, 60_000);
    expect(await semaphore.acquire('provider-a', 'run-1')).toBe(true);
    expect(await semaphore.acquire('provider-a', 'run-2')).toBe(true);
    expect(await semaphore.acquire('provider-a', 'run-3')).toBe(false);
    expect(await semaphore.acquire('provider-b', 'run-4')).toBe(true);
    expect(await semaphore.acquire('provider-a', 'run-1')).toBe(true);
    await semaphore.release('provider-a', 'run-1');
    expect(await semaphore.acquire('provider-a', 'run-3')).toBe(true);
    expect((await semaphore.holders('provider-a')).sort()).toEqual(['run-2', 'run-3']);
  });

  it('frees the slot of a holder whose lease ran out, and refuses that holder’s late renewal', async () => {
    const semaphore = slots(1, 150);
    expect(await semaphore.acquire('provider-a', 'crashed-run')).toBe(true);
    expect(await semaphore.acquire('provider-a', 'waiting-run')).toBe(false);
    await sleep(250);
    expect(await semaphore.acquire('provider-a', 'waiting-run')).toBe(true);
    expect(await semaphore.renew('provider-a', 'crashed-run')).toBe(false);
    expect(await semaphore.holders('provider-a')).toEqual(['waiting-run']);
  });

  it('keeps a slot while work runs past its lease by renewing it, and releases it after', async () => {
    const semaphore = slots(1, 150);
    expect(await semaphore.acquire('provider-a', 'long-run')).toBe(true);
    const during = await semaphore.hold('provider-a', 'long-run', undefined, async (signal) => {
      await sleep(400);
      return { aborted: signal.aborted, holders: await semaphore.holders('provider-a') };
    });
    expect(during).toEqual({ aborted: false, holders: ['long-run'] });
    expect(await semaphore.holders('provider-a')).toEqual([]);
  });
});

describe('per-provider concurrency limit across ehr-worker processes', () => {
  it('runs at most EHR_PROVIDER_SYNC_LIMIT syncs of a provider at once; the others wait QUEUED, then run', async () => {
    for (let i = 0; i < 2; i += 1)
      workers.push(
        await startSyncWorker(stack, blobDir, {
          EHR_BULK_POLL_MS: '50',
          EHR_PROVIDER_SYNC_LIMIT: '2',
          EHR_PROVIDER_SLOT_WAIT_MS: '100',
        }),
      );
    const connections: { token: string; id: string }[] = [];
    let providerId = '';
    for (const patient of stack.hospital.store.patients) {
      const token = await stack.patientToken();
      providerId ||= await addDemoHospital(stack, token);
      const started = (await connectEhr(stack, token, providerId)).body.data?.connectEhr;
      const back = await decideAtHospital(started?.authorizeUrl ?? '', 'allow', patient.id);
      const done = await completeEhrConnection(
        stack,
        token,
        back.searchParams.get('state') ?? '',
        back.searchParams.get('code') ?? '',
      );
      connections.push({ token, id: done.body.data?.completeEhrConnection.id ?? '' });
    }
    expect(connections).toHaveLength(3);

    await Promise.all(
      connections.map((connection) =>
        stack.sg.graphql(
          'mutation S($id: ID!) { syncEhr(connectionId: $id) { id } }',
          { id: connection.id },
          {
            token: connection.token,
          },
        ),
      ),
    );
    let maxRunning = 0;
    let sawWaiting = false;
    for (let i = 0; i < 600; i += 1) {
      const states = await stack.sg.dataSource.query<{ status: string; n: number }[]>(
        `SELECT status, count(*)::int AS n FROM ehr_sync_run GROUP BY status`,
      );
      const count = (status: string) => states.find((state) => state.status === status)?.n ?? 0;
      maxRunning = Math.max(maxRunning, count('RUNNING'));
      if (count('RUNNING') === 2 && count('QUEUED') === 1) sawWaiting = true;
      if (count('QUEUED') + count('RUNNING') === 0) break;
      await sleep(20);
    }
    const runs = await stack.sg.dataSource.query<
      { status: string; errors: string[]; started_at: Date; finished_at: Date }[]
    >(`SELECT status, errors, started_at, finished_at FROM ehr_sync_run ORDER BY started_at`);
    process.stdout.write(
      `limit 2, 3 syncs: max RUNNING seen ${maxRunning}; starts ${runs.map((run) => run.started_at.toISOString()).join(', ')}\n`,
    );
    expect(runs.map((run) => run.status)).toEqual(['FETCHED', 'FETCHED', 'FETCHED']);
    expect(maxRunning).toBeLessThanOrEqual(2);
    expect(sawWaiting).toBe(true);
    // The third run started only once one of the first two had finished (each export takes at least a second).
    const [first, second, third] = runs;
    expect(third?.started_at.getTime()).toBeGreaterThanOrEqual(
      Math.min(first?.finished_at.getTime() ?? 0, second?.finished_at.getTime() ?? 0),
    );
  });
});
