import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForReady } from './service-process';

let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: 'ready', service: 'billing' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ready`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('waitForReady', () => {
  it('takes a ready answer from the service it waits for, or from one that does not say who it is', async () => {
    await expect(waitForReady(url, 2_000, () => true, 'billing')).resolves.toBeUndefined();
    await expect(waitForReady(url, 2_000, () => true)).resolves.toBeUndefined();
  });

  it('does not take another service answering on its port for it', async () => {
    await expect(waitForReady(url, 600, () => true, 'compliance')).rejects.toThrow(/not ready after 600 ms/);
  });
});
