import { Role } from '@holovitals/subgraph-kit';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DocumentsHarness, startDocumentsHarness } from './support/documents-harness';

let h: DocumentsHarness;
let token: string;

// Events off, so no relay or consumer runs statements in the background while they are counted; the rows are
// written directly, as the worker would have.
beforeAll(async () => {
  h = await startDocumentsHarness({ EVENTS_ENABLED: 'false' });
  const ownerId = randomUUID();
  const patientId = randomUUID();
  await h.sg.dataSource.query(`INSERT INTO patient_owner (patient_id, owner_user_id) VALUES ($1, $2)`, [
    patientId,
    ownerId,
  ]);
  for (let index = 0; index < 4; index += 1) {
    const id = randomUUID();
    await h.sg.dataSource.query(
      `INSERT INTO document (id, patient_id, uploaded_by, filename, status, generation, blob_key)
       VALUES ($1, $2, $3, 'report.pdf', 'PROCESSED', 1, $4)`,
      [id, patientId, ownerId, `documents/${id}`],
    );
    for (let page = 1; page <= 2; page += 1)
      await h.sg.dataSource.query(
        `INSERT INTO document_page (document_id, patient_id, page_number, text, source, width, height, lines)
         VALUES ($1, $2, $3, 'Glucose 98 mg/dL 70-99', 'TEXT_LAYER', 595, 842, '[]')`,
        [id, patientId, page],
      );
    for (let row = 0; row < 3; row += 1)
      await h.sg.dataSource.query(
        `INSERT INTO extraction (document_id, patient_id, generation, code_system, code, display, value, value_text,
           confidence, page_number, box)
         VALUES ($1, $2, 1, 'urn:holovitals:document-lab-name', 'glucose', 'Glucose', 98, '98', 1, 1,
           '{"x":0,"y":${row * 20},"width":10,"height":10}')`,
        [id, patientId],
      );
  }
  token = await h.token(Role.PATIENT, ownerId);
});

afterAll(async () => {
  await h.stop();
});

async function statementsFor(first: number): Promise<number> {
  const before = h.sg.queryCount();
  const response = await h.sg.graphql<{
    documents: { nodes: { pages: unknown[]; extractions: unknown[] }[] };
  }>(
    `query L($first: Int!) { documents(first: $first) { nodes { id pages { text } extractions { id display } } } }`,
    { first },
    { token },
  );
  expect(response.body.errors).toBeUndefined();
  const nodes = response.body.data?.documents.nodes ?? [];
  expect(nodes).toHaveLength(first);
  expect(nodes.every((node) => node.pages.length === 2 && node.extractions.length === 3)).toBe(true);
  return h.sg.queryCount() - before;
}

describe('documents list: SQL statements do not grow with the rows returned', () => {
  it('reads 1 or 4 documents with their pages and extractions in the same number of statements', async () => {
    const one = await statementsFor(1);
    const four = await statementsFor(4);
    expect(four).toBe(one);
    expect(one).toBeLessThan(15);
  });
});
