import { GATEWAY_CREDENTIAL_HEADER, Role } from '@holovitals/subgraph-kit';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAB_REPORTS } from '../bench/lab-report-truth';
import {
  DOCUMENT_FIELDS,
  type DocumentsHarness,
  eventually,
  fixture,
  startDocumentsHarness,
  upload,
} from './support/documents-harness';

interface ExtractionRow {
  id: string;
  display: string;
  valueText: string;
  unit: string | null;
  referenceLow: number | null;
  referenceHigh: number | null;
  flag: string | null;
  effectiveAt: string | null;
  status: string;
}

interface DocumentRow {
  id: string;
  status: string;
  failureReason: string | null;
  mediaType: string | null;
  scanResult: string;
  pageCount: number;
  pages: { pageNumber: number; text: string; source: string; ocrConfidence: number | null }[];
  extractions: ExtractionRow[];
}

let h: DocumentsHarness;
const ownerId = randomUUID();
let patientId: string;
let ownerToken: string;

beforeAll(async () => {
  h = await startDocumentsHarness();
  patientId = await h.addPatient(ownerId);
  ownerToken = await h.token(Role.PATIENT, ownerId);
});

afterAll(async () => {
  await h.stop();
});

async function read(id: string, token = ownerToken) {
  return h.sg.graphql<{ document: DocumentRow }>(
    `query Doc($id: ID!) { document(id: $id) { ${DOCUMENT_FIELDS} } }`,
    { id },
    { token },
  );
}

async function finished(id: string): Promise<DocumentRow> {
  const response = await eventually(
    () => read(id),
    (r) => ['PROCESSED', 'FAILED', 'REJECTED'].includes(r.body.data?.document.status ?? ''),
    120_000,
  );
  return response.body.data?.document as DocumentRow;
}

const rowsOf = (document: DocumentRow) =>
  document.extractions.map((e) => [
    e.display,
    e.valueText,
    e.unit,
    `${e.referenceLow}-${e.referenceHigh}`,
    e.flag ?? '',
  ]);

const metabolic = LAB_REPORTS[0]!;
const expectedRows = metabolic.rows.map((row) => [
  row.name,
  row.value,
  row.unit,
  row.range.split('-').map(Number).join('-'),
  row.flag,
]);

