import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeepAliveFetcher } from './keep-alive-fetcher';

let server: Server;
let url: string;
let connections = 0;
const seen: { method?: string; headers: IncomingMessage['headers']; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      seen.push({ method: req.method, headers: req.headers, body });
      if (req.url === '/denied') {
        res.writeHead(401, { 'content-type': 'application/json' }).end('{"errors":[{"message":"no"}]}');
        return;
      }
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.setHeader('set-cookie', ['a=1', 'b=2']);
      res.end(JSON.stringify({ data: { echo: body } }));
    });
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('createKeepAliveFetcher', () => {
  it('sends method, headers and body, and answers status, headers and the body as text and JSON', async () => {
    const fetcher = createKeepAliveFetcher(4);
    const response = await fetcher(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer t' },
      body: '{"query":"{ a }"}',
    });
    expect(seen.at(-1)).toMatchObject({
      method: 'POST',
      headers: { authorization: 'Bearer t' },
      body: '{"query":"{ a }"}',
    });
    expect(response.ok).toBe(true);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('set-cookie')).toBe('a=1, b=2');
    expect(await response.json()).toEqual({ data: { echo: '{"query":"{ a }"}' } });
    expect(await response.text()).toBe(JSON.stringify({ data: { echo: '{"query":"{ a }"}' } }));
  });

  it('reports a refusal with its status and reason phrase, as fetch would', async () => {
    const response = await createKeepAliveFetcher(4)(`${url}/denied`, { method: 'POST', body: '{}' });
    expect(response.ok).toBe(false);
    expect(response.status).toBe(401);
    expect(response.statusText).toBe('Unauthorized');
    expect(await response.json()).toEqual({ errors: [{ message: 'no' }] });
  });

  it('reuses its connections for sequential calls', async () => {
    const fetcher = createKeepAliveFetcher(1);
    const before = connections;
    for (let i = 0; i < 20; i += 1)
      await (await fetcher(`${url}/graphql`, { method: 'POST', body: '{}' })).text();
    expect(connections - before).toBe(1);
  });
});
