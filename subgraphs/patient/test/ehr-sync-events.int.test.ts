import { LocalBlobStore } from '@holovitals/blob-store';
import type { DomainEvent } from '@holovitals/events';
import { publishTestEvent } from '@holovitals/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT, MY_PATIENT } from './support/graphql-documents';
import { startPatientHarness, type PatientHarness, type TestUser } from './support/patient-harness';

const SOURCE = 'https://hospital.example.org/fhir';

let h: PatientHarness;
let blobDir: string;
let owner: TestUser;

beforeAll(async () => {
  blobDir = await mkdtemp(join(tmpdir(), 'patient-ehr-sync-'));
  // Two resources a chunk, so every run here is imported in several chunks.
  h = await startPatientHarness({ BLOB_STORE_DIR: blobDir, EHR_SYNC_IMPORT_CHUNK: '2' });
  owner = await h.user('PATIENT');
});

afterAll(async () => {
  await h.stop();
  await rm(blobDir, { recursive: true, force: true });
});

const patient = {
  resourceType: 'Patient',
  id: 'hosp-p1',
  name: [{ family: 'Synced', given: ['Sam'] }],
  gender: 'female',
};
const condition = (
  note?: string,
  { status = 'active', lastUpdated = '2026-11-30T10:00:00Z', id = 'hosp-c1', patientId = 'hosp-p1' } = {},
) => ({
  resourceType: 'Condition',
  id,
  meta: { lastUpdated },
  subject: { reference: `Patient/${patientId}` },
  clinicalStatus: {
    coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: status }],
  },
  code: {
    coding: [{ system: 'http://snomed.info/sct', code: '44054006', display: 'Diabetes mellitus type 2' }],
  },
  ...(note ? { note: [{ text: note }] } : {}),
});

async function syncCompleted(
  resources: unknown[],
  {
    user = owner,
    source = SOURCE,
    sourcePatientId,
  }: { user?: TestUser; source?: string; sourcePatientId?: string } = {},
): Promise<string> {
  const syncRunId = randomUUID();
  const key = `ehr-sync/test/${syncRunId}.ndjson`;
  await new LocalBlobStore(blobDir).put(
    key,
    Readable.from(
      resources.map((resource) => `${typeof resource === 'string' ? resource : JSON.stringify(resource)}\n`),
    ),
    { maxBytes: 1_000_000 },
  );
  const event: DomainEvent<'ehr.sync.completed'> = {
    id: randomUUID(),
    type: 'ehr.sync.completed',
    source: 'ehr',
    occurredAt: new Date().toISOString(),
    traceId: null,
    payload: {
      connectionId: randomUUID(),
      syncRunId,
      ownerUserId: user.id,
      sourceSystem: source,
      ...(sourcePatientId ? { sourcePatientId } : {}),
      bundleRef: key,
      resourceCount: resources.length,
    },
  };
  await publishTestEvent(h.sg, event);
  return syncRunId;
}

