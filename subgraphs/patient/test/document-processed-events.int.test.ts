import type { DomainEvent } from '@holovitals/events';
import { GATEWAY_CREDENTIAL_HEADER } from '@holovitals/subgraph-kit';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentProcessedHandler } from '../src/events/document-processed.handler';
import { startPatientHarness, type PatientHarness } from './support/patient-harness';

const documentId = randomUUID();
const bundle = {
  resourceType: 'Bundle',
  type: 'collection',
  entry: [
    {
      fullUrl: `urn:uuid:${randomUUID()}`,
      resource: {
        resourceType: 'Observation',
        id: 'doc-extraction-1',
        status: 'final',
        category: [
          {
            coding: [
              { system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' },
            ],
          },
        ],
        code: {
          coding: [{ system: 'urn:holovitals:document-lab-name', code: 'glucose', display: 'Glucose' }],
          text: 'Glucose',
        },
        valueQuantity: { value: 98, unit: 'mg/dL' },
        referenceRange: [{ low: { value: 70 }, high: { value: 99 } }],
        effectiveDateTime: '2026-11-20T00:00:00.000Z',
        derivedFrom: [{ reference: `DocumentReference/${documentId}` }],
      },
    },
    // As the documents subgraph writes a confirmed diagnosis and medication: no subject, the document as source.
    {
      fullUrl: `urn:uuid:${randomUUID()}`,
      resource: {
        resourceType: 'Condition',
        id: 'doc-extraction-2',
        clinicalStatus: {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }],
        },
        verificationStatus: {
          coding: [
            { system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' },
          ],
        },
        category: [
          {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/condition-category',
                code: 'problem-list-item',
              },
            ],
          },
        ],
        code: {
          coding: [
            {
              system: 'http://hl7.org/fhir/sid/icd-10-cm',
              code: 'E11.9',
              display: 'Type 2 diabetes mellitus',
            },
          ],
          text: 'Type 2 diabetes mellitus',
        },
        evidence: [{ detail: [{ reference: `DocumentReference/${documentId}` }] }],
      },
    },
    {
      fullUrl: `urn:uuid:${randomUUID()}`,
      resource: {
        resourceType: 'MedicationStatement',
        id: 'doc-extraction-3',
        status: 'active',
        medicationCodeableConcept: {
          coding: [
            { system: 'urn:holovitals:document-medication-name', code: 'metformin', display: 'Metformin' },
          ],
          text: 'Metformin',
        },
        derivedFrom: [{ reference: `DocumentReference/${documentId}` }],
        dosage: [{ text: '500 mg oral twice daily', route: { text: 'oral' } }],
      },
    },
  ],
};

let h: PatientHarness;
let files: Server;
let bundleUrl: string;
let requests = 0;
let redirects = 0;
let filesOrigin: string;
const logged: { context: unknown; message: string }[] = [];
const logger = {
  error: (context: Record<string, unknown>, message: string) => {
    logged.push({ context, message });
  },
};

beforeAll(async () => {
  h = await startPatientHarness({ EVENTS_ENABLED: 'false' });
  // Stands in for the documents subgraph's /files route: the bundle only with the internal credential.
  files = createServer((req, res) => {
    if (req.url?.startsWith('/elsewhere')) {
      // A trusted origin that redirects must not take the credential along.
      redirects += 1;
      res.writeHead(302, { location: 'http://127.0.0.2:1/files' }).end();
      return;
    }
    requests += 1;
    if (req.headers[GATEWAY_CREDENTIAL_HEADER] !== h.sg.gatewaySecret) {
      res.writeHead(403).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(bundle));
  });
  await new Promise<void>((done) => files.listen(0, '127.0.0.1', done));
  filesOrigin = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  bundleUrl = `${filesOrigin}/files?key=bundles/x`;
});

afterAll(async () => {
  await new Promise((done) => files.close(done));
  await h.stop();
});

function processed(patientId: string, secret: string, bundleRef = bundleUrl): Promise<void> {
  const handler = documentProcessedHandler('patient', {
    gatewaySecret: secret,
    trustedOrigins: [filesOrigin],
    logger,
    limits: { maxBundleBytes: 1_000_000 },
    fetchTimeoutMs: 5_000,
  })['document.processed']!;
  const event: DomainEvent<'document.processed'> = {
    id: randomUUID(),
    type: 'document.processed',
    source: 'documents',
    occurredAt: new Date().toISOString(),
    traceId: null,
    payload: { documentId, patientId, bundleRef, resourceCount: bundle.entry.length },
  };
  return h.sg.dataSource.transaction((manager) => handler(event, manager));
}