describe('documents: upload → text → extraction → confirmation', () => {
  it('reads a text-layer PDF without OCR, stores it encrypted, and proposes every lab row with its date', async () => {
    const { id, putStatus } = await upload(h.sg, ownerToken, 'report.pdf', fixture('metabolic-panel.pdf'));
    expect(putStatus).toBe(201);
    const document = await finished(id);
    expect(document).toMatchObject({
      status: 'PROCESSED',
      mediaType: 'application/pdf',
      pageCount: 1,
      scanResult: 'NOT_SCANNED',
    });
    expect(document.pages[0]).toMatchObject({ source: 'TEXT_LAYER', ocrConfidence: null });
    expect(document.pages[0]?.text).toContain('Riverside Clinical Laboratory');
    expect(rowsOf(document)).toEqual(expectedRows);
    expect(document.extractions[0]?.effectiveAt).toBe('2026-11-20T00:00:00.000Z');
    const stored = readFileSync(join(h.blobDir, 'documents', id));
    expect(stored.includes(Buffer.from('%PDF'))).toBe(false);
    expect(stored.includes(Buffer.from('Glucose'))).toBe(false);
  });

  it('OCRs a rotated, noisy scan (PNG) offline and reads the same rows', async () => {
    const { id } = await upload(h.sg, ownerToken, 'scan.png', fixture('metabolic-panel-scan.png'));
    const document = await finished(id);
    expect(document).toMatchObject({ status: 'PROCESSED', mediaType: 'image/png' });
    expect(document.pages[0]?.source).toBe('OCR');
    expect(document.pages[0]?.ocrConfidence).toBeGreaterThan(0.7);
    expect(rowsOf(document)).toEqual(expectedRows);
  });

  it('confirms a result: document.processed names a bundle only the patient subgraph may fetch', async () => {
    const { id } = await upload(h.sg, ownerToken, 'again.pdf', fixture('metabolic-panel.pdf'));
    const document = await finished(id);
    const glucose = document.extractions.find((e) => e.display === 'Glucose') as ExtractionRow;
    const confirmed = await h.sg.graphql<{ confirmExtraction: { status: string } }>(
      `mutation C($id: ID!) { confirmExtraction(id: $id) { status } }`,
      { id: glucose.id },
      { token: ownerToken },
    );
    expect(confirmed.body.data?.confirmExtraction.status).toBe('CONFIRMED');
    const events = (await h.sg.dataSource.query(
      `SELECT payload FROM event_outbox WHERE type = 'document.processed'`,
    )) as { payload: { documentId: string; patientId: string; bundleRef: string; resourceCount: number } }[];
    const event = events.find((row) => row.payload.documentId === id)?.payload;
    expect(event).toMatchObject({ documentId: id, patientId, resourceCount: 1 });
    const refused = await fetch(event!.bundleRef);
    expect(refused.status).toBe(403);
    const bundle = (await (
      await fetch(event!.bundleRef, { headers: { [GATEWAY_CREDENTIAL_HEADER]: h.sg.gatewaySecret } })
    ).json()) as { entry: { resource: Record<string, unknown> }[] };
    expect(bundle.entry[0]?.resource).toMatchObject({
      resourceType: 'Observation',
      code: { text: 'Glucose' },
      valueQuantity: { value: 98, unit: 'mg/dL' },
      referenceRange: [{ low: { value: 70 }, high: { value: 99 } }],
      derivedFrom: [{ reference: `DocumentReference/${id}` }],
    });
    const rejectConfirmed = await h.sg.graphql(
      `mutation R($id: ID!) { rejectExtraction(id: $id) { status } }`,
      { id: glucose.id },
      { token: ownerToken },
    );
    expect(rejectConfirmed.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('finds documents by text, ranked, with highlights, and only the caller’s', async () => {
    const found = await h.sg.graphql<{
      searchDocuments: { hits: { document: { id: string }; highlight: string; pageNumber: number }[] };
    }>(
      `{ searchDocuments(text: "magnesium") { hits { document { id } pageNumber highlight rank } } }`,
      {},
      { token: ownerToken },
    );
    expect(found.body.data?.searchDocuments.hits.length).toBeGreaterThan(0);
    expect(found.body.data?.searchDocuments.hits[0]?.highlight).toContain('[[Magnesium]]');
    const stranger = await h.token(Role.PATIENT, randomUUID());
    const none = await h.sg.graphql<{ searchDocuments: { hits: unknown[] } }>(
      `{ searchDocuments(text: "magnesium") { hits { pageNumber } } }`,
      {},
      { token: stranger },
    );
    expect(none.body.data?.searchDocuments.hits).toEqual([]);
  });

  it('refuses strangers and anonymous callers, and audits the refusal', async () => {
    const { id } = await upload(h.sg, ownerToken, 'mine.pdf', fixture('lipid-thyroid.pdf'));
    const stranger = await h.token(Role.PATIENT, randomUUID());
    const denied = await read(id, stranger);
    expect(denied.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await h.sg.graphql(`query D($id: ID!) { document(id: $id) { id } }`, { id });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const audits = (await h.sg.dataSource.query(
      `SELECT payload FROM event_outbox WHERE type = 'audit.recorded' AND payload->>'outcome' = 'DENIED'`,
    )) as { payload: { entityIds: string[] } }[];
    expect(audits.some((row) => row.payload.entityIds.includes(id))).toBe(true);
  });
});

describe('documents: bad input is refused with a reason, nothing else stops', () => {
  it('refuses empty and oversize uploads before writing anything', async () => {
    const before = (await h.sg.dataSource.query(`SELECT count(*)::int AS n FROM document`)) as {
      n: number;
    }[];
    const empty = await h.sg.graphql(
      `mutation { uploadDocument(input: { filename: "empty.pdf", size: 0 }) { uploadUrl } }`,
      {},
      { token: ownerToken },
    );
    expect(empty.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const huge = await h.sg.graphql(
      `mutation { uploadDocument(input: { filename: "huge.pdf", size: 209715200 }) { uploadUrl } }`,
      {},
      { token: ownerToken },
    );
    expect(huge.body.errors?.[0]?.extensions).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    const after = (await h.sg.dataSource.query(`SELECT count(*)::int AS n FROM document`)) as { n: number }[];
    expect(after[0]?.n).toBe(before[0]?.n);
  });

  it('refuses more bytes than announced at the signed URL', async () => {
    const { id, putStatus } = await upload(
      h.sg,
      ownerToken,
      'liar.pdf',
      fixture('metabolic-panel.pdf'),
      1000,
    );
    expect(putStatus).toBe(413);
    expect((await read(id)).body.data?.document.status).toBe('AWAITING_UPLOAD');
    expect(readdirSync(join(h.blobDir, 'documents')).includes(id)).toBe(false);
  });

  it('rejects an executable renamed .pdf by its content, and deletes it', async () => {
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(200, 1)]);
    const { id } = await upload(h.sg, ownerToken, 'invoice.pdf', elf);
    const document = await finished(id);
    expect(document.status).toBe('REJECTED');
    expect(document.failureReason).toMatch(/not a PDF, PNG, JPEG or TIFF/);
    expect(readdirSync(join(h.blobDir, 'documents')).includes(id)).toBe(false);
  });

  it('fails a corrupt PDF, an encrypted PDF and a huge image (decompression bomb) cleanly; others go on', async () => {
    const corrupt = await upload(
      h.sg,
      ownerToken,
      'broken.pdf',
      Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage'),
    );
    // PNG header claiming 20,000 × 20,000 pixels: refused from the header, never decoded.
    const header = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const size = Buffer.alloc(8);
    size.writeUInt32BE(20_000, 0);
    size.writeUInt32BE(20_000, 4);
    const huge = await upload(
      h.sg,
      ownerToken,
      'huge.png',
      Buffer.concat([header, size, Buffer.from('0806000000', 'hex'), Buffer.alloc(64)]),
    );
    // Standard security handler with a user password (O and U are not those of the empty password).
    const encryptedPdf = [
      '%PDF-1.4',
      '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
      '2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj',
      `3 0 obj << /Filter /Standard /V 1 /R 2 /O <${'aa'.repeat(32)}> /U <${'bb'.repeat(32)}> /P -4 >> endobj`,
      `trailer << /Root 1 0 R /Encrypt 3 0 R /ID [<${'cc'.repeat(16)}><${'cc'.repeat(16)}>] /Size 4 >>`,
      '%%EOF',
    ].join('\n');
    const encrypted = await upload(h.sg, ownerToken, 'locked.pdf', Buffer.from(encryptedPdf));
    const good = await upload(h.sg, ownerToken, 'good.pdf', fixture('inflammation-coag.pdf'));
    const [corruptDoc, hugeDoc, encryptedDoc, goodDoc] = await Promise.all([
      finished(corrupt.id),
      finished(huge.id),
      finished(encrypted.id),
      finished(good.id),
    ]);
    expect(encryptedDoc).toMatchObject({ status: 'FAILED', failureReason: 'The PDF is password-protected.' });
    expect(corruptDoc).toMatchObject({
      status: 'FAILED',
      failureReason: 'The PDF is damaged and cannot be read.',
    });
    expect(hugeDoc.status).toBe('FAILED');
    expect(hugeDoc.failureReason).toMatch(/20000×20000 pixels; the limit is/);
    expect(goodDoc.status).toBe('PROCESSED');
    expect(goodDoc.extractions).toHaveLength(LAB_REPORTS[2]!.rows.length);
  });
});