async function applied(syncRunId: string): Promise<DomainEvent<'ehr.sync.applied'>['payload']> {
  for (let i = 0; i < 200; i += 1) {
    const rows = await h.sg.dataSource.query<{ payload: DomainEvent<'ehr.sync.applied'>['payload'] }[]>(
      `SELECT payload FROM event_outbox WHERE type = 'ehr.sync.applied' AND payload->>'syncRunId' = $1`,
      [syncRunId],
    );
    if (rows[0]) return rows[0].payload;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('no ehr.sync.applied');
}

describe('patient applies ehr.sync.completed', () => {
  it('imports the synced records into the owner’s record (created on first sync), audited, and reports counts per type', async () => {
    const run = await syncCompleted([patient, condition()]);
    const answer = await applied(run);
    expect(answer.errors).toEqual([]);
    expect(answer.counts).toEqual({
      Patient: { created: 1, updated: 0, unchanged: 0, conflicts: 0 },
      Condition: { created: 1, updated: 0, unchanged: 0, conflicts: 0 },
    });
    const record = await h.sg.graphql<{
      myPatient: { id: string; familyName: string; conditions: { nodes: { sourceFhirId: string }[] } };
    }>('{ myPatient { id familyName conditions { nodes { sourceFhirId } } } }', {}, { token: owner.token });
    // A record with no demographics of its own takes the hospital's.
    expect(record.body.data?.myPatient.familyName).toBe('Synced');
    expect(record.body.data?.myPatient.conditions.nodes).toEqual([{ sourceFhirId: 'hosp-c1' }]);
    expect(answer.patientId).toBe(record.body.data?.myPatient.id);
    const stored = await h.sg.dataSource.query<{ source_system: string }[]>(
      `SELECT source_system FROM fhir_resource WHERE fhir_id = 'hosp-c1'`,
    );
    expect(stored[0]?.source_system).toBe(SOURCE);
    expect(await h.audits()).toContainEqual(
      expect.objectContaining({
        action: 'import',
        entityType: 'FhirResource',
        entityIds: [run],
        patientIds: [answer.patientId],
        actorRoles: ['SYSTEM'],
        outcome: 'SUCCESS',
      }),
    );
  });

  it('updates what changed and leaves the rest untouched on the next sync', async () => {
    const changed = await applied(await syncCompleted([condition('Reviewed at the hospital')]));
    expect(changed.counts).toEqual({ Condition: { created: 0, updated: 1, unchanged: 0, conflicts: 0 } });
    const again = await applied(await syncCompleted([patient, condition('Reviewed at the hospital')]));
    expect(again.counts).toEqual({
      Patient: { created: 0, updated: 0, unchanged: 1, conflicts: 0 },
      Condition: { created: 0, updated: 0, unchanged: 1, conflicts: 0 },
    });
  });
});

const OTHER_SOURCE = 'https://other-hospital.example.org/fhir';

interface ConditionRow {
  id: string;
  version: number;
  sourceFhirId: string | null;
  syncedFrom: string | null;
  clinicalStatus: string | null;
}

async function conditions(user: TestUser): Promise<ConditionRow[]> {
  const result = await h.sg.graphql<{ myPatient: { conditions: { nodes: ConditionRow[] } } }>(
    '{ myPatient { conditions(first: 50) { nodes { id version sourceFhirId syncedFrom clinicalStatus } } } }',
    {},
    { token: user.token },
  );
  return result.body.data?.myPatient.conditions.nodes ?? [];
}

interface ConflictRow {
  id: string;
  recordId: string;
  recordType: string;
  syncedFrom: string;
  fhirId: string;
  incomingResource: { clinicalStatus: { coding: { code: string }[] } };
}

async function openConflicts(user: TestUser): Promise<ConflictRow[]> {
  const result = await h.sg.graphql<{ myPatient: { recordConflicts: ConflictRow[] } }>(
    '{ myPatient { recordConflicts { id recordId recordType syncedFrom fhirId incomingResource } } }',
    {},
    { token: user.token },
  );
  return result.body.data?.myPatient.recordConflicts ?? [];
}

const RESOLVE = `mutation R($id: ID!, $keep: ConflictChoice!) {
  resolveRecordConflict(id: $id, keep: $keep) { id resolution resolvedAt }
}`;

async function editStatus(user: TestUser, row: ConditionRow, status: string): Promise<void> {
  const edited = await h.sg.graphql(
    `mutation U($id: ID!, $v: Int!, $input: ConditionInput!) { updateCondition(id: $id, version: $v, input: $input) { id } }`,
    { id: row.id, v: row.version, input: { clinicalStatus: status } },
    { token: user.token },
  );
  expect(edited.body.errors).toBeUndefined();
}

describe('synced record identity and conflicts', () => {
  it('keeps records of two hospitals with the same FHIR id apart', async () => {
    const user = await h.user('PATIENT');
    await applied(await syncCompleted([patient, condition()], { user }));
    const other = await applied(
      await syncCompleted([{ ...patient, id: 'other-p1' }, condition(undefined, { patientId: 'other-p1' })], {
        user,
        source: OTHER_SOURCE,
        sourcePatientId: 'other-p1',
      }),
    );
    expect(other.errors).toEqual([]);
    expect(other.counts.Condition).toEqual({ created: 1, updated: 0, unchanged: 0, conflicts: 0 });
    const rows = await conditions(user);
    expect(rows.map((row) => [row.sourceFhirId, row.syncedFrom]).sort()).toEqual([
      ['hosp-c1', SOURCE],
      ['hosp-c1', OTHER_SOURCE],
    ]);
  });

  it('keeps a deleted synced record deleted on that hospital’s next sync, not another hospital’s', async () => {
    const user = await h.user('PATIENT');
    await applied(await syncCompleted([patient, condition()], { user }));
    const [synced] = await conditions(user);
    const deleted = await h.sg.graphql(
      'mutation D($id: ID!, $v: Int!) { deleteCondition(id: $id, version: $v) }',
      { id: synced!.id, v: synced!.version },
      { token: user.token },
    );
    expect(deleted.body.errors).toBeUndefined();
    const again = await applied(
      await syncCompleted(
        [condition(undefined, { lastUpdated: '2026-12-01T08:00:00Z', status: 'resolved' })],
        {
          user,
        },
      ),
    );
    // Skipped as deleted: not counted, not written.
    expect(again.counts.Condition).toBeUndefined();
    expect(await conditions(user)).toEqual([]);
    const other = await applied(
      await syncCompleted([condition()], { user, source: OTHER_SOURCE, sourcePatientId: 'hosp-p1' }),
    );
    expect(other.counts.Condition?.created).toBe(1);
    expect((await conditions(user)).map((row) => row.syncedFrom)).toEqual([OTHER_SOURCE]);
  });

  it('applies a newer hospital version to an unedited record and ignores an older one', async () => {
    const user = await h.user('PATIENT');
    await applied(await syncCompleted([patient, condition()], { user }));
    const newer = await applied(
      await syncCompleted(
        [condition(undefined, { status: 'resolved', lastUpdated: '2026-12-01T08:00:00Z' })],
        {
          user,
        },
      ),
    );
    expect(newer.counts.Condition).toEqual({ created: 0, updated: 1, unchanged: 0, conflicts: 0 });
    const older = await applied(
      await syncCompleted(
        [condition(undefined, { status: 'recurrence', lastUpdated: '2026-11-29T08:00:00Z' })],
        {
          user,
        },
      ),
    );
    expect(older.counts.Condition).toEqual({ created: 0, updated: 0, unchanged: 1, conflicts: 0 });
    expect((await conditions(user)).map((row) => row.clinicalStatus)).toEqual(['resolved']);
  });

  it('keeps the patient’s edit, flags the hospital’s change as a conflict, and resolves it both ways', async () => {
    const user = await h.user('PATIENT');
    await applied(await syncCompleted([patient, condition()], { user }));
    const [synced] = await conditions(user);
    await editStatus(user, synced!, 'inactive');

    const clash = await applied(
      await syncCompleted(
        [condition(undefined, { status: 'resolved', lastUpdated: '2026-12-01T08:00:00Z' })],
        {
          user,
        },
      ),
    );
    expect(clash.errors).toEqual([]);
    expect(clash.counts.Condition).toEqual({ created: 0, updated: 0, unchanged: 0, conflicts: 1 });
    expect((await conditions(user)).map((row) => row.clinicalStatus)).toEqual(['inactive']);
    const [conflict] = await openConflicts(user);
    expect(conflict).toMatchObject({
      recordId: synced!.id,
      recordType: 'Condition',
      syncedFrom: SOURCE,
      fhirId: 'hosp-c1',
    });
    expect(conflict!.incomingResource.clinicalStatus.coding[0]?.code).toBe('resolved');

    // Someone else cannot resolve it; a malformed id is bad input.
    const stranger = await h.user('PATIENT');
    const refused = await h.sg.graphql(
      RESOLVE,
      { id: conflict!.id, keep: 'THEIRS' },
      { token: stranger.token },
    );
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const malformed = await h.sg.graphql(RESOLVE, { id: 'nope', keep: 'MINE' }, { token: user.token });
    expect(malformed.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const mine = await h.sg.graphql<{ resolveRecordConflict: { resolution: string } }>(
      RESOLVE,
      { id: conflict!.id, keep: 'MINE' },
      { token: user.token },
    );
    expect(mine.body.data?.resolveRecordConflict.resolution).toBe('MINE');
    expect(await openConflicts(user)).toEqual([]);
    expect((await conditions(user)).map((row) => row.clinicalStatus)).toEqual(['inactive']);
    // The version the patient turned down does not come back as a conflict; only a later change does.
    const same = await applied(
      await syncCompleted(
        [condition(undefined, { status: 'resolved', lastUpdated: '2026-12-01T08:00:00Z' })],
        {
          user,
        },
      ),
    );
    expect(same.counts.Condition).toEqual({ created: 0, updated: 0, unchanged: 1, conflicts: 0 });
    const later = await applied(
      await syncCompleted(
        [condition(undefined, { status: 'remission', lastUpdated: '2026-12-01T09:00:00Z' })],
        {
          user,
        },
      ),
    );
    expect(later.counts.Condition?.conflicts).toBe(1);
    const [second] = await openConflicts(user);

    const theirs = await h.sg.graphql<{ resolveRecordConflict: { resolution: string } }>(
      RESOLVE,
      { id: second!.id, keep: 'THEIRS' },
      { token: user.token },
    );
    expect(theirs.body.data?.resolveRecordConflict.resolution).toBe('THEIRS');
    expect((await conditions(user)).map((row) => row.clinicalStatus)).toEqual(['remission']);
    expect(await openConflicts(user)).toEqual([]);
    const again = await h.sg.graphql(RESOLVE, { id: second!.id, keep: 'MINE' }, { token: user.token });
    expect(again.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // The record is the hospital's again: its next change applies without a conflict.
    const next = await applied(
      await syncCompleted([condition(undefined, { status: 'active', lastUpdated: '2026-12-01T10:00:00Z' })], {
        user,
      }),
    );
    expect(next.counts.Condition).toEqual({ created: 0, updated: 1, unchanged: 0, conflicts: 0 });
    const audits = await h.audits();
    for (const id of [conflict!.id, second!.id])
      expect(audits).toContainEqual(
        expect.objectContaining({
          action: 'resolve',
          entityType: 'RecordConflict',
          entityIds: [id],
          outcome: 'SUCCESS',
        }),
      );
  });

  it('applies a sync to a record first imported under another Patient id (the connection’s patient is the owner)', async () => {
    const user = await h.user('PATIENT');
    const own = await h.sg.graphql<{ importFhirBundle: { patientId: string } }>(
      IMPORT,
      {
        bundle: {
          resourceType: 'Bundle',
          type: 'collection',
          entry: [
            { resource: { ...patient, id: 'own-p1', name: [{ family: 'Own', given: ['Sam'] }] } },
            { resource: condition(undefined, { id: 'own-c1', patientId: 'own-p1' }) },
          ],
        },
      },
      { token: user.token },
    );
    expect(own.body.errors).toBeUndefined();
    const answer = await applied(
      await syncCompleted([patient, condition(), condition(undefined, { id: 'hosp-c2' })], {
        user,
        sourcePatientId: 'hosp-p1',
      }),
    );
    expect(answer.errors).toEqual([]);
    expect(answer.counts.Condition).toEqual({ created: 2, updated: 0, unchanged: 0, conflicts: 0 });
    expect((await conditions(user)).map((row) => row.sourceFhirId).sort()).toEqual([
      'hosp-c1',
      'hosp-c2',
      'own-c1',
    ]);
    const me = await h.sg.graphql<{ myPatient: { sourceFhirId: string; familyName: string } }>(
      MY_PATIENT,
      {},
      { token: user.token },
    );
    // The record keeps its own link and demographics; the hospital's copy of the Patient is kept raw.
    expect(me.body.data?.myPatient).toMatchObject({ sourceFhirId: 'own-p1', familyName: 'Own' });
  });

  it('applies nothing of a run with a broken line, even after earlier chunks were imported', async () => {
    const user = await h.user('PATIENT');
    const answer = await applied(
      await syncCompleted(
        [
          patient,
          condition(),
          condition(undefined, { id: 'hosp-c2' }),
          '{not json',
          condition(undefined, { id: 'hosp-c3' }),
        ],
        { user },
      ),
    );
    expect(answer.counts).toEqual({});
    expect(answer.errors).toEqual([expect.stringContaining('Line 4')]);
    expect(await conditions(user)).toEqual([]);
  });
});
