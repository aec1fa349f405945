import { LocalBlobStore } from '@holovitals/blob-store';
import { QueueProducer, type RunningWorker } from '@holovitals/worker-runtime';
import type { Condition } from '@medplum/fhirtypes';
import { Operator } from '@medplum/core';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openClientState } from '../src/connections/connection-state';
import { enqueueDueSyncs } from '../src/sync/sync-schedule';
import { type FaultProxy, startFaultProxy } from './fault-proxy';
import {
  addDemoHospital,
  connectDemoPatient,
  type EhrTestStack,
  startEhrTestStack,
  finishedRun,
  startSyncWorker,
} from './ehr-test-stack';

interface Run {
  id: string;
  mode: string;
  fetchMethod: string;
  status: string;
  resourceCount: number;
  httpRequests: number;
  errors: string[];
  counts: { resourceType: string; fetched: number }[];
}

const RUN_FIELDS =
  'id mode fetchMethod status resourceCount httpRequests errors counts { resourceType fetched }';

let proxy: FaultProxy;
let stack: EhrTestStack;
let worker: RunningWorker;
let blobDir: string;
let token: string;
let connectionId: string;

beforeAll(async () => {
  proxy = await startFaultProxy();
  stack = await startEhrTestStack({ proxy });
  blobDir = await mkdtemp(join(tmpdir(), 'ehr-sync-'));
  worker = await startSyncWorker(stack, blobDir, {
    EHR_SYNC_RETRY_BASE_MS: '10',
    EHR_SYNC_RETRY_MAX_MS: '200',
    EHR_SYNC_PAGE_SIZE: '20',
    // Demo Hospital advertises Bulk Data; this suite covers the per-type search path (ehr-bulk-sync covers bulk).
    EHR_BULK_EXPORT: 'false',
  });
  token = await stack.patientToken();
  const providerId = await addDemoHospital(stack, token);
  connectionId = await connectDemoPatient(stack, token, providerId);
  // The hospital stamped its records as it loaded them, moments ago. A run's cursor is the hospital's whole-second
  // clock at its start less a second of margin, so a full sync within two seconds of the load would see every
  // record again on the next incremental run.
  await sleep(2100);
});

afterAll(async () => {
  await worker.stop();
  await stack.stop();
  await proxy.stop();
  await rm(blobDir, { recursive: true, force: true });
});

async function syncNow(): Promise<Run> {
  const started = await stack.sg.graphql<{ syncEhr: Run }>(
    `mutation S($id: ID!) { syncEhr(connectionId: $id) { ${RUN_FIELDS} } }`,
    { id: connectionId },
    { token },
  );
  if (!started.body.data) throw new Error(JSON.stringify(started.body.errors));
  return started.body.data.syncEhr;
}

const finished = (runId: string): Promise<Run> =>
  finishedRun<Run>(stack, token, connectionId, runId, RUN_FIELDS);

async function hospitalCount(resourceType: 'Condition' | 'Observation'): Promise<number> {
  const patient = stack.hospital.store.patients[0]?.id ?? '';
  const found = await stack.hospital.store.repository.search({
    resourceType,
    filters: [{ code: 'patient', operator: Operator.EQUALS, value: `Patient/${patient}` }],
    count: 0,
    total: 'accurate',
  });
  return found.total ?? 0;
}

const outboxEvents = () =>
  stack.sg.dataSource.query<{ payload: { syncRunId: string; bundleRef: string; resourceCount: number } }[]>(
    `SELECT payload FROM event_outbox WHERE type = 'ehr.sync.completed' ORDER BY position`,
  );

