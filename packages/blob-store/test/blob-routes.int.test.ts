import { close, listen, type RouteHandler } from '@holovitals/http-server';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type BlobAuditEvent,
  type BlobGrant,
  blobRoutes,
  BlobUrlSigner,
  LocalBlobStore,
  type StoredBlob,
} from '../src';
import { generatedStream, sha256Of } from './blob-test-streams';

const signer = new BlobUrlSigner('route-test-signing-key-of-40-characters!');
const MAX_BYTES = 2 * 1024 * 1024;

let root: string;
let server: Server;
let base: string;
let store: LocalBlobStore;
const audit: BlobAuditEvent[] = [];
const uploaded: StoredBlob[] = [];
/** The owner's access rule in this test: a subject may touch only keys under its own folder. */
const authorize = (grant: BlobGrant): Promise<boolean> =>
  Promise.resolve(grant.key.startsWith(`${grant.subject}/`));

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'hv-blob-routes-'));
  store = new LocalBlobStore(root);
  const routes: Record<string, RouteHandler> = blobRoutes({
    store,
    signer,
    path: '/files',
    maxBytes: MAX_BYTES,
    authorize,
    audit: async (event) => void audit.push(event),
    onUploaded: async (_grant, blob) => void uploaded.push(blob),
  });
  // The same dispatch a subgraph's HTTP server does for `routes` from defineSubgraph.
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = routes[`${req.method} ${url.pathname}`];
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    Promise.resolve(route(req, res, url)).catch(() => res.writeHead(500).end());
  });
  base = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}/files`;
});

afterAll(async () => {
  await close(server);
  await rm(root, { recursive: true, force: true });
});

beforeEach(() => {
  audit.length = 0;
  uploaded.length = 0;
});

const url = (grant: Partial<BlobGrant> & Pick<BlobGrant, 'operation' | 'key'>): string =>
  signer.sign(base, { subject: 'alice', expiresAt: new Date(Date.now() + 60_000), ...grant });

function put(target: string, body: Readable | Buffer): Promise<Response> {
  return fetch(target, {
    method: 'PUT',
    body: body instanceof Readable ? (Readable.toWeb(body) as ReadableStream) : body,
    duplex: 'half',
  } as RequestInit);
}

describe('signed-URL file route', () => {
  it('uploads a stream, then downloads the same bytes, auditing both', async () => {
    const source = generatedStream(1_500_000, 3);
    const response = await put(url({ operation: 'put', key: 'alice/report.pdf' }), source.stream);
    expect(response.status).toBe(201);
    const stored = (await response.json()) as StoredBlob;
    expect(stored).toEqual({ key: 'alice/report.pdf', size: 1_500_000, sha256: source.sha256() });
    expect(uploaded).toEqual([stored]);

    const download = await fetch(url({ operation: 'get', key: 'alice/report.pdf' }));
    expect(download.status).toBe(200);
    expect(download.headers.get('content-length')).toBe('1500000');
    const body = Readable.fromWeb(download.body as Parameters<typeof Readable.fromWeb>[0]);
    expect(await sha256Of(body)).toEqual({ sha256: stored.sha256, size: 1_500_000 });
    expect(audit.map(({ action, outcome, subject, key }) => ({ action, outcome, subject, key }))).toEqual([
      { action: 'file.upload', outcome: 'allowed', subject: 'alice', key: 'alice/report.pdf' },
      { action: 'file.download', outcome: 'allowed', subject: 'alice', key: 'alice/report.pdf' },
    ]);
  });

  it('refuses forged, expired and wrong-operation URLs with FORBIDDEN, audited as denied', async () => {
    await store.put('alice/note.txt', Readable.from([Buffer.from('hello')]), { maxBytes: 100 });
    const forged = new URL(url({ operation: 'get', key: 'alice/note.txt' }));
    forged.searchParams.set('key', 'alice/other.txt');
    const expired = url({ operation: 'get', key: 'alice/note.txt', expiresAt: new Date(Date.now() - 1000) });
    const uploadUrl = url({ operation: 'put', key: 'alice/note.txt' });
    for (const target of [forged.toString(), expired, uploadUrl, `${base}?key=alice/note.txt`]) {
      const response = await fetch(target);
      expect(response.status).toBe(403);
      expect(
        ((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]?.extensions
          .code,
      ).toBe('FORBIDDEN');
    }
    expect(audit.map((event) => event.outcome)).toEqual(['denied', 'denied', 'denied', 'denied']);
  });

  it("applies the owner's access check to a validly signed URL", async () => {
    const response = await fetch(url({ operation: 'get', key: 'bob/secret.txt', subject: 'alice' }));
    expect(response.status).toBe(403);
    expect(audit).toMatchObject([
      { action: 'file.download', outcome: 'denied', subject: 'alice', key: 'bob/secret.txt' },
    ]);
  });

  it('answers 413 for an upload over the limit and keeps nothing; 409 for a replayed upload; 404 for a missing file', async () => {
    const tooBig = await put(
      url({ operation: 'put', key: 'alice/huge.bin', maxBytes: 1000 }),
      Buffer.alloc(5000),
    );
    expect(tooBig.status).toBe(413);
    expect(await store.size('alice/huge.bin')).toBeNull();

    const streamedTooBig = await put(
      url({ operation: 'put', key: 'alice/huge2.bin' }),
      generatedStream(MAX_BYTES + 100_000).stream,
    ).catch(() => null);
    // Past the limit the server answers 413 and closes; a client still sending may see the reset first.
    if (streamedTooBig) expect(streamedTooBig.status).toBe(413);
    expect(await store.size('alice/huge2.bin')).toBeNull();

    const once = url({ operation: 'put', key: 'alice/once.txt' });
    expect((await put(once, Buffer.from('first'))).status).toBe(201);
    const replay = await put(once, Buffer.from('second'));
    expect(replay.status).toBe(409);
    const content = await store.get('alice/once.txt');
    expect((await sha256Of(content.stream)).size).toBe(5);

    expect((await fetch(url({ operation: 'get', key: 'alice/missing.txt' }))).status).toBe(404);
  });
});
