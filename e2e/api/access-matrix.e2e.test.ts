import {
  accessMatrixFailures,
  graphqlRequest,
  IntrospectedSchema,
  matrixOperations,
  pollUntil,
  recordIdFor,
  type MatrixEnvironment,
  type MatrixOperation,
  type SendOperation,
} from '@holovitals/testing';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { enrollAuthenticator, stepUp } from './authenticator';

// The access matrix through the gateway: every operation of the composed schema that takes a patient id or the id
// of health data (read from introspection, so the operations of subgraphs added later are covered too) × every
// kind of caller. Refusals must carry a DENIED audit naming the patient, read from the owner's outbox.

const stack = inject('stack');
const bundle: unknown = JSON.parse(
  readFileSync(
    resolve(
      __dirname,
      '..',
      '..',
      'subgraphs',
      'patient',
      'fixtures',
      'synthea-r4',
      'Abdul_Koepp_e925b0f3-8006-43f6-aa31-94bd215e55e7.json',
    ),
    'utf8',
  ),
);

interface Caller {
  token: string | null;
  actorId: string | null;
}

let patientDb: Client;
let documentsDb: Client;
let analysisDb: Client;
let identityDb: Client;
let owner: Caller;
let patientId: string;
let schema: IntrospectedSchema;
let operations: MatrixOperation[];
let environment: MatrixEnvironment;

function sender(caller: Caller): SendOperation {
  return (query, variables) => graphqlRequest(stack.gatewayUrl, query, variables, { token: caller.token });
}

async function gql<T>(
  query: string,
  variables: Record<string, unknown>,
  token: string | null = null,
): Promise<T> {
  const response = await graphqlRequest<T>(stack.gatewayUrl, query, variables, { token });
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data as T;
}

async function login(email: string, password: string): Promise<Caller> {
  const { login: session } = await gql<{ login: { accessToken: string; user: { id: string } } }>(
    'mutation L($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken user { id } } }',
    { e: email, p: password },
  );
  return { token: session.accessToken, actorId: session.user.id };
}

/** A new account; `role` other than PATIENT is set in identity's database, as an operator would. */
async function newUser(label: string, role: 'PATIENT' | 'CLINICIAN' | 'ADMIN' = 'PATIENT'): Promise<Caller> {
  const email = `matrix-${label}-${randomBytes(4).toString('hex')}@example.test`;
  const password = 'matrix password 123';
  await gql('mutation R($i: RegisterInput!) { register(input: $i) { id } }', { i: { email, password } });
  if (role !== 'PATIENT') {
    await identityDb.query(`UPDATE app_user SET roles = $1 WHERE email = $2`, [[role], email]);
  }
  return login(email, password);
}

async function partner(admin: Caller): Promise<Caller> {
  const { createServiceClient } = await gql<{
    createServiceClient: { clientSecret: string; client: { id: string; clientId: string } };
  }>(
    `mutation C($i: CreateServiceClientInput!) {
      createServiceClient(input: $i) { clientSecret client { id clientId } } }`,
    { i: { name: 'access matrix partner', scopes: ['patient.read', 'observation.read'] } },
    admin.token,
  );
  const { exchangeClientCredentials } = await gql<{ exchangeClientCredentials: { accessToken: string } }>(
    `mutation X($id: String!, $secret: String!) {
      exchangeClientCredentials(clientId: $id, clientSecret: $secret) { accessToken } }`,
    { id: createServiceClient.client.clientId, secret: createServiceClient.clientSecret },
  );
  return { token: exchangeClientCredentials.accessToken, actorId: createServiceClient.client.id };
}

async function failuresOf(
  caller: Caller,
  allowed: (op: MatrixOperation) => boolean,
  refusalReason?: (op: MatrixOperation) => string | null,
): Promise<string[]> {
  return accessMatrixFailures(
    operations,
    { send: sender(caller), actorId: caller.actorId, allowed, refusalReason },
    environment,
  );
}

