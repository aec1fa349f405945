import { LocalBlobStore } from '@holovitals/blob-store';
import type { RunningWorker } from '@holovitals/worker-runtime';
import { Operator } from '@medplum/core';
import type { Condition } from '@medplum/fhirtypes';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openClientState } from '../src/connections/connection-state';
import { SYNCED_TYPES } from '../src/sync/sync-searches';
import {
  addDemoHospital,
  connectDemoPatient,
  type EhrTestStack,
  startEhrTestStack,
  finishedRun,
  startSyncWorker,
} from './ehr-test-stack';
import { type FaultProxy, startFaultProxy } from './fault-proxy';

interface Run {
  id: string;
  mode: string;
  fetchMethod: string | null;
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
  blobDir = await mkdtemp(join(tmpdir(), 'ehr-bulk-sync-'));
  worker = await startSyncWorker(stack, blobDir, {
    EHR_SYNC_RETRY_BASE_MS: '10',
    EHR_SYNC_RETRY_MAX_MS: '200',
    EHR_BULK_POLL_MS: '50',
  });
  token = await stack.patientToken();
  connectionId = await connectDemoPatient(stack, token, await addDemoHospital(stack, token));
});

afterAll(async () => {
  await worker.stop();
  await stack.stop();
  await proxy.stop();
  await rm(blobDir, { recursive: true, force: true });
});

beforeEach(() => proxy.clear());

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

const patientId = () => stack.hospital.store.patients[0]?.id ?? '';

async function hospitalCount(resourceType: 'Condition' | 'Observation'): Promise<number> {
  const found = await stack.hospital.store.repository.search({
    resourceType,
    filters: [{ code: 'patient', operator: Operator.EQUALS, value: `Patient/${patientId()}` }],
    count: 0,
    total: 'accurate',
  });
  return found.total ?? 0;
}

const outboxEvents = () =>
  stack.sg.dataSource.query<{ payload: { syncRunId: string; bundleRef: string; resourceCount: number } }[]>(
    `SELECT payload FROM event_outbox WHERE type = 'ehr.sync.completed' ORDER BY position`,
  );

const syncCursor = async (): Promise<Date | null> =>
  (
    await stack.sg.dataSource.query<{ sync_cursor: Date | null }[]>(
      'SELECT sync_cursor FROM ehr_connection WHERE id = $1',
      [connectionId],
    )
  )[0]?.sync_cursor ?? null;

/** Edits one of the patient's Conditions at the hospital, so the next incremental run has something to fetch. */
async function editCondition(note: string): Promise<void> {
  const condition = (
    await stack.hospital.store.repository.search<Condition>({
      resourceType: 'Condition',
      filters: [{ code: 'patient', operator: Operator.EQUALS, value: `Patient/${patientId()}` }],
      count: 1,
    })
  ).entry?.[0]?.resource as Condition;
  await stack.hospital.store.repository.updateResource({ ...condition, note: [{ text: note }] });
}

const kickOffs = () => proxy.requests.filter((request) => request.path.includes('/$export'));
const statusPolls = () =>
  proxy.requests.filter((request) => request.method === 'GET' && request.path.includes('/bulk-status/'));

/** Waits until the worker has polled the export's status once; returns the status path. */
async function firstStatusPoll(): Promise<string> {
  for (let i = 0; i < 200; i += 1) {
    const poll = statusPolls()[0];
    if (poll) return poll.path;
    await sleep(25);
  }
  throw new Error('the worker never polled the export status');
}

