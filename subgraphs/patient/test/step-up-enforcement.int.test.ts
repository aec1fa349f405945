import type { DomainEvent } from '@holovitals/events';
import { publishTestEvent, pollUntil } from '@holovitals/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT, PATIENT } from './support/graphql-documents';
import { startPatientHarness, type PatientHarness, type TestUser } from './support/patient-harness';

const PATIENTS = `query { patients(first: 5) { nodes { id } } }`;

interface Refusal {
  code?: unknown;
  reason?: unknown;
  purpose?: unknown;
}

let h: PatientHarness;
let owner: TestUser;
let patientId: string;

beforeAll(async () => {
  h = await startPatientHarness();
  owner = await h.user('PATIENT');
  const created = await h.sg.graphql<{ createMyPatient: { id: string } }>(
    `mutation { createMyPatient { id } }`,
    {},
    { token: owner.token },
  );
  patientId = created.body.data!.createMyPatient.id;
});

afterAll(() => h.stop());

async function refusalOf(
  query: string,
  variables: Record<string, unknown>,
  user: TestUser,
): Promise<Refusal | null> {
  const response = await h.sg.graphql(query, variables, { token: user.token });
  return (response.body.errors?.[0]?.extensions as Refusal | undefined) ?? null;
}

function verified(userId: string, purpose: 'ADMIN_PHI_ACCESS' | 'BULK_EXPORT', validUntil: Date) {
  return {
    id: randomUUID(),
    type: 'identity.challenge.verified',
    source: 'compliance',
    occurredAt: new Date().toISOString(),
    traceId: null,
    payload: { challengeId: randomUUID(), userId, purpose, validUntil: validUntil.toISOString() },
  } satisfies DomainEvent<'identity.challenge.verified'>;
}

describe('step-up enforcement in the patient subgraph', () => {
  it('refuses an admin without a step-up with STEP_UP_REQUIRED and the purpose, audited as DENIED', async () => {
    const admin = await h.user('ADMIN');
    expect(await refusalOf(PATIENT, { id: patientId }, admin)).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'STEP_UP_REQUIRED',
      purpose: 'ADMIN_PHI_ACCESS',
    });
    expect(await refusalOf(PATIENTS, {}, admin)).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'STEP_UP_REQUIRED',
      purpose: 'ADMIN_PHI_ACCESS',
    });
    const denied = (await h.audits()).filter((audit) => audit.actorId === admin.id);
    expect(denied).toContainEqual(
      expect.objectContaining({ outcome: 'DENIED', entityType: 'Patient', patientIds: [patientId] }),
    );
    // A refusal is the caller's outcome, not a failure of the service: it must not feed the error-rate alert.
    const metrics = await (await fetch(h.sg.metricsUrl)).text();
    const refused = [...metrics.matchAll(/^graphql_operations_total\{[^}]*outcome="refused"[^}]*\} (\d+)/gm)];
    expect(refused.reduce((sum, match) => sum + Number(match[1]), 0)).toBeGreaterThanOrEqual(2);
    expect(metrics).not.toMatch(/^graphql_operations_total\{[^}]*outcome="error"/m);
  });

  it('lets the admin read once compliance’s identity.challenge.verified arrives over the bus', async () => {
    const admin = await h.user('ADMIN');
    await publishTestEvent(h.sg, verified(admin.id, 'ADMIN_PHI_ACCESS', new Date(Date.now() + 60_000)));
    const refusal = await pollUntil(
      () => refusalOf(PATIENT, { id: patientId }, admin),
      (value) => value === null,
      10_000,
      50,
    );
    expect(refusal).toBeNull();
    const list = await h.sg.graphql<{ patients: { nodes: { id: string }[] } }>(
      PATIENTS,
      {},
      { token: admin.token },
    );
    expect(list.body.errors).toBeUndefined();
    expect(list.body.data!.patients.nodes.length).toBeGreaterThan(0);
    // ADMIN_PHI_ACCESS does not cover exporting the whole record.
    expect(await refusalOf(EXPORT, { id: patientId }, admin)).toMatchObject({
      reason: 'STEP_UP_REQUIRED',
      purpose: 'BULK_EXPORT',
    });
  });

  it('ignores a step-up event forged by another service', async () => {
    const admin = await h.user('ADMIN');
    const forged = {
      ...verified(admin.id, 'ADMIN_PHI_ACCESS', new Date(Date.now() + 60_000)),
      source: 'patient',
    };
    await publishTestEvent(h.sg, forged as DomainEvent);
    // A genuine event published after it is applied, so the forged one was read (and dropped) first.
    const probe = await h.user('ADMIN');
    await publishTestEvent(h.sg, verified(probe.id, 'ADMIN_PHI_ACCESS', new Date(Date.now() + 60_000)));
    const probed = await pollUntil(
      () => refusalOf(PATIENT, { id: patientId }, probe),
      (value) => value === null,
      10_000,
      50,
    );
    expect(probed).toBeNull();
    expect(await refusalOf(PATIENT, { id: patientId }, admin)).toMatchObject({ reason: 'STEP_UP_REQUIRED' });
  });

  it('stops honouring a step-up once it expires, and an older event never shortens a newer one', async () => {
    const admin = await h.user('ADMIN');
    await h.stepUp(admin.id, 'ADMIN_PHI_ACCESS', new Date(Date.now() + 60_000));
    await h.stepUp(admin.id, 'ADMIN_PHI_ACCESS', new Date(Date.now() + 5_000));
    expect(await refusalOf(PATIENT, { id: patientId }, admin)).toBeNull();
    await h.sg.dataSource.query(
      `UPDATE step_up_projection SET valid_until = now() - interval '1 second' WHERE user_id = $1`,
      [admin.id],
    );
    expect(await refusalOf(PATIENT, { id: patientId }, admin)).toMatchObject({
      reason: 'STEP_UP_REQUIRED',
      purpose: 'ADMIN_PHI_ACCESS',
    });
  });

  it('asks a consented clinician for BULK_EXPORT before exporting, but never the patient themself', async () => {
    const clinician = await h.user('CLINICIAN');
    await h.grantConsent(patientId, clinician.id, ['READ_RECORD']);
    expect(await refusalOf(PATIENT, { id: patientId }, clinician)).toBeNull();
    expect(await refusalOf(EXPORT, { id: patientId }, clinician)).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'STEP_UP_REQUIRED',
      purpose: 'BULK_EXPORT',
    });
    await h.stepUp(clinician.id, 'BULK_EXPORT');
    expect(await refusalOf(EXPORT, { id: patientId }, clinician)).toBeNull();
    expect(await refusalOf(EXPORT, { id: patientId }, owner)).toBeNull();
  });

  it('does not let a step-up stand in for consent', async () => {
    const clinician = await h.user('CLINICIAN');
    await h.stepUp(clinician.id, 'BULK_EXPORT');
    expect(await refusalOf(EXPORT, { id: patientId }, clinician)).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'ACCESS_DENIED',
    });
  });
});
