import { LocalBlobStore } from '@holovitals/blob-store';
import type { DomainEvent } from '@holovitals/events';
import { publishTestEvent } from '@holovitals/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPatientHarness, type PatientHarness, type TestUser } from './support/patient-harness';

const SOURCE = 'https://hospital.example.org/fhir';

let h: PatientHarness;
let blobDir: string;
let owner: TestUser;

beforeAll(async () => {
  blobDir = await mkdtemp(join(tmpdir(), 'patient-ehr-sync-'));
  h = await startPatientHarness({ BLOB_STORE_DIR: blobDir });
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
const condition = (note?: string) => ({
  resourceType: 'Condition',
  id: 'hosp-c1',
  meta: { lastUpdated: '2026-11-30T10:00:00Z' },
  subject: { reference: 'Patient/hosp-p1' },
  clinicalStatus: {
    coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }],
  },
  code: {
    coding: [{ system: 'http://snomed.info/sct', code: '44054006', display: 'Diabetes mellitus type 2' }],
  },
  ...(note ? { note: [{ text: note }] } : {}),
});

async function syncCompleted(resources: unknown[]): Promise<string> {
  const syncRunId = randomUUID();
  const key = `ehr-sync/test/${syncRunId}.ndjson`;
  await new LocalBlobStore(blobDir).put(
    key,
    Readable.from(resources.map((resource) => `${JSON.stringify(resource)}\n`)),
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
      ownerUserId: owner.id,
      sourceSystem: SOURCE,
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
      myPatient: { id: string; conditions: { nodes: { sourceFhirId: string }[] } };
    }>('{ myPatient { id conditions { nodes { sourceFhirId } } } }', {}, { token: owner.token });
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
