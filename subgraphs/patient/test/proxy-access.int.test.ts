import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PATIENT } from './support/graphql-documents';
import { startPatientHarness, type PatientHarness, type TestUser } from './support/patient-harness';

const CREATE_MY_PATIENT = `mutation { createMyPatient { id } }`;
const CREATE_ALLERGY = `mutation Add($patientId: ID!, $input: AllergyInput!) {
  createAllergy(patientId: $patientId, input: $input) { id display }
}`;

let h: PatientHarness;
let owner: TestUser;
let patientId: string;

beforeAll(async () => {
  h = await startPatientHarness({ EVENTS_ENABLED: 'false' });
  owner = await h.user('PATIENT');
  const created = await h.sg.graphql<{ createMyPatient: { id: string } }>(
    CREATE_MY_PATIENT,
    {},
    { token: owner.token },
  );
  patientId = created.body.data!.createMyPatient.id;
});

afterAll(() => h.stop());

async function addAllergy(user: TestUser, display: string): Promise<{ id?: string; code?: string }> {
  const response = await h.sg.graphql<{ createAllergy: { id: string } }>(
    CREATE_ALLERGY,
    { patientId, input: { display } },
    { token: user.token },
  );
  return {
    id: response.body.data?.createAllergy.id,
    code: response.body.errors?.[0]?.extensions?.code as string | undefined,
  };
}

async function auditsOf(actorId: string): Promise<Record<string, unknown>[]> {
  return (await h.audits()).filter((audit) => audit.actorId === actorId);
}

describe('PROXY grants', () => {
  it('let a relative holding PROXY + WRITE_RECORD write for the patient, audited on the patient’s behalf', async () => {
    const relative = await h.user('PATIENT');
    const consentId = await h.grantConsent(patientId, relative.id, ['PROXY', 'READ_RECORD', 'WRITE_RECORD']);

    const written = await addAllergy(relative, 'Penicillin');
    expect(written.code).toBeUndefined();
    const read = await h.sg.graphql(PATIENT, { id: patientId }, { token: relative.token });
    expect(read.body.errors).toBeUndefined();

    const audits = await auditsOf(relative.id);
    expect(audits).toContainEqual(
      expect.objectContaining({
        action: 'create',
        entityType: 'Allergy',
        entityIds: [written.id],
        outcome: 'SUCCESS',
        onBehalfOf: owner.id,
        consentId,
      }),
    );
    expect(audits).toContainEqual(
      expect.objectContaining({ action: 'read', entityType: 'Patient', onBehalfOf: owner.id, consentId }),
    );
  });

  it('do not reach beyond their scopes: PROXY without WRITE_RECORD cannot write, and the refusal is audited', async () => {
    const relative = await h.user('PATIENT');
    await h.grantConsent(patientId, relative.id, ['PROXY', 'READ_RECORD']);

    expect((await addAllergy(relative, 'Latex')).code).toBe('FORBIDDEN');
    expect(await auditsOf(relative.id)).toEqual([
      expect.objectContaining({ action: 'create', outcome: 'DENIED', onBehalfOf: null, consentId: null }),
    ]);
    const allergies: unknown[] = await h.sg.dataSource.query(
      `SELECT 1 FROM allergy WHERE patient_id = $1 AND display = 'Latex'`,
      [patientId],
    );
    expect(allergies).toEqual([]);
  });

  it('stop working when revoked', async () => {
    const relative = await h.user('PATIENT');
    const consentId = await h.grantConsent(patientId, relative.id, ['PROXY', 'WRITE_RECORD']);
    expect((await addAllergy(relative, 'Peanuts')).code).toBeUndefined();
    await h.revokeConsent(consentId, patientId, relative.id);
    expect((await addAllergy(relative, 'Shellfish')).code).toBe('FORBIDDEN');
  });

  it('name the grant but no one’s behalf for a clinician writing with WRITE_RECORD alone', async () => {
    const clinician = await h.user('CLINICIAN');
    const consentId = await h.grantConsent(patientId, clinician.id, ['WRITE_RECORD']);
    const written = await addAllergy(clinician, 'Aspirin');
    expect(written.code).toBeUndefined();
    expect(await auditsOf(clinician.id)).toContainEqual(
      expect.objectContaining({ action: 'create', onBehalfOf: null, consentId }),
    );
  });

  it('leave the owner’s own writes without a grant or a behalf', async () => {
    await addAllergy(owner, 'Dust');
    const own = (await auditsOf(owner.id)).filter((audit) => audit.action === 'create');
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((audit) => audit.onBehalfOf === null && audit.consentId === null)).toBe(true);
  });
});
