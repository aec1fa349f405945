import { parseChangeMessage, subscriptionChannel, type ChangeMessage } from '@holovitals/live-changes';
import type { RunningWorker } from '@holovitals/worker-runtime';
import { Redis } from 'ioredis';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDemoHospital,
  connectDemoPatient,
  type EhrTestStack,
  startEhrTestStack,
  startSyncWorker,
} from './ehr-test-stack';

let stack: EhrTestStack;
let worker: RunningWorker;
let listener: Redis;
let blobDir: string;
let token: string;
let connectionId: string;
const messages: ChangeMessage[] = [];

beforeAll(async () => {
  stack = await startEhrTestStack();
  blobDir = await mkdtemp(join(tmpdir(), 'ehr-progress-'));
  worker = await startSyncWorker(stack, blobDir, {
    EHR_SYNC_PAGE_SIZE: '20',
  });
  token = await stack.patientToken();
  connectionId = await connectDemoPatient(stack, token, await addDemoHospital(stack, token));
  // What the gateway's live server listens to for `ehrSyncProgress(connectionId)`.
  listener = new Redis(stack.sg.redisUrl);
  listener.on('message', (_channel: string, raw: string) => {
    const message = parseChangeMessage(JSON.parse(raw));
    if (message) messages.push(message);
  });
  await listener.subscribe(subscriptionChannel('ehrSyncProgress', { connectionId }));
});

afterAll(async () => {
  listener.disconnect();
  await worker.stop();
  await stack.stop();
  await rm(blobDir, { recursive: true, force: true });
});

const LATEST = `query C($id: ID!) {
  ehrConnection(id: $id) { id latestSync { id status currentResourceType resourceCount counts { resourceType fetched } } }
}`;

interface Latest {
  ehrConnection: {
    latestSync: {
      id: string;
      status: string;
      currentResourceType: string | null;
      resourceCount: number;
      counts: { resourceType: string; fetched: number }[];
    } | null;
  };
}

describe('ehrSyncProgress', () => {
  it('publishes each step of a sync for the connection (queued, each resource type fetched, fetched), readable through ehrConnection', async () => {
    const started = await stack.sg.graphql<{ syncEhr: { id: string } }>(
      `mutation S($id: ID!) { syncEhr(connectionId: $id) { id } }`,
      { id: connectionId },
      { token },
    );
    const runId = started.body.data?.syncEhr.id;
    expect(runId).toBeDefined();
    for (let i = 0; i < 300 && !messages.some((m) => m.changed.includes('FETCHED')); i += 1) await sleep(100);

    expect(messages.every((m) => m.typename === 'EhrConnection' && m.key.id === connectionId)).toBe(true);
    const phases = messages.map((m) => m.changed[0]);
    expect(phases[0]).toBe('QUEUED');
    expect(phases.at(-1)).toBe('FETCHED');
    const fetchedTypes = new Set(messages.filter((m) => m.changed[0] === 'RUNNING').map((m) => m.changed[1]));
    expect(fetchedTypes).toContain('Condition');
    expect(fetchedTypes).toContain('Observation');

    const latest = await stack.sg.graphql<Latest>(LATEST, { id: connectionId }, { token });
    const run = latest.body.data?.ehrConnection.latestSync;
    expect(run).toMatchObject({ id: runId, status: 'FETCHED', currentResourceType: null });
    expect(run?.counts.find((c) => c.resourceType === 'Condition')?.fetched).toBeGreaterThan(0);
  });

  it('answers NOT_FOUND for another user’s connection', async () => {
    const stranger = await stack.patientToken();
    const other = await stack.sg.graphql(LATEST, { id: connectionId }, { token: stranger });
    expect(other.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
