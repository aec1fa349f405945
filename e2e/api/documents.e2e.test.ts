import { graphqlRequest } from '@holovitals/testing';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, inject, it } from 'vitest';

const stack = inject('stack');
const scan = readFileSync(
  resolve(__dirname, '..', '..', 'subgraphs', 'documents', 'fixtures', 'metabolic-panel-scan.png'),
);
const dischargeSummary = readFileSync(
  resolve(__dirname, '..', '..', 'subgraphs', 'documents', 'fixtures', 'discharge-summary.pdf'),
);

async function gql<T>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const response = await graphqlRequest<T>(stack.gatewayUrl, query, variables, { token });
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data as T;
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 120_000): Promise<T> {
  const until = Date.now() + ms;
  let value = await read();
  while (!done(value) && Date.now() < until) {
    await new Promise((wake) => setTimeout(wake, 250));
    value = await read();
  }
  return value;
}

async function newPatient(): Promise<string> {
  const email = `documents-${randomBytes(4).toString('hex')}@example.test`;
  const password = 'e2e password 123';
  await gql('mutation R($i: RegisterInput!) { register(input: $i) { id } }', { i: { email, password } });
  const { login } = await gql<{ login: { accessToken: string } }>(
    'mutation L($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
    { e: email, p: password },
  );
  await gql('mutation { createMyPatient { id } }', {}, login.accessToken);
  return login.accessToken;
}

interface Extraction {
  id: string;
  display: string;
  value: number | null;
  unit: string | null;
  standardized: { loincCode: string | null } | null;
}

const UPLOAD = `mutation Up($input: UploadDocumentInput!) { uploadDocument(input: $input) { document { id } uploadUrl } }`;

describe('documents through the gateway', () => {
  it('a patient uploads a scanned lab report, sees its text and labs with LOINC codes, confirms them into the record', async () => {
    const token = await newPatient();
    // The documents subgraph learns of the new record through patient.created.
    const created = await eventually(
      () =>
        graphqlRequest<{ uploadDocument: { document: { id: string }; uploadUrl: string } }>(
          stack.gatewayUrl,
          UPLOAD,
          { input: { filename: 'scan.png', size: scan.length } },
          { token },
        ),
      (response) => response.body.data?.uploadDocument !== undefined,
      30_000,
    );
    const upload = created.body.data?.uploadDocument;
    expect(upload, JSON.stringify(created.body.errors)).toBeDefined();
    const put = await fetch(upload!.uploadUrl, { method: 'PUT', body: scan });
    expect(put.status).toBe(201);

    const read = () =>
      gql<{
        document: { status: string; pages: { text: string; source: string }[]; extractions: Extraction[] };
      }>(
        `query D($id: ID!) { document(id: $id) { status pages { text source }
           extractions { id display value unit standardized { loincCode } } } }`,
        { id: upload!.document.id },
        token,
      );
    const { document } = await eventually(read, (data) => data.document.status === 'PROCESSED');
    expect(document.pages[0]?.source).toBe('OCR');
    expect(document.pages[0]?.text).toContain('Comprehensive Metabolic Panel');
    const loinc = Object.fromEntries(document.extractions.map((e) => [e.display, e.standardized?.loincCode]));
    expect(loinc).toMatchObject({
      Glucose: '2345-7',
      Sodium: '2951-2',
      Potassium: '2823-3',
      Creatinine: '2160-0',
    });

    for (const extraction of document.extractions)
      await gql(
        'mutation C($id: ID!) { confirmExtraction(id: $id) { status } }',
        { id: extraction.id },
        token,
      );

    const record = await eventually(
      () =>
        gql<{
          myPatient: {
            observations: {
              nodes: { display: string; value: number; standardized: { loincCode: string } | null }[];
            };
          };
        }>(
          `{ myPatient { observations(first: 100) { nodes { display value standardized { loincCode } } } } }`,
          {},
          token,
        ),
      (data) => data.myPatient.observations.nodes.length >= document.extractions.length,
    );
    const glucose = record.myPatient.observations.nodes.find((node) => node.display === 'Glucose');
    expect(glucose).toMatchObject({ value: 98, standardized: { loincCode: '2345-7' } });
    expect(record.myPatient.observations.nodes).toHaveLength(document.extractions.length);

    const search = await gql<{
      searchDocuments: { hits: { document: { id: string }; highlight: string }[] };
    }>(`{ searchDocuments(text: "sodium") { hits { document { id } highlight } } }`, {}, token);
    expect(search.searchDocuments.hits[0]?.document.id).toBe(upload!.document.id);
  });

  it('diagnoses come back coded by standards (ICD-10-CM), medications as printed; confirmed, both enter the record', async () => {
    const token = await newPatient();
    const created = await eventually(
      () =>
        graphqlRequest<{ uploadDocument: { document: { id: string }; uploadUrl: string } }>(
          stack.gatewayUrl,
          UPLOAD,
          { input: { filename: 'discharge.pdf', size: dischargeSummary.length } },
          { token },
        ),
      (response) => response.body.data?.uploadDocument !== undefined,
      30_000,
    );
    const upload = created.body.data!.uploadDocument;
    expect((await fetch(upload.uploadUrl, { method: 'PUT', body: dischargeSummary })).status).toBe(201);
    const read = () =>
      gql<{
        document: {
          status: string;
          extractions: {
            id: string;
            kind: string;
            display: string;
            dose: string | null;
            concept: { code: string; display: string } | null;
          }[];
        };
      }>(
        `query D($id: ID!) { document(id: $id) { status extractions { id kind display dose concept { code display } } } }`,
        { id: upload.document.id },
        token,
      );
    const { document } = await eventually(read, (data) => data.document.status === 'PROCESSED');
    const diabetes = document.extractions.find((e) => e.display === 'Type 2 diabetes mellitus');
    expect(diabetes).toMatchObject({
      kind: 'CONDITION',
      concept: { code: 'E11.9', display: 'Type 2 diabetes mellitus without complications' },
    });
    const metformin = document.extractions.find((e) => e.display === 'Metformin');
    expect(metformin).toMatchObject({ kind: 'MEDICATION', dose: '500 mg', concept: null });
    for (const extraction of [diabetes!, metformin!])
      await gql(
        'mutation C($id: ID!) { confirmExtraction(id: $id) { status } }',
        { id: extraction.id },
        token,
      );

    const record = await eventually(
      () =>
        gql<{
          myPatient: {
            conditions: { nodes: { display: string; code: string }[] };
            medications: { nodes: { display: string; dosage: string | null }[] };
          };
        }>(
          `{ myPatient { conditions(first: 10) { nodes { display code } }
             medications(first: 10) { nodes { display dosage } } } }`,
          {},
          token,
        ),
      (data) => data.myPatient.conditions.nodes.length > 0 && data.myPatient.medications.nodes.length > 0,
    );
    expect(record.myPatient.conditions.nodes).toEqual([
      { display: 'Type 2 diabetes mellitus', code: 'E11.9' },
    ]);
    expect(record.myPatient.medications.nodes).toEqual([
      { display: 'Metformin', dosage: '500 mg oral twice daily' },
    ]);
  });
});
