import { InvalidEventError, parseEventPayload } from '@holovitals/events';
import type { Bundle } from '@medplum/fhirtypes';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fhirR4Issues } from './support/fhir-r4-validator';
import { EXPORT, IMPORT, MY_PATIENT, OBSERVATIONS, PATIENT, RECORD_LISTS } from './support/graphql-documents';
import { startPatientHarness, type PatientHarness, type TestUser } from './support/patient-harness';
import { readSynthea } from './support/synthea-fixtures';

const ABDUL = 'Abdul_Koepp_e925b0f3-8006-43f6-aa31-94bd215e55e7.json';

interface ImportResult {
  patientId: string;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  errors: { index: number; code: string; reason: string }[];
}

let h: PatientHarness;
let owner: TestUser;
let ownerPatientId: string;

beforeAll(async () => {
  h = await startPatientHarness({ MAX_REQUEST_BYTES: '3000000', FHIR_IMPORT_MAX_BYTES: '2000000' });
  owner = await h.user('PATIENT');
  const imported = await h.sg.graphql<{ importFhirBundle: ImportResult }>(
    IMPORT,
    { bundle: readSynthea(ABDUL) },
    { token: owner.token },
  );
  expect(imported.body.errors).toBeUndefined();
  ownerPatientId = imported.body.data!.importFhirBundle.patientId;
});

afterAll(() => h.stop());

