import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_WEBHOOK_BYTES, webhookProxyRoutes } from './webhook-proxy';

let billing: Server;
let gateway: Server;
let gatewayUrl: string;
const seen: { body: Buffer; signature: string | undefined; authorization: string | undefined }[] = [];

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

beforeAll(async () => {
  billing = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({
        body: Buffer.concat(chunks),
        signature: req.headers['stripe-signature'] as string | undefined,
        authorization: req.headers.authorization,
      });
      res.writeHead(req.url === '/webhooks/stripe' ? 200 : 404, { 'content-type': 'application/json' });
      res.end('{"received":true}');
    });
  });
  const billingPort = await listen(billing);
  const routes = webhookProxyRoutes(
    { billing: `http://127.0.0.1:${billingPort}/graphql` },
    pino({ level: 'silent' }),
  );
  gateway = createServer((req, res) => {
    const route = routes[`${req.method} ${req.url}`];
    if (!route) return void res.writeHead(404).end();
    void route(req, res, new URL(req.url ?? '/', 'http://gateway'));
  });
  gatewayUrl = `http://127.0.0.1:${await listen(gateway)}/webhooks/stripe`;
});

afterAll(async () => {
  await new Promise((resolve) => gateway.close(resolve));
  await new Promise((resolve) => billing.close(resolve));
});

describe('webhookProxyRoutes', () => {
  it('forwards the raw body byte for byte with the signature, and nothing else, to billing', async () => {
    const body = Buffer.from('{"id":"evt_1","note":"caf\u00e9 \u2713",  "spaced" : true}\n', 'utf8');
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: {
        'stripe-signature': 't=1,v1=abc',
        'content-type': 'application/json',
        authorization: 'Bearer x',
      },
      body,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true });
    const forwarded = seen.at(-1);
    expect(forwarded?.body.equals(body)).toBe(true);
    expect(forwarded?.signature).toBe('t=1,v1=abc');
    expect(forwarded?.authorization).toBeUndefined();
  });

  it('refuses a body over the limit without calling billing', async () => {
    const before = seen.length;
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      body: Buffer.alloc(MAX_WEBHOOK_BYTES + 1, 97),
    });
    expect(response.status).toBe(413);
    expect(seen.length).toBe(before);
  });

  it('has no route when billing is not part of the supergraph', () => {
    expect(webhookProxyRoutes({ patient: 'http://127.0.0.1:1/graphql' }, pino({ level: 'silent' }))).toEqual(
      {},
    );
  });
});
