import type { DomainEvent } from '@holovitals/events';
import type { Role } from '@holovitals/subgraph-kit';
import {
  freePort,
  publishTestEvent,
  startTestIssuer,
  startTestSubgraph,
  type TestIssuer,
  type TestSubgraph,
} from '@holovitals/testing';
import { runWorker, type RunningWorker } from '@holovitals/worker-runtime';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentsWorker } from '../../src/documents-worker';
import { documentsSubgraph } from '../../src/subgraph';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures');
export const fixture = (name: string): Buffer => readFileSync(join(FIXTURES, name));

export interface DocumentsHarness {
  sg: TestSubgraph;
  worker: RunningWorker;
  blobDir: string;
  env: Record<string, string>;
  /** A patient (owned by `ownerId`) the documents subgraph has learned of through `patient.created`. */
  addPatient(ownerId: string): Promise<string>;
  token(role: Role, id: string): Promise<string>;
  publish(event: DomainEvent): Promise<void>;
  stop(): Promise<void>;
}

export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  ms = 60_000,
): Promise<T> {
  const until = Date.now() + ms;
  let value = await read();
  while (!done(value) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

/** The documents subgraph and its worker over one fresh database, Redis and a temporary file store. */
export async function startDocumentsHarness(
  extraEnv: Record<string, string> = {},
): Promise<DocumentsHarness> {
  const issuer: TestIssuer = await startTestIssuer();
  const blobDir = mkdtempSync(join(tmpdir(), 'hv-documents-'));
  const port = await freePort();
  const env = {
    BLOB_STORE_DIR: blobDir,
    BLOB_URL_SIGNING_KEY: randomBytes(32).toString('hex'),
    KEY_ENCRYPTION_SECRET: randomBytes(32).toString('hex'),
    QUEUE_PREFIX: `hv-test-${randomBytes(4).toString('hex')}`,
    DOCUMENTS_PUBLIC_URL: `http://127.0.0.1:${port}`,
    DOCUMENTS_INTERNAL_URL: `http://127.0.0.1:${port}`,
    DOCUMENT_MAX_BYTES: String(2 * 1024 * 1024),
    LOG_LEVEL: 'error',
    ...extraEnv,
  };
  const sg = await startTestSubgraph(documentsSubgraph, { issuer, port, env });
  const worker = await runWorker(documentsWorker, {
    ...env,
    DATABASE_URL: String((sg.dataSource.options as { url: string }).url),
    REDIS_URL: sg.redisUrl,
    PORT: '0',
    LOG_LEVEL: 'error',
  });
  const publish = async (event: DomainEvent): Promise<void> => {
    await publishTestEvent(sg, event);
  };
  return {
    sg,
    worker,
    blobDir,
    env,
    publish,
    token: (role, id) => issuer.token({ sub: id, roles: [role], sid: randomUUID(), emailVerified: true }),
    addPatient: async (ownerId) => {
      const patientId = randomUUID();
      await publish({
        id: randomUUID(),
        type: 'patient.created',
        source: 'patient',
        occurredAt: new Date().toISOString(),
        traceId: null,
        payload: { patientId, ownerUserId: ownerId },
      });
      await eventually(
        () => sg.dataSource.query(`SELECT 1 FROM patient_owner WHERE patient_id = $1`, [patientId]),
        (rows: unknown[]) => rows.length === 1,
      );
      return patientId;
    },
    stop: async () => {
      await worker.stop();
      await sg.stop();
      await issuer.stop();
      rmSync(blobDir, { recursive: true, force: true });
    },
  };
}

export const DOCUMENT_FIELDS = `id status failureReason mediaType sizeBytes scanResult progress pageCount
  pages { pageNumber text source ocrConfidence }
  extractions { id display code value valueText unit referenceLow referenceHigh flag effectiveAt confidence pageNumber status }`;

/** uploadDocument, then PUT the bytes to the signed URL; returns the document id and the PUT's status. */
export async function upload(
  sg: TestSubgraph,
  token: string,
  filename: string,
  bytes: Buffer,
  declaredSize = bytes.length,
): Promise<{ id: string; putStatus: number }> {
  const created = await sg.graphql<{ uploadDocument: { document: { id: string }; uploadUrl: string } }>(
    `mutation Up($input: UploadDocumentInput!) { uploadDocument(input: $input) { document { id } uploadUrl } }`,
    { input: { filename, size: declaredSize } },
    { token },
  );
  const payload = created.body.data?.uploadDocument;
  if (!payload) throw new Error(JSON.stringify(created.body.errors));
  const put = await fetch(payload.uploadUrl, { method: 'PUT', body: bytes });
  await put.arrayBuffer();
  return { id: payload.document.id, putStatus: put.status };
}
