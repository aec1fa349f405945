import { createChangePublisher } from '@holovitals/live-changes';
import { createLogger, Role } from '@holovitals/subgraph-kit';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { documentsConfig } from '../src/config';
import { documentStore } from '../src/documents-services';
import type { OcrEngine } from '../src/pipeline/ocr-engine';
import { type PipelineDeps, processDocument } from '../src/pipeline/process-document';
import {
  type DocumentsHarness,
  eventually,
  fixture,
  startDocumentsHarness,
  upload,
} from './support/documents-harness';

let h: DocumentsHarness;
let redis: Redis;
let deps: PipelineDeps;
let ownerToken: string;
const ownerId = randomUUID();

/** An OCR engine that crashes on every page, as tesseract does when its worker dies mid-page. */
const crashingOcr = {
  recognize: () => Promise.reject(new Error('tesseract worker exited')),
  stop: () => Promise.resolve(),
} as unknown as OcrEngine;

beforeAll(async () => {
  h = await startDocumentsHarness();
  await h.addPatient(ownerId);
  ownerToken = await h.token(Role.PATIENT, ownerId);
  redis = new Redis(h.sg.redisUrl);
  const config = z.object(documentsConfig).parse(h.env);
  deps = {
    dataSource: h.sg.dataSource,
    store: documentStore(config),
    ocr: crashingOcr,
    changes: createChangePublisher(redis),
    limits: { maxPages: config.DOCUMENT_MAX_PAGES, maxImagePixels: config.DOCUMENT_MAX_IMAGE_PIXELS },
    model: null,
  };
});

afterAll(async () => {
  redis?.disconnect();
  await h?.stop();
});

const job = (documentId: string, generation: number, attempt: number) => ({
  id: `${documentId}.${generation}`,
  queue: 'documents.process',
  data: { documentId, generation, traceId: null },
  attempt,
  signal: new AbortController().signal,
  progress: () => Promise.resolve(),
  logger: createLogger('documents-worker-test', 'silent'),
});

interface Row {
  status: string;
  failure_reason: string | null;
  generation: number;
}

async function row(id: string): Promise<Row> {
  const rows = (await h.sg.dataSource.query(
    `SELECT status, failure_reason, generation FROM document WHERE id = $1`,
    [id],
  )) as Row[];
  return rows[0]!;
}

async function statusOf(
  id: string,
): Promise<{ status: string; failureReason: string | null; count: number }> {
  const response = await h.sg.graphql<{
    document: { status: string; failureReason: string | null; extractions: unknown[] };
  }>(
    `query D($id: ID!) { document(id: $id) { status failureReason extractions { id } } }`,
    { id },
    {
      token: ownerToken,
    },
  );
  const document = response.body.data!.document;
  return {
    status: document.status,
    failureReason: document.failureReason,
    count: document.extractions.length,
  };
}

describe('documents: a processing run that keeps failing (OCR crashes)', () => {
  it('stays PROCESSING while tries remain, is FAILED with a reason on the last, and recovers on reprocess', async () => {
    // An image-only PDF: its page images go to OCR. (A crash on a PNG/JPEG/TIFF upload is read as a damaged
    // image and fails at once; see document-reading.ts.)
    const { id } = await upload(h.sg, ownerToken, 'scan.pdf', fixture('metabolic-panel-image-only.pdf'));
    // Let the real worker finish its own run first, then put the run back to the start.
    await eventually(
      () => statusOf(id),
      (document) => document.status === 'PROCESSED',
      120_000,
    );
    await h.sg.dataSource.query(
      `UPDATE document SET status = 'QUEUED', progress = 0, processed_at = NULL WHERE id = $1`,
      [id],
    );
    const { generation } = await row(id);

    await expect(processDocument(deps, job(id, generation, 1), false)).rejects.toThrow(
      'tesseract worker exited',
    );
    expect(await row(id)).toMatchObject({ status: 'PROCESSING', failure_reason: null });

    await expect(processDocument(deps, job(id, generation, 3), true)).rejects.toThrow(
      'tesseract worker exited',
    );
    expect(await statusOf(id)).toMatchObject({
      status: 'FAILED',
      failureReason: 'Processing failed; try reprocessing later.',
    });
    // A redelivered job of a finished run, or one of an older run, changes nothing.
    expect(await processDocument(deps, job(id, generation, 1), false)).toBe('already finished');
    expect(await processDocument(deps, job(id, generation - 1, 1), false)).toBe('superseded');
    expect((await row(id)).status).toBe('FAILED');

    const reprocessed = await h.sg.graphql<{ reprocessDocument: { status: string } }>(
      `mutation R($id: ID!) { reprocessDocument(id: $id) { status } }`,
      { id },
      { token: ownerToken },
    );
    expect(reprocessed.body.errors).toBeUndefined();
    const recovered = await eventually(
      () => statusOf(id),
      (document) => document.status === 'PROCESSED',
      120_000,
    );
    expect(recovered).toMatchObject({ status: 'PROCESSED', failureReason: null });
    expect(recovered.count).toBeGreaterThan(4);
  }, 300_000);

  it('does not touch a deleted document', async () => {
    const { id } = await upload(h.sg, ownerToken, 'labs.pdf', fixture('metabolic-panel.pdf'));
    await eventually(
      () => statusOf(id),
      (document) => document.status === 'PROCESSED',
      120_000,
    );
    const { generation } = await row(id);
    const deleted = await h.sg.graphql<{ deleteDocument: boolean }>(
      `mutation X($id: ID!) { deleteDocument(id: $id) }`,
      { id },
      { token: ownerToken },
    );
    expect(deleted.body.data?.deleteDocument).toBe(true);
    expect(await processDocument(deps, job(id, generation, 1), true)).toBe('document gone');
  }, 180_000);
});