describe('ehr sync through FHIR Bulk Data $export against Demo Hospital', () => {
  it('runs a full sync by Patient/$export: every synced type, no _since, NDJSON streamed into one blob', async () => {
    const run = await finished((await syncNow()).id);
    expect(run).toMatchObject({ mode: 'FULL', fetchMethod: 'BULK', status: 'FETCHED', errors: [] });
    const fetched = Object.fromEntries(run.counts.map((count) => [count.resourceType, count.fetched]));
    expect(fetched['Patient']).toBe(1);
    expect(fetched['Condition']).toBe(await hospitalCount('Condition'));
    expect(fetched['Observation']).toBe(await hospitalCount('Observation'));

    const [kickOff] = kickOffs();
    const query = new URL(kickOff?.path ?? '', 'http://x').searchParams;
    expect(query.get('_type')?.split(',').sort()).toEqual([...SYNCED_TYPES].sort());
    expect(query.get('_since')).toBeNull();
    expect(query.get('_outputFormat')).toBe('application/fhir+ndjson');
    // No per-type searches: the files carried everything; the export was deleted at the hospital afterwards.
    expect(proxy.requests.some((request) => /^\/fhir\/(Condition|Observation)\?/.test(request.path))).toBe(
      false,
    );
    expect(proxy.requests.at(-1)?.method).toBe('DELETE');

    const events = await outboxEvents();
    expect(events.map((event) => event.payload.syncRunId)).toEqual([run.id]);
    const blob = await new LocalBlobStore(blobDir).get(events[0]?.payload.bundleRef ?? '');
    const lines = (await text(blob.stream)).trim().split('\n');
    expect(lines).toHaveLength(run.resourceCount);
    expect(new Set(lines.map((line) => (JSON.parse(line) as { id: string }).id)).size).toBe(
      run.resourceCount,
    );
  });

  it('honours Retry-After while the export runs', async () => {
    // The first two status answers say "still running, ask again in 1 s" (whatever the hospital's job is doing).
    const isStatus = (path: string, method: string) => method === 'GET' && path.includes('/bulk-status/');
    proxy.inject(isStatus, { status: 202, retryAfter: '1' }, 2);
    const run = await finished((await syncNow()).id);
    expect(run).toMatchObject({ fetchMethod: 'BULK', errors: [] });
    const polls = statusPolls();
    const gaps = polls.slice(1).map((poll, index) => poll.at - (polls[index]?.at ?? 0));
    process.stdout.write(
      `status polls after Retry-After: 1, 1: ${polls.length}, gaps ${gaps.join(', ')} ms\n`,
    );
    expect(polls.length).toBeGreaterThanOrEqual(3);
    // Lower bounds only (a slower machine only widens them); timers may fire a few ms early.
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(990);
  });

  it('asks with _since = the last transactionTime and picks up an edit; a quiet re-sync hands nothing on', async () => {
    const cursor = await syncCursor();
    await editCondition('Edited at the hospital');

    const changed = await finished((await syncNow()).id);
    expect(changed).toMatchObject({
      mode: 'INCREMENTAL',
      fetchMethod: 'BULK',
      status: 'FETCHED',
      resourceCount: 1,
    });
    expect(changed.counts).toEqual([{ resourceType: 'Condition', fetched: 1 }]);
    const since = new URL(kickOffs()[0]?.path ?? '', 'http://x').searchParams.get('_since');
    expect(since).toBe(cursor?.toISOString());

    proxy.clear();
    const before = (await outboxEvents()).length;
    const quiet = await finished((await syncNow()).id);
    expect(quiet).toMatchObject({ mode: 'INCREMENTAL', status: 'APPLIED', resourceCount: 0, counts: [] });
    // Kick-off, the status polls, and the DELETE that lets the hospital drop the job.
    expect(quiet.httpRequests).toBe(1 + statusPolls().length + 1);
    expect(await outboxEvents()).toHaveLength(before);
  });

  it('fails the run cleanly when the hospital cancels the export, and the next run resumes', async () => {
    const cursor = await syncCursor();
    const events = (await outboxEvents()).length;
    // The worker is told "still running" until the hospital has cancelled the job, so the cancel lands mid-export.
    let cancelledAtHospital = false;
    proxy.inject(
      (path, method) => !cancelledAtHospital && method === 'GET' && path.includes('/bulk-status/'),
      { status: 202, retryAfter: '1' },
      10_000,
    );
    const started = await syncNow();
    const statusPath = await firstStatusPoll();
    const sealed = (
      await stack.sg.dataSource.query<{ sealed_state: string }[]>(
        'SELECT sealed_state FROM ehr_connection WHERE id = $1',
        [connectionId],
      )
    )[0]?.sealed_state;
    const accessToken = openClientState(stack.cipher, connectionId, sealed ?? '').tokenResponse?.access_token;
    const cancelled = await fetch(`${proxy.origin}${statusPath}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${accessToken ?? ''}` },
    });
    cancelledAtHospital = true;
    expect(cancelled.status).toBe(202);

    const failed = await finished(started.id);
    expect(failed).toMatchObject({ fetchMethod: 'BULK', status: 'FAILED' });
    expect(failed.errors[0]).toMatch(/cancelled or dropped the export/);
    expect(await outboxEvents()).toHaveLength(events);
    expect(await syncCursor()).toEqual(cursor);

    const resumed = await finished((await syncNow()).id);
    expect(resumed).toMatchObject({ mode: 'INCREMENTAL', status: 'APPLIED', errors: [] });
  });

  it('fails the run on a failed export, a kick-off server error or an expired file; retries a transient status error', async () => {
    const cursor = await syncCursor();
    const events = (await outboxEvents()).length;
    const cases: { match: (path: string, method: string) => boolean; status: number; error: RegExp }[] = [
      {
        match: (path, method) => method === 'GET' && path.includes('/bulk-status/'),
        status: 500,
        error: /export failed \(500\)/,
      },
      // A server error at kick-off is no refusal of the operation: the run fails rather than searching.
      { match: (path) => path.includes('/$export'), status: 500, error: /refused the export \(500\)/ },
      { match: (path) => path.includes('/bulk-files/'), status: 404, error: /export file expired/ },
    ];
    for (const fault of cases) {
      proxy.clear();
      proxy.inject(fault.match, { status: fault.status, issueCode: 'exception' });
      // The edit gives the incremental export a file to download.
      await editCondition(String(fault.error));
      const failed = await finished((await syncNow()).id);
      expect(failed.status).toBe('FAILED');
      expect(failed.errors[0]).toMatch(fault.error);
    }
    expect(await outboxEvents()).toHaveLength(events);
    expect(await syncCursor()).toEqual(cursor);

    proxy.clear();
    proxy.inject((path, method) => method === 'GET' && path.includes('/bulk-status/'), { status: 500 });
    const recovered = await finished((await syncNow()).id);
    expect(recovered).toMatchObject({ status: 'FETCHED', errors: [], resourceCount: 1 });
  });

  it('searches within the same run when the hospital refuses the kick-off, and tries Bulk Data again next time', async () => {
    for (const status of [403, 404, 501]) {
      proxy.clear();
      const events = (await outboxEvents()).length;
      const cursor = await syncCursor();
      proxy.inject((path) => path.includes('/$export'), { status, issueCode: 'not-supported' });
      await editCondition(`Edited while $export answers ${status}`);
      const run = await finished((await syncNow()).id);
      expect(run).toMatchObject({ mode: 'INCREMENTAL', fetchMethod: 'SEARCH', status: 'FETCHED' });
      expect(run.errors).toHaveLength(1);
      expect(run.errors[0]).toMatch(new RegExp(`refused the export \\(${status}\\).*searches instead`));
      // The search cursor overlaps the previous run by a second, so an earlier edit may come along again.
      expect(run.counts.find((count) => count.resourceType === 'Condition')?.fetched).toBeGreaterThanOrEqual(
        1,
      );
      expect(kickOffs()).toHaveLength(1);
      expect(statusPolls()).toHaveLength(0);
      expect(proxy.seen.some((path) => path.includes('/Condition?'))).toBe(true);
      const handedOn = await outboxEvents();
      expect(handedOn).toHaveLength(events + 1);
      expect(handedOn.at(-1)?.payload).toMatchObject({ syncRunId: run.id, resourceCount: run.resourceCount });
      expect(await syncCursor()).not.toEqual(cursor);
    }

    proxy.clear();
    const next = await finished((await syncNow()).id);
    expect(next).toMatchObject({ fetchMethod: 'BULK', errors: [] });
    expect(['FETCHED', 'APPLIED']).toContain(next.status);
  });

  it('uses per-type searches for a provider that does not advertise Bulk Data', async () => {
    await stack.sg.dataSource.query(`UPDATE ehr_provider SET "bulkExport" = false`);
    try {
      const run = await finished((await syncNow()).id);
      expect(run).toMatchObject({ fetchMethod: 'SEARCH', status: 'APPLIED', errors: [] });
      expect(kickOffs()).toHaveLength(0);
    } finally {
      await stack.sg.dataSource.query(`UPDATE ehr_provider SET "bulkExport" = true`);
    }
  });
});