describe('ehr sync worker against Demo Hospital', () => {
  it('runs a full sync into the blob store, hands it on as ehr.sync.completed, deduplicating a second request', async () => {
    const first = await syncNow();
    const again = await syncNow();
    expect(again.id).toBe(first.id);
    expect(first.mode).toBe('FULL');

    const run = await finished(first.id);
    expect(run).toMatchObject({ status: 'FETCHED', fetchMethod: 'SEARCH' });
    const fetched = Object.fromEntries(run.counts.map((count) => [count.resourceType, count.fetched]));
    expect(fetched['Patient']).toBe(1);
    expect(fetched['Condition']).toBe(await hospitalCount('Condition'));
    expect(fetched['Observation']).toBe(await hospitalCount('Observation'));
    // Observation pages of 20 need several requests: paging followed link[next].
    expect(run.httpRequests).toBeGreaterThan(20);

    const events = await outboxEvents();
    expect(events.map((event) => event.payload.syncRunId)).toEqual([run.id]);
    const blob = await new LocalBlobStore(blobDir).get(events[0]?.payload.bundleRef ?? '');
    const lines = (await text(blob.stream)).trim().split('\n');
    expect(lines).toHaveLength(run.resourceCount);
    expect(events[0]?.payload.resourceCount).toBe(run.resourceCount);
  });

  it('fetches only what changed on an incremental sync, and nothing when nothing changed', async () => {
    const patient = stack.hospital.store.patients[0]?.id ?? '';
    const conditions = await stack.hospital.store.repository.search<Condition>({
      resourceType: 'Condition',
      filters: [{ code: 'patient', operator: Operator.EQUALS, value: `Patient/${patient}` }],
      count: 1,
    });
    const condition = conditions.entry?.[0]?.resource as Condition;
    await sleep(1100);
    await stack.hospital.store.repository.updateResource({
      ...condition,
      note: [{ text: 'Edited at the hospital' }],
    });
    // Each run overlaps the previous one by a second (the hospital's clock has whole seconds); let the edit fall
    // outside that overlap so the quiet run below has truly nothing to fetch.
    await sleep(2100);

    const changed = await finished((await syncNow()).id);
    expect(changed).toMatchObject({ mode: 'INCREMENTAL', status: 'FETCHED', resourceCount: 1 });
    expect(changed.counts).toEqual([{ resourceType: 'Condition', fetched: 1 }]);

    const quiet = await finished((await syncNow()).id);
    expect(quiet).toMatchObject({ mode: 'INCREMENTAL', status: 'APPLIED', resourceCount: 0, counts: [] });
    // One request per search (Patient, nine types, nine Observation categories), no paging.
    expect(quiet.httpRequests).toBe(19);
    expect(await outboxEvents()).toHaveLength(2);
  });

  it('enqueues the daily sync of a connection whose slot passed since its last run, and only once', async () => {
    const queue = new QueueProducer({ redisUrl: stack.sg.redisUrl, prefix: stack.env.QUEUE_PREFIX ?? '' });
    const { dataSource } = stack.sg;
    try {
      // The last run and the connection itself two days ago: at least one daily slot has passed since.
      await dataSource.query(`UPDATE ehr_sync_run SET started_at = started_at - interval '2 days'`);
      await dataSource.query(`UPDATE ehr_connection SET created_at = created_at - interval '2 days'`);
      expect(await enqueueDueSyncs(dataSource, queue, new Date())).toBe(1);
      // The scan repeats (or runs on two workers): the run it started counts as the latest start.
      expect(await enqueueDueSyncs(dataSource, queue, new Date())).toBe(0);
      const [scheduled] = (await dataSource.query(
        `SELECT id FROM ehr_sync_run WHERE connection_id = $1 ORDER BY started_at DESC LIMIT 1`,
        [connectionId],
      )) as { id: string }[];
      expect(await finished(scheduled?.id ?? '')).toMatchObject({ mode: 'INCREMENTAL', errors: [] });
    } finally {
      await queue.close();
    }
  });

  it('retries 429 and 503 honouring Retry-After, then succeeds', async () => {
    proxy.clear();
    proxy.inject((path) => path.startsWith('/fhir/Condition'), { status: 429, retryAfter: '0' });
    proxy.inject((path) => path.startsWith('/fhir/Encounter'), { status: 503 }, 2);
    const run = await finished((await syncNow()).id);
    expect(run.status).toBe('APPLIED');
    expect(run.httpRequests).toBe(19 + 3);
  });

  it('fails cleanly on a 500 or broken JSON mid-paging: nothing handed on, and the next run resumes', async () => {
    const cursorBefore = await stack.sg.dataSource.query<{ sync_cursor: Date }[]>(
      'SELECT sync_cursor FROM ehr_connection WHERE id = $1',
      [connectionId],
    );
    for (const fault of [{ status: 500 }, { invalidJson: true as const }]) {
      proxy.clear();
      proxy.inject(
        (path) => path.startsWith('/fhir/Observation') && path.includes('category=laboratory'),
        fault,
        10,
      );
      const failed = await finished((await syncNow()).id);
      expect(failed.status).toBe('FAILED');
      expect(failed.errors[0]).toMatch(/hospital/);
      expect(await outboxEvents()).toHaveLength(2);
    }
    const cursorAfter = await stack.sg.dataSource.query<{ sync_cursor: Date; last_error: string }[]>(
      'SELECT sync_cursor, last_error FROM ehr_connection WHERE id = $1',
      [connectionId],
    );
    expect(cursorAfter[0]?.sync_cursor).toEqual(cursorBefore[0]?.sync_cursor);
    expect(cursorAfter[0]?.last_error).toMatch(/hospital/);
    // Only the blobs of the two runs that handed something on are kept: no partial or failed-run files.
    const kept = (await readdir(join(blobDir, 'ehr-sync', connectionId))).sort();
    expect(kept).toEqual(
      (await outboxEvents()).map((event) => event.payload.bundleRef.split('/').at(-1)).sort(),
    );

    proxy.clear();
    const resumed = await finished((await syncNow()).id);
    expect(resumed.status).toBe('APPLIED');
  });

  it('refreshes on a 401, and marks the connection NEEDS_REAUTH when the refresh token is refused', async () => {
    const sealed = async () =>
      (
        await stack.sg.dataSource.query<{ sealed_state: string }[]>(
          'SELECT sealed_state FROM ehr_connection WHERE id = $1',
          [connectionId],
        )
      )[0]?.sealed_state ?? '';
    const before = openClientState(stack.cipher, connectionId, await sealed()).tokenResponse;
    stack.hospital.authorization.revoke(before?.access_token ?? '');
    const refreshed = await finished((await syncNow()).id);
    expect(refreshed).toMatchObject({ status: 'APPLIED', errors: [] });
    const after = openClientState(stack.cipher, connectionId, await sealed()).tokenResponse;
    expect(after?.refresh_token).not.toBe(before?.refresh_token);

    stack.hospital.authorization.revoke(after?.access_token ?? '');
    stack.hospital.authorization.revoke(after?.refresh_token ?? '');
    const refused = await finished((await syncNow()).id);
    expect(refused.status).toBe('FAILED');
    const connections = await stack.sg.graphql<{ ehrConnections: { status: string; lastError: string }[] }>(
      '{ ehrConnections { status lastError } }',
      {},
      { token },
    );
    expect(connections.body.data?.ehrConnections[0]?.status).toBe('NEEDS_REAUTH');
    expect(connections.body.data?.ehrConnections[0]?.lastError).toMatch(/renew access|no longer accepts/);
    const blocked = await stack.sg.graphql(
      'mutation S($id: ID!) { syncEhr(connectionId: $id) { id } }',
      { id: connectionId },
      { token },
    );
    expect(blocked.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'NEEDS_REAUTH',
    });
  });
});
