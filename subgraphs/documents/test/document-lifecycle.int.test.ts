import { BlobUrlSigner } from '@holovitals/blob-store';
import { GATEWAY_CREDENTIAL_HEADER, Role } from '@holovitals/subgraph-kit';
import { QueueProducer } from '@holovitals/worker-runtime';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLINICAL_SUMMARIES } from '../bench/clinical-list-truth';
import { LAB_REPORTS } from '../bench/lab-report-truth';
import { processDocumentQueue } from '../src/pipeline/document-queue';
import {
  type DocumentsHarness,
  eventually,
  fixture,
  startDocumentsHarness,
  upload,
} from './support/documents-harness';
import { pdfImageBomb, pngToTiff } from './support/test-images';

interface Extraction {
  id: string;
  kind: string;
  codeSystem: string;
  code: string;
  display: string;
  valueText: string;
  dose: string | null;
  route: string | null;
  frequency: string | null;
  clinicalStatus: string | null;
  status: string;
}

interface Document {
  id: string;
  status: string;
  failureReason: string | null;
  mediaType: string | null;
  pages: { pageNumber: number; source: string; width: number; height: number; imageUrl: string | null }[];
  extractions: Extraction[];
}

const FIELDS = `id status failureReason mediaType
  pages { pageNumber source width height imageUrl }
  extractions { id kind codeSystem code display valueText dose route frequency clinicalStatus status }`;

// Short-lived links, so one test can watch a download link expire.
const LINK_SECONDS = 2;

let h: DocumentsHarness;
let producer: QueueProducer;
const ownerId = randomUUID();
let ownerToken: string;
let strangerToken: string;

beforeAll(async () => {
  h = await startDocumentsHarness({
    BLOB_URL_TTL_SECONDS: String(LINK_SECONDS),
    DOCUMENT_MAX_BYTES: String(8 * 1024 * 1024),
  });
  await h.addPatient(ownerId);
  ownerToken = await h.token(Role.PATIENT, ownerId);
  strangerToken = await h.token(Role.PATIENT, randomUUID());
  producer = new QueueProducer({ redisUrl: h.sg.redisUrl, prefix: h.env.QUEUE_PREFIX as string });
});

afterAll(async () => {
  await producer?.close();
  await h?.stop();
});

const read = (id: string, token = ownerToken) =>
  h.sg.graphql<{ document: Document }>(
    `query D($id: ID!) { document(id: $id) { ${FIELDS} } }`,
    { id },
    { token },
  );

async function finished(id: string, ms = 180_000): Promise<Document> {
  const response = await eventually(
    () => read(id),
    (r) => ['PROCESSED', 'FAILED', 'REJECTED'].includes(r.body.data?.document.status ?? ''),
    ms,
  );
  return response.body.data?.document as Document;
}

async function audits(action: string, documentId: string): Promise<{ outcome: string; actor: unknown }[]> {
  const rows = (await h.sg.dataSource.query(
    `SELECT payload FROM event_outbox WHERE type = 'audit.recorded' AND payload->>'action' = $1`,
    [action],
  )) as { payload: { entityIds: string[]; outcome: string; actor: unknown } }[];
  return rows.filter((row) => row.payload.entityIds.includes(documentId)).map((row) => row.payload);
}

const stored = (key: string): boolean => existsSync(join(h.blobDir, key));