describe('importFhirBundle through GraphQL', () => {
  it("creates the caller's own record on first import and changes nothing on the second", async () => {
    const mine = await h.sg.graphql<{ myPatient: { id: string; familyName: string } }>(
      MY_PATIENT,
      {},
      { token: owner.token },
    );
    expect(mine.body.data?.myPatient).toMatchObject({ id: ownerPatientId, familyName: 'Koepp' });
    const again = await h.sg.graphql<{ importFhirBundle: ImportResult }>(
      IMPORT,
      { bundle: readSynthea(ABDUL) },
      { token: owner.token },
    );
    expect(again.body.data?.importFhirBundle).toMatchObject({
      patientId: ownerPatientId,
      created: 0,
      updated: 0,
      unchanged: 180,
    });
    const events = (await h.sg.dataSource.query(
      `SELECT type, payload FROM event_outbox WHERE type LIKE 'patient.%' AND payload->>'patientId' = $1 ORDER BY occurred_at`,
      [ownerPatientId],
    )) as { type: string; payload: { changed?: string[] } }[];
    expect(events.map((e) => e.type)).toEqual(['patient.created', 'patient.updated']);
    expect(events[1].payload.changed).toEqual(
      expect.arrayContaining(['demographics', 'observation', 'condition']),
    );
  });

  it('reports bad entries by index with BAD_USER_INPUT and imports the rest', async () => {
    const result = await h.sg.graphql<{ importFhirBundle: ImportResult }>(
      IMPORT,
      {
        patientId: ownerPatientId,
        bundle: {
          resourceType: 'Bundle',
          type: 'batch',
          entry: [
            {
              resource: {
                resourceType: 'Observation',
                id: 'new-1',
                status: 'final',
                code: { coding: [{ system: 'http://loinc.org', code: '8867-4' }] },
                subject: { reference: 'Patient/018f428e-34f6-4707-8009-5ad742f901e7' },
                effectiveDateTime: '2020-01-01T10:00:00Z',
                valueQuantity: { value: 70, unit: '/min' },
              },
            },
            {
              resource: {
                resourceType: 'Observation',
                id: 'bad-1',
                status: 'final',
                code: { coding: [{ code: 'x' }] },
                effectiveDateTime: '01/01/2020',
              },
            },
            {
              resource: {
                resourceType: 'Condition',
                id: 'other-1',
                subject: { reference: 'Patient/someone-else' },
              },
            },
            { resource: { resourceType: 'NotAThing', id: 'n' } },
          ],
        },
      },
      { token: owner.token },
    );
    expect(result.body.data?.importFhirBundle).toMatchObject({ created: 1, skipped: 1 });
    expect(result.body.data?.importFhirBundle.errors.map((e) => [e.index, e.code])).toEqual([
      [1, 'BAD_USER_INPUT'],
      [2, 'BAD_USER_INPUT'],
    ]);
  });

  it('refuses a non-bundle and oversized bundles as a whole', async () => {
    const notBundle = await h.sg.graphql(
      IMPORT,
      { bundle: { resourceType: 'Patient' } },
      { token: owner.token },
    );
    expect(notBundle.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const big = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [{ resource: { resourceType: 'Basic', id: 'b', text: { div: 'x'.repeat(2_500_000) } } }],
    };
    const tooLarge = await h.sg.graphql(IMPORT, { bundle: big }, { token: owner.token });
    expect(tooLarge.body.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
    const huge = {
      ...big,
      entry: [{ resource: { resourceType: 'Basic', id: 'b', text: { div: 'x'.repeat(50_000_000) } } }],
    };
    const rejectedAtTheDoor = await h.sg.graphql(IMPORT, { bundle: huge }, { token: owner.token });
    expect(rejectedAtTheDoor.status).toBe(413);
  });
});

describe('record lists', () => {
  it('pages observations newest first with a code filter, without overlap', async () => {
    type Page = {
      patient: {
        observations: {
          nodes: { id: string; code: string; effectiveAt: string }[];
          pageInfo: { hasNextPage: boolean; endCursor: string };
        };
      };
    };
    const first = await h.sg.graphql<Page>(
      OBSERVATIONS,
      { id: ownerPatientId, first: 3, filter: { code: '8302-2' } },
      { token: owner.token },
    );
    const page1 = first.body.data!.patient.observations;
    expect(page1.nodes).toHaveLength(3);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const second = await h.sg.graphql<Page>(
      OBSERVATIONS,
      { id: ownerPatientId, first: 100, after: page1.pageInfo.endCursor, filter: { code: '8302-2' } },
      { token: owner.token },
    );
    const page2 = second.body.data!.patient.observations;
    const all = [...page1.nodes, ...page2.nodes];
    expect(new Set(all.map((n) => n.id)).size).toBe(all.length);
    expect(all.every((n) => n.code === '8302-2')).toBe(true);
    const dates = all.map((n) => n.effectiveAt);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(page2.pageInfo.hasNextPage).toBe(false);
  });

  it('maps blood pressure components and filters by category and date range', async () => {
    type Page = {
      patient: {
        observations: {
          nodes: {
            code: string;
            category: string;
            effectiveAt: string;
            components: { code: string; value: number }[];
          }[];
        };
      };
    };
    const bp = await h.sg.graphql<Page>(
      OBSERVATIONS,
      { id: ownerPatientId, first: 1, filter: { code: '55284-4' } },
      { token: owner.token },
    );
    expect(bp.body.data!.patient.observations.nodes[0].components.map((c) => c.code).sort()).toEqual([
      '8462-4',
      '8480-6',
    ]);
    const ranged = await h.sg.graphql<Page>(
      OBSERVATIONS,
      {
        id: ownerPatientId,
        first: 100,
        order: 'OLDEST_FIRST',
        filter: { category: 'vital-signs', from: '2015-01-01T00:00:00Z', to: '2016-12-31T23:59:59Z' },
      },
      { token: owner.token },
    );
    const nodes = ranged.body.data!.patient.observations.nodes;
    expect(nodes.length).toBeGreaterThan(0);
    expect(
      nodes.every((n) => n.category === 'vital-signs' && n.effectiveAt >= '2015' && n.effectiveAt < '2017'),
    ).toBe(true);
  });
});

describe('access', () => {
  it('lets the owner and a stepped-up admin read; refuses another patient and audits the refusal', async () => {
    const admin = await h.user('ADMIN');
    await h.stepUp(admin.id, 'ADMIN_PHI_ACCESS');
    const other = await h.user('PATIENT');
    expect(
      (await h.sg.graphql(PATIENT, { id: ownerPatientId }, { token: owner.token })).body.data,
    ).toMatchObject({ patient: { id: ownerPatientId } });
    expect(
      (await h.sg.graphql(PATIENT, { id: ownerPatientId }, { token: admin.token })).body.data,
    ).toMatchObject({ patient: { id: ownerPatientId } });
    const refused = await h.sg.graphql(PATIENT, { id: ownerPatientId }, { token: other.token });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await h.sg.graphql(PATIENT, { id: ownerPatientId });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const audits = await h.audits();
    expect(audits).toContainEqual(
      expect.objectContaining({
        actorId: other.id,
        outcome: 'DENIED',
        patientIds: [ownerPatientId],
        entityType: 'Patient',
      }),
    );
    expect(audits).toContainEqual(
      expect.objectContaining({
        actorId: admin.id,
        outcome: 'SUCCESS',
        action: 'read',
        patientIds: [ownerPatientId],
      }),
    );
  });

  it('lets a clinician in only while a consent is active', async () => {
    const clinician = await h.user('CLINICIAN');
    const list = `query { patients(first: 50) { nodes { id } } }`;
    expect(
      (await h.sg.graphql(PATIENT, { id: ownerPatientId }, { token: clinician.token })).body.errors?.[0]
        ?.extensions?.code,
    ).toBe('FORBIDDEN');
    expect(
      (await h.sg.graphql<{ patients: { nodes: unknown[] } }>(list, {}, { token: clinician.token })).body.data
        ?.patients.nodes,
    ).toEqual([]);

    const consentId = await h.grantConsent(ownerPatientId, clinician.id);
    expect(
      (await h.sg.graphql(PATIENT, { id: ownerPatientId }, { token: clinician.token })).body.data,
    ).toMatchObject({ patient: { id: ownerPatientId } });
    expect((await h.sg.graphql(list, {}, { token: clinician.token })).body.data).toEqual({
      patients: { nodes: [{ id: ownerPatientId }] },
    });
    const write = await h.sg.graphql(
      `mutation C($p: ID!) { createCondition(patientId: $p, input: { display: "Asthma" }) { id } }`,
      { p: ownerPatientId },
      { token: clinician.token },
    );
    expect(write.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    await h.revokeConsent(consentId, ownerPatientId, clinician.id);
    expect(
      (await h.sg.graphql(PATIENT, { id: ownerPatientId }, { token: clinician.token })).body.errors?.[0]
        ?.extensions?.code,
    ).toBe('FORBIDDEN');
    expect(
      (await h.sg.graphql<{ patients: { nodes: unknown[] } }>(list, {}, { token: clinician.token })).body.data
        ?.patients.nodes,
    ).toEqual([]);
  });

  it('creates a patient record on request, once', async () => {
    const newcomer = await h.user('PATIENT');
    const create = `mutation { createMyPatient { id version } }`;
    const first = await h.sg.graphql<{ createMyPatient: { id: string } }>(
      create,
      {},
      { token: newcomer.token },
    );
    const second = await h.sg.graphql<{ createMyPatient: { id: string } }>(
      create,
      {},
      { token: newcomer.token },
    );
    expect(second.body.data?.createMyPatient.id).toBe(first.body.data?.createMyPatient.id);
    const mine = await h.sg.graphql<{ myPatient: { id: string } }>(MY_PATIENT, {}, { token: newcomer.token });
    expect(mine.body.data?.myPatient.id).toBe(first.body.data?.createMyPatient.id);
    const clinician = await h.user('CLINICIAN');
    expect(
      (await h.sg.graphql(create, {}, { token: clinician.token })).body.errors?.[0]?.extensions?.code,
    ).toBe('BAD_USER_INPUT');
  });

  it('keeps patients() to clinicians and admins', async () => {
    const result = await h.sg.graphql(
      `query { patients(first: 5) { nodes { id } } }`,
      {},
      { token: owner.token },
    );
    expect(result.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('consent scopes', () => {
  const WRITE = `mutation C($p: ID!) { createCondition(patientId: $p, input: { display: "Migraine" }) { id } }`;
  const code = (result: { body: { errors?: { extensions?: Record<string, unknown> }[] } }): unknown =>
    result.body.errors?.[0]?.extensions?.code;

  it('reads with READ_RECORD, writes only with WRITE_RECORD, and other scopes open nothing', async () => {
    const reader = await h.user('CLINICIAN');
    await h.grantConsent(ownerPatientId, reader.id, ['READ_RECORD']);
    expect(
      (await h.sg.graphql(PATIENT, { id: ownerPatientId }, { token: reader.token })).body.data,
    ).toMatchObject({
      patient: { id: ownerPatientId },
    });
    expect(code(await h.sg.graphql(WRITE, { p: ownerPatientId }, { token: reader.token }))).toBe('FORBIDDEN');

    const writer = await h.user('CLINICIAN');
    await h.grantConsent(ownerPatientId, writer.id, ['READ_RECORD', 'WRITE_RECORD']);
    const written = await h.sg.graphql<{ createCondition: { id: string } }>(
      WRITE,
      { p: ownerPatientId },
      { token: writer.token },
    );
    expect(written.body.errors).toBeUndefined();
    await h.sg.graphql(
      `mutation D($id: ID!) { deleteCondition(id: $id, version: 1) }`,
      { id: written.body.data!.createCondition.id },
      { token: writer.token },
    );

    const documentsOnly = await h.user('CLINICIAN');
    await h.grantConsent(ownerPatientId, documentsOnly.id, ['READ_DOCUMENTS', 'READ_ANALYSES', 'PROXY']);
    expect(code(await h.sg.graphql(PATIENT, { id: ownerPatientId }, { token: documentsOnly.token }))).toBe(
      'FORBIDDEN',
    );
  });

  it('lets any grantee role hold a grant: a partner and a relative with a patient account', async () => {
    for (const role of ['PARTNER', 'PATIENT'] as const) {
      const grantee = await h.user(role);
      expect(code(await h.sg.graphql(PATIENT, { id: ownerPatientId }, { token: grantee.token }))).toBe(
        'FORBIDDEN',
      );
      await h.grantConsent(ownerPatientId, grantee.id, ['READ_RECORD']);
      expect(
        (await h.sg.graphql(PATIENT, { id: ownerPatientId }, { token: grantee.token })).body.data,
        role,
      ).toMatchObject({ patient: { id: ownerPatientId } });
    }
  });

  it('stops honouring a grant once it expires, at read time, without any revocation event', async () => {
    const clinician = await h.user('CLINICIAN');
    await h.grantConsent(ownerPatientId, clinician.id, ['READ_RECORD'], new Date(Date.now() + 1_000));
    expect(
      (await h.sg.graphql(PATIENT, { id: ownerPatientId }, { token: clinician.token })).body.data,
    ).toMatchObject({ patient: { id: ownerPatientId } });
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(code(await h.sg.graphql(PATIENT, { id: ownerPatientId }, { token: clinician.token }))).toBe(
      'FORBIDDEN',
    );
    const listed = await h.sg.graphql<{ patients: { nodes: unknown[] } }>(
      `query { patients(first: 50) { nodes { id } } }`,
      {},
      { token: clinician.token },
    );
    expect(listed.body.data?.patients.nodes).toEqual([]);
  });

  it('has a consent.granted contract that names scopes from the list and an expiry', () => {
    const payload = {
      consentId: randomUUID(),
      patientId: randomUUID(),
      granteeUserId: randomUUID(),
      scopes: ['READ_RECORD'],
      expiresAt: '2027-01-01T00:00:00+01:00',
    };
    expect(parseEventPayload('consent.granted', payload).scopes).toEqual(['READ_RECORD']);
    expect(() => parseEventPayload('consent.granted', { ...payload, scopes: ['records:read'] })).toThrow(
      InvalidEventError,
    );
    expect(() => parseEventPayload('consent.granted', { ...payload, scopes: [] })).toThrow(InvalidEventError);
  });
});

describe('record writes', () => {
  const CREATE = `mutation C($p: ID!, $input: ConditionInput!) { createCondition(patientId: $p, input: $input) { id version display clinicalStatus sourceFhirId } }`;
  const UPDATE = `mutation U($id: ID!, $v: Int!, $input: ConditionInput!) { updateCondition(id: $id, version: $v, input: $input) { id version display clinicalStatus } }`;
  const DELETE = `mutation D($id: ID!, $v: Int!) { deleteCondition(id: $id, version: $v) }`;

  it('creates, updates with the current version, refuses a stale version, deletes', async () => {
    type Row = { id: string; version: number; display: string; clinicalStatus: string };
    const created = await h.sg.graphql<{ createCondition: Row & { sourceFhirId: null } }>(
      CREATE,
      {
        p: ownerPatientId,
        input: {
          display: 'Seasonal allergic rhinitis',
          clinicalStatus: 'active',
          onsetAt: '2019-04-01T00:00:00Z',
        },
      },
      { token: owner.token },
    );
    const row = created.body.data!.createCondition;
    expect(row).toMatchObject({ version: 1, sourceFhirId: null, clinicalStatus: 'active' });

    const updated = await h.sg.graphql<{ updateCondition: Row }>(
      UPDATE,
      { id: row.id, v: 1, input: { clinicalStatus: 'resolved' } },
      { token: owner.token },
    );
    expect(updated.body.data?.updateCondition).toMatchObject({
      version: 2,
      clinicalStatus: 'resolved',
      display: 'Seasonal allergic rhinitis',
    });

    const stale = await h.sg.graphql(
      UPDATE,
      { id: row.id, v: 1, input: { clinicalStatus: 'active' } },
      { token: owner.token },
    );
    expect(stale.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(
      (await h.sg.graphql(DELETE, { id: row.id, v: 1 }, { token: owner.token })).body.errors?.[0]?.extensions
        ?.code,
    ).toBe('CONFLICT');
    expect((await h.sg.graphql(DELETE, { id: row.id, v: 2 }, { token: owner.token })).body.data).toEqual({
      deleteCondition: row.id,
    });
    expect(
      (await h.sg.graphql(DELETE, { id: row.id, v: 2 }, { token: owner.token })).body.errors?.[0]?.extensions
        ?.code,
    ).toBe('NOT_FOUND');
  });

  it('validates input', async () => {
    const invalid = await h.sg.graphql(
      CREATE,
      { p: ownerPatientId, input: { clinicalStatus: 'sort of' } },
      { token: owner.token },
    );
    expect(invalid.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('deleting an imported record', () => {
  const CONDITIONS = `query C($id: ID!) { patient(id: $id) {
    conditions(first: 100) { nodes { id version sourceFhirId } }
    fhirResources(first: 100, type: "Condition") { nodes { fhirId } } } }`;
  type Lists = {
    patient: {
      conditions: { nodes: { id: string; version: number; sourceFhirId: string }[] };
      fhirResources: { nodes: { fhirId: string }[] };
    };
  };

  it('hides the raw resource, survives re-import as a skipped entry, is left out of export, and is audited', async () => {
    const patientUser = await h.user('PATIENT');
    const bundle = readSynthea(ABDUL);
    const imported = await h.sg.graphql<{ importFhirBundle: ImportResult }>(
      IMPORT,
      { bundle },
      { token: patientUser.token },
    );
    const patientId = imported.body.data!.importFhirBundle.patientId;
    const before = (await h.sg.graphql<Lists>(CONDITIONS, { id: patientId }, { token: patientUser.token }))
      .body.data!.patient;
    const victim = before.conditions.nodes[0];
    expect(before.fhirResources.nodes.map((n) => n.fhirId)).toContain(victim.sourceFhirId);

    const deleted = await h.sg.graphql(
      `mutation D($id: ID!, $v: Int!) { deleteCondition(id: $id, version: $v) }`,
      { id: victim.id, v: victim.version },
      { token: patientUser.token },
    );
    expect(deleted.body.data).toEqual({ deleteCondition: victim.id });
    const after = (await h.sg.graphql<Lists>(CONDITIONS, { id: patientId }, { token: patientUser.token }))
      .body.data!.patient;
    expect(after.conditions.nodes.map((n) => n.id)).not.toContain(victim.id);
    expect(after.fhirResources.nodes.map((n) => n.fhirId)).not.toContain(victim.sourceFhirId);

    const again = await h.sg.graphql<{
      importFhirBundle: ImportResult & { skippedEntries: { index: number; code: string; reason: string }[] };
    }>(IMPORT, { bundle }, { token: patientUser.token });
    const result = again.body.data!.importFhirBundle;
    expect(result).toMatchObject({ created: 0, updated: 0, skipped: 1, errors: [] });
    expect(result.skippedEntries).toEqual([
      expect.objectContaining({ code: 'SKIPPED', reason: expect.stringContaining('deleted') as string }),
    ]);
    const reimported = (
      await h.sg.graphql<Lists>(CONDITIONS, { id: patientId }, { token: patientUser.token })
    ).body.data!.patient;
    expect(reimported.conditions.nodes.map((n) => n.sourceFhirId)).not.toContain(victim.sourceFhirId);
    expect(reimported.fhirResources.nodes.map((n) => n.fhirId)).not.toContain(victim.sourceFhirId);

    const exported = await h.sg.graphql<{ exportFhirBundle: Bundle }>(
      EXPORT,
      { id: patientId },
      { token: patientUser.token },
    );
    const exportedIds = (exported.body.data!.exportFhirBundle.entry ?? []).map((e) => e.resource?.id);
    expect(exportedIds).not.toContain(victim.sourceFhirId);
    expect(exportedIds.length).toBeGreaterThan(1);

    expect(await h.audits()).toContainEqual(
      expect.objectContaining({
        actorId: patientUser.id,
        action: 'delete',
        entityType: 'Condition',
        entityIds: [victim.id],
        patientIds: [patientId],
        outcome: 'SUCCESS',
      }),
    );
  });

  it('remembers a hand-entered record by its id, so an older export cannot bring it back', async () => {
    const patientUser = await h.user('PATIENT');
    const mine = await h.sg.graphql<{ createMyPatient: { id: string } }>(
      `mutation { createMyPatient { id } }`,
      {},
      { token: patientUser.token },
    );
    const patientId = mine.body.data!.createMyPatient.id;
    const created = await h.sg.graphql<{ createCondition: { id: string } }>(
      `mutation C($p: ID!) { createCondition(patientId: $p, input: { display: "Asthma" }) { id } }`,
      { p: patientId },
      { token: patientUser.token },
    );
    const conditionId = created.body.data!.createCondition.id;
    const exported = await h.sg.graphql<{ exportFhirBundle: Bundle }>(
      EXPORT,
      { id: patientId },
      { token: patientUser.token },
    );
    await h.sg.graphql(
      `mutation D($id: ID!) { deleteCondition(id: $id, version: 1) }`,
      { id: conditionId },
      { token: patientUser.token },
    );
    const reimported = await h.sg.graphql<{ importFhirBundle: ImportResult }>(
      IMPORT,
      { patientId, bundle: exported.body.data!.exportFhirBundle },
      { token: patientUser.token },
    );
    expect(reimported.body.data!.importFhirBundle).toMatchObject({ skipped: 1, errors: [] });
    const lists = await h.sg.graphql<{ patient: { conditions: { nodes: unknown[] } } }>(
      `query L($id: ID!) { patient(id: $id) { conditions(first: 10) { nodes { id } } } }`,
      { id: patientId },
      { token: patientUser.token },
    );
    expect(lists.body.data!.patient.conditions.nodes).toEqual([]);
  });
});

describe('imports under load', () => {
  it('refuses a third concurrent import by the same user with RATE_LIMITED, but not another user', async () => {
    const patientUser = await h.user('PATIENT');
    const mine = await h.sg.graphql<{ createMyPatient: { id: string } }>(
      `mutation { createMyPatient { id } }`,
      {},
      { token: patientUser.token },
    );
    const patientId = mine.body.data!.createMyPatient.id;
    const bundle = readSynthea(ABDUL);
    // Hold the patient row so the first two imports wait inside their slots for as long as the test needs.
    const runner = h.sg.dataSource.createQueryRunner();
    await runner.startTransaction();
    await runner.query(`SELECT id FROM patient WHERE id = $1 FOR UPDATE`, [patientId]);
    const waiting = [1, 2].map(() =>
      h.sg.graphql<{ importFhirBundle: ImportResult }>(
        IMPORT,
        { patientId, bundle },
        { token: patientUser.token },
      ),
    );
    for (let i = 0; i < 200; i += 1) {
      const [{ count }] = (await h.sg.dataSource.query(
        `SELECT count(*)::int AS count FROM pg_stat_activity
          WHERE wait_event_type = 'Lock' AND query LIKE 'SELECT source_fhir_id FROM patient%'`,
      )) as { count: number }[];
      if (count === 2) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const third = await h.sg.graphql(IMPORT, { patientId, bundle }, { token: patientUser.token });
    expect(third.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    const someoneElse = await h.user('PATIENT');
    const theirs = await h.sg.graphql<{ importFhirBundle: ImportResult }>(
      IMPORT,
      { bundle: { resourceType: 'Bundle', type: 'collection', entry: [] } },
      { token: someoneElse.token },
    );
    expect(theirs.body.errors).toBeUndefined();
    await runner.commitTransaction();
    await runner.release();
    const done = await Promise.all(waiting);
    expect(done.map((r) => r.body.errors)).toEqual([undefined, undefined]);
    const after = await h.sg.graphql<{ importFhirBundle: ImportResult }>(
      IMPORT,
      { patientId, bundle },
      { token: patientUser.token },
    );
    expect(after.body.data?.importFhirBundle).toMatchObject({ created: 0, updated: 0 });
  });

  it('reports a malformed percent escape in a conditional reference per entry, and drops __proto__ keys', async () => {
    const patientUser = await h.user('PATIENT');
    const bundle = JSON.parse(
      JSON.stringify({
        resourceType: 'Bundle',
        type: 'collection',
        entry: [
          { resource: { resourceType: 'Patient', id: 'p1' } },
          {
            resource: {
              resourceType: 'Encounter',
              id: 'e1',
              status: 'finished',
              class: {},
              subject: { reference: 'Patient/p1' },
              participant: [{ individual: { reference: 'Practitioner?identifier=x|%E0%A4%A' } }],
            },
          },
        ],
      }).replace('"id":"p1"}', '"id":"p1","__proto__":{"polluted":true},"constructor":{"x":1}}'),
    ) as unknown;
    const result = await h.sg.graphql<{ importFhirBundle: ImportResult }>(
      IMPORT,
      { bundle },
      { token: patientUser.token },
    );
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data!.importFhirBundle.created).toBe(1);
    expect(result.body.data!.importFhirBundle.errors).toEqual([
      expect.objectContaining({ index: 1, code: 'BAD_USER_INPUT' }),
    ]);
    const raw = (await h.sg.dataSource.query(
      `SELECT resource::text AS resource FROM fhir_resource WHERE patient_id = $1`,
      [result.body.data!.importFhirBundle.patientId],
    )) as { resource: string }[];
    expect(raw).toHaveLength(1);
    expect(raw[0].resource).not.toContain('__proto__');
    expect(raw[0].resource).not.toContain('constructor');
  });
});

describe('invalid ids and audit attribution', () => {
  it('answers a non-UUID id anywhere with BAD_USER_INPUT and audits the refusal', async () => {
    const bad = 'not-a-uuid';
    const operations: [string, Record<string, unknown>][] = [
      [PATIENT, { id: bad }],
      [EXPORT, { id: bad }],
      [IMPORT, { patientId: bad, bundle: { resourceType: 'Bundle', type: 'collection' } }],
      [`mutation D($id: ID!) { deleteObservation(id: $id, version: 1) }`, { id: bad }],
      [
        `mutation C($p: ID!) { createAllergy(patientId: $p, input: { display: "Peanut" }) { id } }`,
        { p: bad },
      ],
      [
        `query E($r: [_Any!]!) { _entities(representations: $r) { ... on Observation { id } } }`,
        { r: [{ __typename: 'Observation', id: bad }] },
      ],
      [
        `query E($r: [_Any!]!) { _entities(representations: $r) { ... on User { patient { id } } } }`,
        { r: [{ __typename: 'User', id: bad }] },
      ],
    ];
    for (const [query, variables] of operations) {
      const result = await h.sg.graphql(query, variables, { token: owner.token });
      expect(result.status, query).toBeLessThan(500);
      expect(result.body.errors?.[0]?.extensions?.code, query).toBe('BAD_USER_INPUT');
    }
    const denied = (await h.audits()).filter(
      (a) => a.actorId === owner.id && a.outcome === 'DENIED' && (a.entityIds as string[]).includes(bad),
    );
    expect(denied.length).toBeGreaterThanOrEqual(operations.length);

    const forgedCursor = Buffer.from(JSON.stringify(['2020-01-01', bad])).toString('base64url');
    const paged = await h.sg.graphql(
      OBSERVATIONS,
      { id: ownerPatientId, first: 2, after: forgedCursor },
      { token: owner.token },
    );
    expect(paged.status).toBeLessThan(500);
    expect(paged.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('audits NOT_FOUND and CONFLICT refusals of writes, naming the patient where known', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const notFound = await h.sg.graphql(
      `mutation U($id: ID!) { updateCondition(id: $id, version: 1, input: { display: "x" }) { id } }`,
      { id: missing },
      { token: owner.token },
    );
    expect(notFound.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const created = await h.sg.graphql<{ createCondition: { id: string } }>(
      `mutation C($p: ID!) { createCondition(patientId: $p, input: { display: "Gout" }) { id } }`,
      { p: ownerPatientId },
      { token: owner.token },
    );
    const conditionId = created.body.data!.createCondition.id;
    const conflict = await h.sg.graphql(
      `mutation D($id: ID!) { deleteCondition(id: $id, version: 7) }`,
      { id: conditionId },
      { token: owner.token },
    );
    expect(conflict.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    // Leave the owner's record as imported: the export test compares it with a copy.
    await h.sg.graphql(
      `mutation D($id: ID!) { deleteCondition(id: $id, version: 1) }`,
      { id: conditionId },
      { token: owner.token },
    );
    const audits = await h.audits();
    expect(audits).toContainEqual(
      expect.objectContaining({
        actorId: owner.id,
        action: 'update',
        entityIds: [missing],
        patientIds: [],
        outcome: 'DENIED',
      }),
    );
    expect(audits).toContainEqual(
      expect.objectContaining({
        actorId: owner.id,
        action: 'delete',
        entityIds: [conditionId],
        patientIds: [ownerPatientId],
        outcome: 'DENIED',
      }),
    );
  });

  it('names every patient a multi-patient read touched', async () => {
    const admin = await h.user('ADMIN');
    await h.stepUp(admin.id, 'ADMIN_PHI_ACCESS');
    const list = await h.sg.graphql<{ patients: { nodes: { id: string }[] } }>(
      `query { patients(first: 3) { nodes { id conditions(first: 1) { nodes { id } } } } }`,
      {},
      { token: admin.token },
    );
    const ids = list.body.data!.patients.nodes.map((n) => n.id);
    expect(ids.length).toBeGreaterThan(1);
    const audits = (await h.audits()).filter((a) => a.actorId === admin.id);
    const patientRead = audits.find((a) => a.entityType === 'Patient');
    const conditionRead = audits.find((a) => a.entityType === 'Condition');
    expect([...(patientRead?.patientIds as string[])].sort()).toEqual([...ids].sort());
    expect([...(conditionRead?.patientIds as string[])].sort()).toEqual([...ids].sort());
  });
});

describe('exportFhirBundle', () => {
  it('exports a valid FHIR R4 collection that re-imports into identical records', async () => {
    const exported = await h.sg.graphql<{ exportFhirBundle: Bundle }>(
      EXPORT,
      { id: ownerPatientId },
      { token: owner.token },
    );
    const bundle = exported.body.data!.exportFhirBundle;
    expect(bundle.type).toBe('collection');
    expect(fhirR4Issues(bundle)).toEqual([]);

    const other = await h.user('PATIENT');
    const reimported = await h.sg.graphql<{ importFhirBundle: ImportResult }>(
      IMPORT,
      { bundle },
      { token: other.token },
    );
    expect(reimported.body.data?.importFhirBundle.errors).toEqual([]);
    const copyId = reimported.body.data!.importFhirBundle.patientId;

    const lists = async (id: string, token: string): Promise<Record<string, unknown[]>> => {
      const result = await h.sg.graphql<{ patient: Record<string, { nodes: { sourceFhirId: string }[] }> }>(
        RECORD_LISTS,
        { id },
        { token },
      );
      return Object.fromEntries(
        Object.entries(result.body.data!.patient).map(([field, connection]) => [
          field,
          [...connection.nodes].sort((a, b) => a.sourceFhirId.localeCompare(b.sourceFhirId)),
        ]),
      );
    };
    const original = await lists(ownerPatientId, owner.token);
    expect(original.observations.length).toBeGreaterThan(90);
    expect(await lists(copyId, other.token)).toEqual(original);
  });
});

describe('federation references', () => {
  const ENTITIES = `query E($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on User { id patient { id familyName } }
      ... on Observation { id patientId code }
    }
  }`;

  it('resolves User.patient for the owner and hides it from other users', async () => {
    const representations = [{ __typename: 'User', id: owner.id }];
    const mine = await h.sg.graphql(ENTITIES, { r: representations }, { token: owner.token });
    expect(mine.body.data).toEqual({
      _entities: [{ id: owner.id, patient: { id: ownerPatientId, familyName: 'Koepp' } }],
    });
    const stranger = await h.user('PATIENT');
    const theirs = await h.sg.graphql(ENTITIES, { r: representations }, { token: stranger.token });
    expect(theirs.body.data).toEqual({ _entities: [{ id: owner.id, patient: null }] });
  });

  it('resolves Observation references only for callers who may read the record', async () => {
    type Page = { patient: { observations: { nodes: { id: string }[] } } };
    const page = await h.sg.graphql<Page>(
      OBSERVATIONS,
      { id: ownerPatientId, first: 2 },
      { token: owner.token },
    );
    const ids = page.body.data!.patient.observations.nodes.map((n) => n.id);
    const representations = ids.map((id) => ({ __typename: 'Observation', id }));
    const mine = await h.sg.graphql<{ _entities: { id: string; patientId: string }[] }>(
      ENTITIES,
      { r: representations },
      { token: owner.token },
    );
    expect(mine.body.data?._entities.map((e) => [e.id, e.patientId])).toEqual(
      ids.map((id) => [id, ownerPatientId]),
    );
    const stranger = await h.user('PATIENT');
    const theirs = await h.sg.graphql(ENTITIES, { r: representations }, { token: stranger.token });
    expect(theirs.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
