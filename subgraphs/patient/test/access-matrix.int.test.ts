import {
  accessMatrixFailures,
  IntrospectedSchema,
  matrixOperations,
  recordIdFor,
  type MatrixEnvironment,
  type MatrixOperation,
  type SendOperation,
} from '@holovitals/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT } from './support/graphql-documents';
import { startPatientHarness, type PatientHarness, type TestUser } from './support/patient-harness';
import { readSynthea } from './support/synthea-fixtures';

// Every operation of the subgraph's schema that takes a patient or health-data id, plus `_entities` of every
// health-data type, × every kind of caller, straight against the subgraph (through the gateway:
// e2e/api/access-matrix.e2e.test.ts).

let h: PatientHarness;
let owner: TestUser;
let patientId: string;
let schema: IntrospectedSchema;
let operations: MatrixOperation[];
let environment: MatrixEnvironment;

function sender(user: TestUser | null): SendOperation {
  return (query, variables) => h.sg.graphql(query, variables, { token: user?.token ?? null });
}

async function failuresOf(
  user: TestUser | null,
  allowed: (op: MatrixOperation) => boolean,
  refusalReason?: (op: MatrixOperation) => string | null,
): Promise<string[]> {
  return accessMatrixFailures(
    operations,
    { send: sender(user), actorId: user?.id ?? null, allowed, refusalReason },
    environment,
  );
}

const STEP_UP_REQUIRED = (): string => 'STEP_UP_REQUIRED';

beforeAll(async () => {
  h = await startPatientHarness();
  owner = await h.user('PATIENT');
  const imported = await h.sg.graphql<{ importFhirBundle: { patientId: string } }>(
    IMPORT,
    { bundle: readSynthea('Abdul_Koepp_e925b0f3-8006-43f6-aa31-94bd215e55e7.json') },
    { token: owner.token },
  );
  patientId = imported.body.data!.importFhirBundle.patientId;
  schema = await IntrospectedSchema.load(sender(owner));
  operations = matrixOperations(schema);
  environment = {
    targetOf: (operation) =>
      operation.target.kind === 'patient'
        ? Promise.resolve(patientId)
        : recordIdFor(schema, sender(owner), operation.target.recordType, patientId),
    deniedAudits: async (actorId) => {
      const [{ count }] = (await h.sg.dataSource.query(
        `SELECT count(*)::int AS count FROM event_outbox WHERE type = 'audit.recorded'
           AND payload->>'actorId' = $1 AND payload->>'outcome' = 'DENIED' AND payload->'patientIds' ? $2`,
        [actorId, patientId],
      )) as { count: number }[];
      return count;
    },
  };
});

afterAll(() => h.stop());

describe('access matrix, directly against the patient subgraph', () => {
  it('finds the operations in the schema', () => {
    const labels = operations.map((o) => o.label);
    expect(labels).toEqual(
      expect.arrayContaining([
        'Query.patient',
        'Mutation.importFhirBundle',
        'Mutation.exportFhirBundle',
        'Mutation.createCondition',
        'Mutation.updateObservation',
        'Mutation.deleteFamilyHistory',
        '_entities(Patient)',
        '_entities(Observation)',
        '_entities(FhirResource)',
      ]),
    );
    expect(labels).not.toContain('_entities(User)');
    // 1 query, import + export, create/update/delete of 7 record types, _entities of Patient + 8 record types.
    expect(labels).toHaveLength(33);
  });

  it('gives the owner data from every operation, exports included, with no step-up', async () => {
    expect(await failuresOf(owner, () => true)).toEqual([]);
  });

  it('refuses an admin without a step-up everything, asking for one', async () => {
    expect(await failuresOf(await h.user('ADMIN'), () => false, STEP_UP_REQUIRED)).toEqual([]);
  });

  it('gives an admin stepped up for ADMIN_PHI_ACCESS everything but exports, which need BULK_EXPORT', async () => {
    const admin = await h.user('ADMIN');
    await h.stepUp(admin.id, 'ADMIN_PHI_ACCESS');
    expect(await failuresOf(admin, (op) => !op.bulkExport, STEP_UP_REQUIRED)).toEqual([]);
    await h.stepUp(admin.id, 'BULK_EXPORT');
    expect(await failuresOf(admin, () => true)).toEqual([]);
  });

  it('refuses an admin whose step-up expired, again asking for one', async () => {
    const admin = await h.user('ADMIN');
    await h.stepUp(admin.id, 'ADMIN_PHI_ACCESS', new Date(Date.now() - 1_000));
    expect(await failuresOf(admin, () => false, STEP_UP_REQUIRED)).toEqual([]);
  });

  it('gives a clinician with a read-only consent reads, refuses and audits their writes, and exports only after a step-up', async () => {
    const clinician = await h.user('CLINICIAN');
    await h.grantConsent(patientId, clinician.id, ['READ_RECORD']);
    expect(
      await failuresOf(
        clinician,
        (op) => op.access === 'read' && !op.bulkExport,
        (op) => (op.bulkExport ? 'STEP_UP_REQUIRED' : 'ACCESS_DENIED'),
      ),
    ).toEqual([]);
    await h.stepUp(clinician.id, 'BULK_EXPORT');
    expect(await failuresOf(clinician, (op) => op.access === 'read')).toEqual([]);
  });

  it('refuses an anonymous caller everything', async () => {
    expect(await failuresOf(null, () => false)).toEqual([]);
  });

  it.each(['PATIENT', 'CLINICIAN', 'PARTNER'] as const)(
    'refuses a %s without consent everything, auditing each refusal with the patient named',
    async (role) => {
      expect(
        await failuresOf(
          await h.user(role),
          () => false,
          () => 'ACCESS_DENIED',
        ),
      ).toEqual([]);
    },
  );
});