describe('document.processed: confirmed document results enter the record', () => {
  it('fetches the bundle with the internal credential, imports the Observation, Condition and MedicationStatement once, and audits it', async () => {
    const owner = await h.user('PATIENT');
    const created = await h.sg.graphql<{ createMyPatient: { id: string } }>(
      'mutation { createMyPatient { id } }',
      {},
      { token: owner.token },
    );
    const patientId = created.body.data!.createMyPatient.id;
    await processed(patientId, h.sg.gatewaySecret);
    await processed(patientId, h.sg.gatewaySecret);
    const rows = (await h.sg.dataSource.query(
      `SELECT display, value, unit, reference_low, reference_high, source_fhir_id FROM observation WHERE patient_id = $1`,
      [patientId],
    )) as Record<string, unknown>[];
    expect(rows).toEqual([
      {
        display: 'Glucose',
        value: 98,
        unit: 'mg/dL',
        reference_low: 70,
        reference_high: 99,
        source_fhir_id: 'doc-extraction-1',
      },
    ]);
    const raw = (await h.sg.dataSource.query(
      `SELECT resource->'derivedFrom' AS derived FROM fhir_resource WHERE patient_id = $1 AND fhir_id = 'doc-extraction-1'`,
      [patientId],
    )) as { derived: unknown }[];
    expect(raw[0]?.derived).toEqual([{ reference: `DocumentReference/${documentId}` }]);
    const conditions = (await h.sg.dataSource.query(
      `SELECT code_system, code, display, clinical_status, verification_status, category FROM condition
        WHERE patient_id = $1`,
      [patientId],
    )) as Record<string, unknown>[];
    expect(conditions).toEqual([
      {
        code_system: 'http://hl7.org/fhir/sid/icd-10-cm',
        code: 'E11.9',
        display: 'Type 2 diabetes mellitus',
        clinical_status: 'active',
        verification_status: 'confirmed',
        category: 'problem-list-item',
      },
    ]);
    const medications = (await h.sg.dataSource.query(
      `SELECT source_type, status, display, dosage FROM medication WHERE patient_id = $1`,
      [patientId],
    )) as Record<string, unknown>[];
    expect(medications).toEqual([
      {
        source_type: 'MedicationStatement',
        status: 'active',
        display: 'Metformin',
        dosage: '500 mg oral twice daily',
      },
    ]);
    const evidence = (await h.sg.dataSource.query(
      `SELECT resource->'evidence' AS evidence FROM fhir_resource WHERE patient_id = $1 AND fhir_id = 'doc-extraction-2'`,
      [patientId],
    )) as { evidence: unknown }[];
    expect(evidence[0]?.evidence).toEqual([{ detail: [{ reference: `DocumentReference/${documentId}` }] }]);
    // The subject was only a stand-in: the record is not linked to a FHIR patient id (a later EHR sync still can).
    const patient = (await h.sg.dataSource.query(`SELECT source_fhir_id FROM patient WHERE id = $1`, [
      patientId,
    ])) as { source_fhir_id: string | null }[];
    expect(patient[0]?.source_fhir_id).toBeNull();
    const audits = await h.audits();
    expect(audits).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'import',
          entityType: 'DocumentReference',
          entityIds: [documentId],
          patientIds: [patientId],
        }),
      ]),
    );
  });

  it('fails (for the consumer to retry) when the documents subgraph refuses the bundle, writing nothing', async () => {
    const owner = await h.user('PATIENT');
    const created = await h.sg.graphql<{ createMyPatient: { id: string } }>(
      'mutation { createMyPatient { id } }',
      {},
      { token: owner.token },
    );
    const patientId = created.body.data!.createMyPatient.id;
    const before = requests;
    await expect(processed(patientId, 'wrong-secret-of-sixteen+')).rejects.toThrow(/403/);
    expect(requests).toBe(before + 1);
    const rows = (await h.sg.dataSource.query(`SELECT 1 FROM observation WHERE patient_id = $1`, [
      patientId,
    ])) as unknown[];
    expect(rows).toEqual([]);
  });

  it('refuses a bundleRef outside DOCUMENT_BUNDLE_ORIGINS without sending the credential, and logs why', async () => {
    const owner = await h.user('PATIENT');
    const created = await h.sg.graphql<{ createMyPatient: { id: string } }>(
      'mutation { createMyPatient { id } }',
      {},
      { token: owner.token },
    );
    const patientId = created.body.data!.createMyPatient.id;
    // Same server, other origin (localhost is not 127.0.0.1): it must never be asked.
    const untrusted = bundleUrl.replace('127.0.0.1', 'localhost');
    const before = requests;
    await expect(processed(patientId, h.sg.gatewaySecret, untrusted)).rejects.toThrow(
      /origin http:\/\/localhost:\d+ is not in DOCUMENT_BUNDLE_ORIGINS/,
    );
    expect(requests).toBe(before);
    expect(logged.at(-1)).toMatchObject({
      message: 'document.processed refused: its bundleRef is not a trusted documents origin',
      context: { documentId, trustedOrigins: [filesOrigin] },
    });
    await expect(processed(patientId, h.sg.gatewaySecret, 'file:///etc/passwd')).rejects.toThrow(
      /not an http\(s\) URL/,
    );
    const rows = (await h.sg.dataSource.query(`SELECT 1 FROM observation WHERE patient_id = $1`, [
      patientId,
    ])) as unknown[];
    expect(rows).toEqual([]);
  });

  it('does not follow a redirect from a trusted origin', async () => {
    const owner = await h.user('PATIENT');
    const created = await h.sg.graphql<{ createMyPatient: { id: string } }>(
      'mutation { createMyPatient { id } }',
      {},
      { token: owner.token },
    );
    const patientId = created.body.data!.createMyPatient.id;
    await expect(
      processed(patientId, h.sg.gatewaySecret, `${filesOrigin}/elsewhere?key=bundles/x`),
    ).rejects.toThrow();
    expect(redirects).toBe(1);
  });
});
