import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forwardFileRequest, isFilesRequest } from './documents-file-proxy';

interface Seen {
  method: string;
  url: string;
  body: Buffer;
  headers: IncomingMessage['headers'];
}

const listen = (server: Server): Promise<string> =>
  new Promise((done) =>
    server.listen(0, '127.0.0.1', () => done(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );

let documents: Server;
let web: Server;
let webUrl: string;
const seen: Seen[] = [];

beforeAll(async () => {
  // Stands in for the documents subgraph's /files route.
  documents = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        body: Buffer.concat(chunks),
        headers: req.headers,
      });
      if (req.method === 'PUT') {
        res.writeHead(201, { 'content-type': 'application/json', 'set-cookie': 'x=1' });
        res.end(JSON.stringify({ size: Buffer.concat(chunks).length }));
      } else {
        res.writeHead(200, {
          'content-type': 'application/octet-stream',
          'content-disposition': 'attachment',
        });
        res.end(Buffer.from('%PDF-1.7 file bytes'));
      }
    });
  });
  const documentsUrl = await listen(documents);
  web = createServer((req, res) => {
    if (isFilesRequest(req)) forwardFileRequest(req, res, documentsUrl);
    else res.writeHead(404).end();
  });
  webUrl = await listen(web);
});

afterAll(async () => {
  await new Promise((done) => web.close(done));
  await new Promise((done) => documents.close(done));
});

describe('forwarding /files to the documents subgraph', () => {
  it('streams an upload with its signed query string and returns the answer', async () => {
    const bytes = Buffer.alloc(256 * 1024, 7);
    const response = await fetch(`${webUrl}/files?key=documents%2Fa&sig=abc`, {
      method: 'PUT',
      body: bytes,
      headers: { 'content-type': 'application/octet-stream', cookie: 'refresh=secret' },
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ size: bytes.length });
    expect(response.headers.get('set-cookie')).toBeNull();
    const put = seen.at(-1);
    expect(put?.method).toBe('PUT');
    expect(put?.url).toBe('/files?key=documents%2Fa&sig=abc');
    expect(put?.body.equals(bytes)).toBe(true);
    // The web app's own cookies stay with the web app.
    expect(put?.headers.cookie).toBeUndefined();
  });

  it('streams a download with its attachment headers', async () => {
    const response = await fetch(`${webUrl}/files?key=documents%2Fa&sig=def`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment');
    expect(await response.text()).toBe('%PDF-1.7 file bytes');
  });

  it('refuses other methods and paths', async () => {
    const before = seen.length;
    const post = await fetch(`${webUrl}/files?key=x`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, PUT');
    expect((await fetch(`${webUrl}/files/../graphql`)).status).toBe(404);
    expect(seen.length).toBe(before);
  });

  it('says the service is unavailable when the subgraph cannot be reached', async () => {
    const down = createServer((req, res) => forwardFileRequest(req, res, 'http://127.0.0.1:1'));
    const downUrl = await listen(down);
    const response = await fetch(`${downUrl}/files?key=x`);
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({
      errors: [
        {
          message: 'The document service cannot be reached. Try again shortly.',
          extensions: { code: 'SERVICE_UNAVAILABLE' },
        },
      ],
    });
    await new Promise((done) => down.close(done));
  });
});
