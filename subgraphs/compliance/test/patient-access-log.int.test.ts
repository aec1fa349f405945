import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEvents } from '../src/audit/audit-append';
import { startComplianceHarness, type ComplianceHarness } from './support/compliance-harness';

const ENTITIES = `query AccessLogs($representations: [_Any!]!, $first: Int) {
  _entities(representations: $representations) {
    ... on Patient { id accessLog(first: $first) { actorId actorRoles action entityType outcome } }
  }
}`;

interface PatientLog {
  id: string;
  accessLog: Array<{ actorId: string; action: string }> | null;
}
interface Result {
  _entities: PatientLog[];
}

let h: ComplianceHarness;
const owners = Array.from({ length: 60 }, () => randomUUID());
const patients = owners.map(() => randomUUID());
const clinician = randomUUID();

const representations = (ids: string[]) => ids.map((id) => ({ __typename: 'Patient', id }));

beforeAll(async () => {
  // No relay or consumers: their polling would run statements on the same counter.
  h = await startComplianceHarness({ EVENTS_ENABLED: 'false' });
  await h.sg.dataSource.query(
    'INSERT INTO patient_owner (patient_id, owner_user_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])',
    [patients, owners],
  );
  await h.sg.dataSource.transaction((manager) =>
    appendAuditEvents(
      manager,
      patients.flatMap((patientId, index) =>
        [clinician, owners[index]!, clinician].map((actorId, n) => ({
          id: randomUUID(),
          type: 'audit.recorded' as const,
          source: 'patient',
          occurredAt: new Date().toISOString(),
          traceId: null,
          payload: {
            actorId,
            actorRoles: actorId === clinician ? ['CLINICIAN'] : ['PATIENT'],
            action: n === 2 ? 'update' : 'read',
            entityType: 'Condition',
            entityIds: [randomUUID()],
            patientIds: [patientId],
            outcome: 'SUCCESS' as const,
            traceId: null,
            clientIp: null,
            service: 'patient',
            onBehalfOf: null,
            consentId: null,
          },
        })),
      ),
    ),
  );
});

afterAll(() => h.stop());

describe('Patient.accessLog', () => {
  it('shows the patient who else accessed their record, newest first, without their own accesses', async () => {
    const response = await h.sg.graphql<Result>(
      ENTITIES,
      { representations: representations([patients[0]!]) },
      { token: await h.token('PATIENT', owners[0]) },
    );
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data!._entities[0]!.accessLog).toEqual([
      {
        actorId: clinician,
        actorRoles: ['CLINICIAN'],
        action: 'update',
        entityType: 'Condition',
        outcome: 'SUCCESS',
      },
      {
        actorId: clinician,
        actorRoles: ['CLINICIAN'],
        action: 'read',
        entityType: 'Condition',
        outcome: 'SUCCESS',
      },
    ]);
  });

  it('refuses another patient’s and a clinician’s request with FORBIDDEN, per patient', async () => {
    for (const token of [await h.token('PATIENT', owners[1]), await h.token('CLINICIAN', clinician)]) {
      const response = await h.sg.graphql<Result>(
        ENTITIES,
        { representations: representations([patients[0]!]) },
        { token },
      );
      expect(response.body.data!._entities[0]!.accessLog).toBeNull();
      expect(response.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const mixed = await h.sg.graphql<Result>(
      ENTITIES,
      { representations: representations([patients[1]!, patients[2]!]) },
      { token: await h.token('PATIENT', owners[1]) },
    );
    expect(mixed.body.data!._entities[0]!.accessLog).toHaveLength(2);
    expect(mixed.body.data!._entities[1]!.accessLog).toBeNull();
    expect(mixed.body.errors).toHaveLength(1);
    const unknown = await h.sg.graphql<Result>(
      ENTITIES,
      { representations: representations([randomUUID()]) },
      { token: await h.token('ADMIN') },
    );
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('audits each read, naming the patients whose log was read', async () => {
    const owner = owners[3]!;
    await h.sg.graphql(
      ENTITIES,
      { representations: representations([patients[3]!]) },
      { token: await h.token('PATIENT', owner) },
    );
    const audits: Array<{ payload: { actorId: string; patientIds: string[] } }> = await h.sg.dataSource.query(
      `SELECT payload FROM event_outbox WHERE type = 'audit.recorded' AND payload->>'entityType' = 'AccessLog'
         AND payload->>'actorId' = $1`,
      [owner],
    );
    expect(audits.map((row) => row.payload.patientIds)).toEqual([[patients[3]]]);
  });

  it('runs the same number of SQL statements for 5 and 50 patients (ADMIN)', async () => {
    const admin = await h.token('ADMIN');
    const counts: number[] = [];
    for (const size of [5, 50]) {
      const before = h.sg.queryCount();
      const response = await h.sg.graphql<Result>(
        ENTITIES,
        { representations: representations(patients.slice(0, size)), first: 1 },
        { token: admin },
      );
      counts.push(h.sg.queryCount() - before);
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data!._entities).toHaveLength(size);
      expect(response.body.data!._entities.every((patient) => patient.accessLog!.length === 1)).toBe(true);
    }
    expect(counts[1]).toBe(counts[0]);
    expect(counts[0]).toBeLessThan(10);
  });
});