/** Waits until the patient subgraph projected the caller's verified step-ups for these purposes. */
async function projectedStepUps(caller: Caller, purposes: string[]): Promise<number> {
  return pollUntil(
    async () =>
      (
        await patientDb.query(
          'SELECT 1 FROM step_up_projection WHERE user_id = $1 AND purpose = ANY($2) AND valid_until > now()',
          [caller.actorId, purposes],
        )
      ).rowCount ?? 0,
    (rows) => rows === purposes.length,
    30_000,
    100,
  );
}

/** `Query.patient`, `Mutation.exportFhirBundle`…: the root fields the patient subgraph's printed schema defines. */
function patientRootFields(): Set<string> {
  const sdl = readFileSync(resolve(__dirname, '..', '..', 'schema', 'subgraphs', 'patient.graphql'), 'utf8');
  const labels = new Set<string>();
  for (const [, root, body] of sdl.matchAll(/^type (Query|Mutation)\b[^{]*\{([\s\S]*?)^\}/gm)) {
    for (const [, field] of body!.matchAll(/^ {2}(\w+)[(:]/gm)) labels.add(`${root}.${field}`);
  }
  return labels;
}

const patientFields = patientRootFields();

/** Analysis answers these from the record it reads from patient with the caller's token, refusal included. */
const ANALYSIS_RECORD_READS = new Set([
  'Query.missingPieces',
  'Query.healthScore',
  'Mutation.askHealthQuestion',
]);

/** The patient subgraph holds the record: there (and where others read it from there) an admin needs a step-up. */
const needsAdminStepUp = (op: MatrixOperation): boolean =>
  patientFields.has(op.label) || ANALYSIS_RECORD_READS.has(op.label);

beforeAll(async () => {
  patientDb = new Client({ connectionString: stack.subgraphs.patient!.databaseUrl });
  documentsDb = new Client({ connectionString: stack.subgraphs.documents!.databaseUrl });
  analysisDb = new Client({ connectionString: stack.subgraphs.analysis!.databaseUrl });
  identityDb = new Client({ connectionString: stack.subgraphs.identity!.databaseUrl });
  await patientDb.connect();
  await documentsDb.connect();
  await analysisDb.connect();
  await identityDb.connect();
  owner = await newUser('owner');
  const { importFhirBundle } = await gql<{ importFhirBundle: { patientId: string } }>(
    'mutation I($b: JSON!) { importFhirBundle(bundle: $b) { patientId } }',
    { b: bundle },
    owner.token,
  );
  patientId = importFhirBundle.patientId;
  // The documents subgraph learns of the record (and its owner) from patient.created.
  for (let tries = 0; tries < 200; tries += 1) {
    const { rows } = await documentsDb.query('SELECT 1 FROM patient_owner WHERE patient_id = $1', [
      patientId,
    ]);
    if (rows.length > 0) break;
    await new Promise((wake) => setTimeout(wake, 100));
  }
  schema = await IntrospectedSchema.load(sender(owner));
  operations = matrixOperations(schema);
  environment = {
    targetOf: (operation) =>
      operation.target.kind === 'patient'
        ? Promise.resolve(patientId)
        : recordIdFor(schema, sender(owner), operation.target.recordType, patientId),
    // Each owning subgraph audits its own refusals: the patient record's, the documents' and the analyses'.
    deniedAudits: async (actorId) => {
      let count = 0;
      for (const db of [patientDb, documentsDb, analysisDb]) {
        const { rows } = await db.query<{ count: number }>(
          `SELECT count(*)::int AS count FROM event_outbox WHERE type = 'audit.recorded'
             AND payload->>'actorId' = $1 AND payload->>'outcome' = 'DENIED' AND payload->'patientIds' ? $2`,
          [actorId, patientId],
        );
        count += rows[0].count;
      }
      return count;
    },
  };
});

afterAll(async () => {
  await patientDb.end();
  await documentsDb.end();
  await analysisDb.end();
  await identityDb.end();
});

describe('access matrix through the gateway', () => {
  it('finds the health-data operations of the composed schema', () => {
    expect(patientFields).toContain('Query.patient');
    expect(patientFields).toContain('Mutation.exportFhirBundle');
    const labels = operations.map((o) => o.label);
    expect(labels).toEqual(
      expect.arrayContaining([
        'Query.patient',
        'Mutation.importFhirBundle',
        'Mutation.exportFhirBundle',
        'Mutation.updateCondition',
        'Mutation.deleteObservation',
        'Query.searchDocuments',
      ]),
    );
    expect(labels.some((label) => label.includes('ServiceClient') || label.includes('Session'))).toBe(false);
    expect(labels).toEqual(expect.arrayContaining([...ANALYSIS_RECORD_READS]));
  });

  it('gives the owner data from every operation', async () => {
    expect(await failuresOf(owner, () => true)).toEqual([]);
  });

  it('asks an admin to step up for the record, and gives them everything once they have', async () => {
    const admin = await newUser('admin', 'ADMIN');
    expect(
      await failuresOf(
        admin,
        (op) => !needsAdminStepUp(op),
        (op) => (needsAdminStepUp(op) ? 'STEP_UP_REQUIRED' : null),
      ),
    ).toEqual([]);
    const authenticator = await enrollAuthenticator(stack.gatewayUrl, admin.token!);
    await stepUp(stack.gatewayUrl, admin.token!, authenticator, 'ADMIN_PHI_ACCESS');
    await stepUp(stack.gatewayUrl, admin.token!, authenticator, 'BULK_EXPORT');
    expect(await projectedStepUps(admin, ['ADMIN_PHI_ACCESS', 'BULK_EXPORT'])).toBe(2);
    expect(await failuresOf(admin, () => true)).toEqual([]);
  }, 180_000);

  it('gives a clinician with a read-only consent reads, and refuses and audits their writes', async () => {
    const clinician = await login('clinician@demo.holovitals.local', stack.demoPassword);
    // A grant names a verified user (the demo clinician). Compliance learns the record from patient.created;
    // the owners of the data project the grant from consent.granted: patient, documents and analysis, each its own.
    const granted = await pollUntil(
      () =>
        graphqlRequest<{ grantConsent: { id: string } }>(
          stack.gatewayUrl,
          'mutation G($i: GrantConsentInput!) { grantConsent(input: $i) { id } }',
          {
            i: {
              granteeUserId: clinician.actorId,
              scope: ['READ_RECORD', 'READ_DOCUMENTS', 'READ_ANALYSES'],
              purpose: 'TREATMENT',
            },
          },
          { token: owner.token },
        ),
      (response) => response.body.errors === undefined,
      60_000,
      200,
    );
    expect(granted.body.errors, JSON.stringify(granted.body.errors)).toBeUndefined();
    const consentId = granted.body.data!.grantConsent.id;
    for (const db of [patientDb, documentsDb, analysisDb]) {
      const projected = await pollUntil(
        async () =>
          (await db.query('SELECT 1 FROM consent_projection WHERE consent_id = $1', [consentId])).rowCount,
        (rows) => rows === 1,
        30_000,
        100,
      );
      expect(projected).toBe(1);
    }
    expect(
      await failuresOf(
        clinician,
        (op) => op.access === 'read' && !op.bulkExport,
        (op) => (op.bulkExport ? 'STEP_UP_REQUIRED' : null),
      ),
    ).toEqual([]);
  }, 180_000);

  it('refuses an anonymous caller everything', async () => {
    expect(await failuresOf({ token: null, actorId: null }, () => false)).toEqual([]);
  });

  it('refuses another patient, a clinician without consent and a partner everything, auditing each refusal', async () => {
    const admin = await login('admin@demo.holovitals.local', stack.demoPassword);
    const callers: [string, Caller][] = [
      ['other patient', await newUser('other')],
      ['clinician without consent', await newUser('stranger', 'CLINICIAN')],
      ['partner', await partner(admin)],
    ];
    for (const [name, caller] of callers) {
      expect(await failuresOf(caller, () => false), name).toEqual([]);
    }
  });
});