describe('documents: page images, diagnoses and medications', () => {
  it('renders each PDF page to an encrypted PNG served only through its signed, access-checked link', async () => {
    const { id } = await upload(h.sg, ownerToken, 'labs.pdf', fixture('metabolic-panel.pdf'));
    const document = await finished(id);
    const [page] = document.pages;
    expect(page?.imageUrl).toBeTruthy();
    const response = await fetch(page!.imageUrl!);
    expect(response.status).toBe(200);
    const png = Buffer.from(await response.arrayBuffer());
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    // Rendered at 1.5× the page's points, so row boxes (in points) scale onto it.
    expect(Math.abs(png.readUInt32BE(16) - page!.width * 1.5)).toBeLessThan(1.5);
    // At rest the file is ciphertext, not a PNG.
    expect(readdirSync(join(h.blobDir, 'page-images', id, '1'))).toEqual(['1.png']);
    expect(
      readFileSync(join(h.blobDir, 'page-images', id, '1', '1.png'))
        .subarray(1, 4)
        .toString('latin1'),
    ).not.toBe('PNG');
    // A correctly signed link issued to someone else is refused when used: access is checked at that moment.
    const strangers = new BlobUrlSigner(h.env.BLOB_URL_SIGNING_KEY as string).sign(
      `${h.env.DOCUMENTS_PUBLIC_URL}/files`,
      {
        operation: 'get',
        key: `page-images/${id}/1/1.png`,
        subject: randomUUID(),
        expiresAt: new Date(Date.now() + 60_000),
      },
    );
    expect((await fetch(strangers)).status).toBe(403);
    const forged = new URL(page!.imageUrl!);
    forged.searchParams.set('key', `documents/${randomUUID()}`);
    expect((await fetch(forged)).status).toBe(403);
  }, 240_000);

  it('proposes the diagnoses and medications of a discharge summary; a confirmed diagnosis becomes a Condition', async () => {
    const summary = CLINICAL_SUMMARIES[0]!;
    const { id } = await upload(h.sg, ownerToken, 'discharge.pdf', fixture(`${summary.id}.pdf`));
    const document = await finished(id);
    const conditions = document.extractions.filter((e) => e.kind === 'CONDITION');
    const medications = document.extractions.filter((e) => e.kind === 'MEDICATION');
    expect(conditions.map((e) => [e.display, e.code, e.clinicalStatus])).toEqual(
      summary.conditions.map((c) => [c.name, c.icd10Code, c.status]),
    );
    expect(conditions[0]?.codeSystem).toBe('http://hl7.org/fhir/sid/icd-10-cm');
    expect(medications.map((e) => [e.display, e.dose, e.route, e.frequency])).toEqual(
      summary.medications.map((m) => [m.name, m.dose, m.route, m.frequency]),
    );
    for (const extraction of [conditions[0]!, medications[0]!]) {
      const confirmed = await h.sg.graphql<{ confirmExtraction: { status: string } }>(
        `mutation C($id: ID!) { confirmExtraction(id: $id) { status } }`,
        { id: extraction.id },
        { token: ownerToken },
      );
      expect(confirmed.body.data?.confirmExtraction.status).toBe('CONFIRMED');
    }
    const events = (await h.sg.dataSource.query(
      `SELECT payload FROM event_outbox WHERE type = 'document.processed' AND payload->>'documentId' = $1 ORDER BY id`,
      [id],
    )) as { payload: { bundleRef: string } }[];
    const resources = await Promise.all(
      events.map(async ({ payload }) => {
        const response = await fetch(payload.bundleRef, {
          headers: { [GATEWAY_CREDENTIAL_HEADER]: h.sg.gatewaySecret },
        });
        return ((await response.json()) as { entry: { resource: Record<string, unknown> }[] }).entry[0]
          ?.resource;
      }),
    );
    // Outbox ids are not in confirmation order: compare by resource type.
    resources.sort((a, b) => String(a?.resourceType).localeCompare(String(b?.resourceType)));
    expect(resources).toEqual([
      expect.objectContaining({
        resourceType: 'Condition',
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
        clinicalStatus: {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }],
        },
        evidence: [{ detail: [{ reference: `DocumentReference/${id}` }] }],
      }),
      expect.objectContaining({
        resourceType: 'MedicationStatement',
        status: 'active',
        medicationCodeableConcept: expect.objectContaining({ text: 'Metformin' }),
        dosage: [{ text: '500 mg oral twice daily', route: { text: 'oral' } }],
        derivedFrom: [{ reference: `DocumentReference/${id}` }],
      }),
    ]);
  }, 240_000);
});

