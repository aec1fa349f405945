import type { DomainEvent } from '@holovitals/events';
import { publishTestEvent, readDeadLetters } from '@holovitals/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PATIENT } from './support/graphql-documents';
import { startPatientHarness, type PatientHarness, type TestUser } from './support/patient-harness';

const CREATE_MY_PATIENT = `mutation { createMyPatient { id } }`;

let h: PatientHarness;
let owner: TestUser;
let patientId: string;

beforeAll(async () => {
  // The subgraph's own consumer reads its (test-private) streams, exactly as in production.
  h = await startPatientHarness();
  owner = await h.user('PATIENT');
  const created = await h.sg.graphql<{ createMyPatient: { id: string } }>(
    CREATE_MY_PATIENT,
    {},
    { token: owner.token },
  );
  patientId = created.body.data!.createMyPatient.id;
});

afterAll(() => h.stop());

function grant(granteeUserId: string): DomainEvent<'consent.granted'> {
  return {
    id: randomUUID(),
    type: 'consent.granted',
    source: 'compliance',
    occurredAt: new Date().toISOString(),
    traceId: null,
    payload: { consentId: randomUUID(), patientId, granteeUserId, scopes: ['READ_RECORD'], expiresAt: null },
  };
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let attempt = 0; attempt < 200 && !done(value); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

async function readsAs(clinician: TestUser): Promise<string | undefined> {
  const response = await h.sg.graphql(PATIENT, { id: patientId }, { token: clinician.token });
  return response.body.errors?.[0]?.extensions?.code as string | undefined;
}

describe('consent events from Redis', () => {
  it('grants nothing for a consent.granted forged onto the stream, and dead-letters it', async () => {
    const clinician = await h.user('CLINICIAN');
    const unsigned = grant(clinician.id);
    const wrongKey = grant(clinician.id);
    await publishTestEvent(h.sg, unsigned, { signer: null });
    await publishTestEvent(h.sg, wrongKey, { signer: 'patient' });

    const deadLetters = await eventually(
      () => readDeadLetters(h.sg),
      (entries) => entries.length >= 2,
    );

    expect(deadLetters.map((entry) => entry.eventId).sort()).toEqual([unsigned.id, wrongKey.id].sort());
    expect(deadLetters.map((entry) => entry.error)).toEqual([
      expect.stringContaining('Unsigned'),
      expect.stringContaining('Bad signature'),
    ]);
    expect(await h.sg.dataSource.query('SELECT consent_id FROM consent_projection')).toEqual([]);
    expect(await readsAs(clinician)).toBe('FORBIDDEN');
  });

  it('applies the same grant signed by compliance, audited as the patient service acting on that event', async () => {
    const clinician = await h.user('CLINICIAN');
    const event = grant(clinician.id);
    await publishTestEvent(h.sg, event);

    expect(
      await eventually(
        () => readsAs(clinician),
        (code) => code === undefined,
      ),
    ).toBeUndefined();
    expect(await h.audits()).toContainEqual(
      expect.objectContaining({
        actorId: `system:patient:event:${event.id}`,
        actorRoles: ['SYSTEM'],
        action: 'grant',
        entityType: 'ConsentGrant',
        entityIds: [event.payload.consentId],
        patientIds: [patientId],
        outcome: 'SUCCESS',
      }),
    );
  });
});