describe('documents: lifecycle', () => {
  it('reprocessDocument starts a new run: proposals replaced, decisions and nothing else kept, audited', async () => {
    const { id } = await upload(h.sg, ownerToken, 'again.pdf', fixture('lipid-thyroid.pdf'));
    const first = await finished(id);
    const [kept, ...others] = first.extractions;
    await h.sg.graphql(
      `mutation C($id: ID!) { confirmExtraction(id: $id) { id } }`,
      { id: kept!.id },
      { token: ownerToken },
    );

    const denied = await h.sg.graphql(
      `mutation R($id: ID!) { reprocessDocument(id: $id) { id } }`,
      { id },
      {
        token: strangerToken,
      },
    );
    expect(denied.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const started = await h.sg.graphql<{ reprocessDocument: { status: string } }>(
      `mutation R($id: ID!) { reprocessDocument(id: $id) { status } }`,
      { id },
      { token: ownerToken },
    );
    expect(started.body.data?.reprocessDocument.status).toBe('QUEUED');
    const generation = (await h.sg.dataSource.query(`SELECT generation FROM document WHERE id = $1`, [
      id,
    ])) as {
      generation: number;
    }[];
    expect(generation[0]?.generation).toBe(2);
    const second = await finished(id);
    expect(second.status).toBe('PROCESSED');
    const ids = second.extractions.map((e) => e.id);
    // The confirmed row stays; the old proposals are gone, replaced by this run's. The run proposes every row it
    // reads, so the one already confirmed is proposed again (it is not matched against decided rows).
    expect(ids).toContain(kept!.id);
    for (const old of others) expect(ids).not.toContain(old.id);
    expect(second.extractions.filter((e) => e.status === 'PROPOSED')).toHaveLength(
      LAB_REPORTS[1]!.rows.length,
    );
    // The first run's page image was replaced by this run's.
    expect(stored(`page-images/${id}/1/1.png`)).toBe(false);
    expect(stored(`page-images/${id}/2/1.png`)).toBe(true);
    expect(await audits('reprocess', id)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ outcome: 'SUCCESS' }),
        expect.objectContaining({ outcome: 'DENIED' }),
      ]),
    );
    // Both runs are audited as the worker's job.
    expect(await audits('process', id)).toHaveLength(2);

    const { id: waiting } = await h.sg
      .graphql<{ uploadDocument: { document: { id: string } } }>(
        `mutation { uploadDocument(input: { filename: "later.pdf", size: 10 }) { document { id } } }`,
        {},
        { token: ownerToken },
      )
      .then((r) => r.body.data!.uploadDocument.document);
    const notYet = await h.sg.graphql(
      `mutation R($id: ID!) { reprocessDocument(id: $id) { id } }`,
      { id: waiting },
      {
        token: ownerToken,
      },
    );
    expect(notYet.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  }, 300_000);

  it('documentDownloadUrl: the owner’s link streams the file until it expires; another user is refused', async () => {
    const bytes = fixture('inflammation-coag.pdf');
    const { id } = await upload(h.sg, ownerToken, 'download.pdf', bytes);
    await finished(id);
    const link = await h.sg.graphql<{ documentDownloadUrl: { url: string; expiresAt: string } }>(
      `query L($id: ID!) { documentDownloadUrl(id: $id) { url expiresAt } }`,
      { id },
      { token: ownerToken },
    );
    const { url, expiresAt } = link.body.data!.documentDownloadUrl;
    expect(new Date(expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(LINK_SECONDS * 1000);
    const body = Buffer.from(await (await fetch(url)).arrayBuffer());
    expect(body.equals(bytes)).toBe(true);
    const tampered = new URL(url);
    tampered.searchParams.set('exp', String(Math.floor(Date.now() / 1000) + 3600));
    expect((await fetch(tampered)).status).toBe(403);

    const stranger = await h.sg.graphql(
      `query L($id: ID!) { documentDownloadUrl(id: $id) { url } }`,
      { id },
      {
        token: strangerToken,
      },
    );
    expect(stranger.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(stranger.body.data).toBeNull();
    expect(await audits('download-link', id)).toEqual(
      expect.arrayContaining([expect.objectContaining({ outcome: 'DENIED' })]),
    );

    await new Promise((resolve) => setTimeout(resolve, (LINK_SECONDS + 1) * 1000));
    const expired = await fetch(url);
    expect(expired.status).toBeGreaterThanOrEqual(400);
    expect(expired.status).toBeLessThan(500);
  }, 240_000);

  it('deleteDocument hides the document at once; the purge job removes file, page images and text, audited', async () => {
    const { id } = await upload(h.sg, ownerToken, 'delete-me.pdf', fixture('metabolic-panel.pdf'));
    await finished(id);
    expect(stored(`documents/${id}`)).toBe(true);
    const deleted = await h.sg.graphql<{ deleteDocument: boolean }>(
      `mutation X($id: ID!) { deleteDocument(id: $id) }`,
      { id },
      {
        token: ownerToken,
      },
    );
    expect(deleted.body.data?.deleteDocument).toBe(true);
    expect((await read(id)).body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const row = (await h.sg.dataSource.query(`SELECT deleted_at FROM document WHERE id = $1`, [id])) as {
      deleted_at: Date | null;
    }[];
    expect(row[0]?.deleted_at).toBeInstanceOf(Date);
    const pages = await eventually(
      () =>
        h.sg.dataSource.query(`SELECT 1 FROM document_page WHERE document_id = $1`, [id]) as Promise<
          unknown[]
        >,
      (rows) => rows.length === 0,
    );
    expect(pages).toEqual([]);
    expect(stored(`documents/${id}`)).toBe(false);
    expect(stored(`page-images/${id}/1/1.png`)).toBe(false);
    expect(await audits('delete', id)).toEqual(
      expect.arrayContaining([expect.objectContaining({ outcome: 'SUCCESS' })]),
    );
    expect(await audits('purge', id)).toEqual([expect.objectContaining({ outcome: 'SUCCESS' })]);
  }, 240_000);

  it('a run that fails every try is dead-lettered and its document FAILED with a reason', async () => {
    const { id } = await upload(h.sg, ownerToken, 'vanishing.pdf', fixture('metabolic-panel.pdf'));
    await finished(id);
    // The stored file disappears (a storage fault): reading it throws on every try.
    rmSync(join(h.blobDir, 'documents', id));
    await h.sg.graphql(
      `mutation R($id: ID!) { reprocessDocument(id: $id) { id } }`,
      { id },
      { token: ownerToken },
    );
    const letters = await eventually(
      () => producer.deadLetters(processDocumentQueue),
      (list) => list.some((letter) => letter.jobId === `${id}.2`),
      120_000,
    );
    expect(letters.find((letter) => letter.jobId === `${id}.2`)).toMatchObject({
      queue: 'documents.process',
      data: { documentId: id, generation: 2 },
      attemptsMade: processDocumentQueue.attempts,
    });
    expect(await finished(id)).toMatchObject({
      status: 'FAILED',
      failureReason: 'Processing failed; try reprocessing later.',
    });
  }, 240_000);
});

describe('documents: TIFF scans and decompression bombs', () => {
  it('OCRs a TIFF scan (no page image: browsers cannot show TIFF)', async () => {
    const tiff = await pngToTiff(fixture('metabolic-panel.png'));
    const { id } = await upload(h.sg, ownerToken, 'scan.tif', tiff);
    const document = await finished(id);
    expect(document).toMatchObject({ status: 'PROCESSED', mediaType: 'image/tiff' });
    expect(document.pages).toEqual([expect.objectContaining({ source: 'OCR', imageUrl: null })]);
    expect(document.extractions.map((e) => e.display)).toEqual(LAB_REPORTS[0]!.rows.map((row) => row.name));
  }, 240_000);

  it('fails a PDF whose small Flate stream inflates to a 10,000 × 10,000 image, without decoding it; others go on', async () => {
    const bomb = await pdfImageBomb(10_000);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const bombUpload = await upload(h.sg, ownerToken, 'bomb.pdf', bomb);
    const good = await upload(h.sg, ownerToken, 'good.png', fixture('inflammation-coag.png'));
    const [bombDocument, goodDocument] = await Promise.all([finished(bombUpload.id), finished(good.id)]);
    expect(bombDocument.status).toBe('FAILED');
    expect(bombDocument.failureReason).toMatch(/10000×10000 image; the limit is 40000000 pixels/);
    expect(goodDocument.status).toBe('PROCESSED');
    expect(goodDocument.extractions).toHaveLength(LAB_REPORTS[2]!.rows.length);
    // An image upload is its own page image.
    expect(goodDocument.pages[0]?.imageUrl).toBeTruthy();
    const image = Buffer.from(await (await fetch(goodDocument.pages[0]!.imageUrl!)).arrayBuffer());
    expect(image.equals(fixture('inflammation-coag.png'))).toBe(true);
  }, 300_000);
});
