import type { RouteHandler } from '@holovitals/http-server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';

/** Stripe's events stay well under this; a larger body is refused before it reaches billing. */
export const MAX_WEBHOOK_BYTES = 512 * 1024;
const FORWARD_TIMEOUT_MS = 20_000;

function readRaw(req: IncomingMessage): Promise<Buffer | null> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_WEBHOOK_BYTES) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_WEBHOOK_BYTES) {
        req.pause();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function reply(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(body);
}

/**
 * `POST /webhooks/stripe` → billing's `/webhooks/stripe`, byte for byte: Stripe signs the raw body, so the gateway
 * neither parses nor re-encodes it, and forwards only the headers the signature check needs. Billing verifies the
 * signature; the gateway only bounds the size and the wait. No route when billing is not in the supergraph.
 */
export function webhookProxyRoutes(
  subgraphUrls: Record<string, string>,
  logger: Logger,
): Record<string, RouteHandler> {
  const billing = subgraphUrls.billing;
  if (!billing) return {};
  const target = new URL('/webhooks/stripe', billing).toString();
  return {
    'POST /webhooks/stripe': async (req, res) => {
      const body = await readRaw(req);
      if (!body) return reply(res, 413, JSON.stringify({ error: 'payload_too_large' }));
      try {
        const answer = await fetch(target, {
          method: 'POST',
          headers: {
            'content-type': String(req.headers['content-type'] ?? 'application/json'),
            'stripe-signature': String(req.headers['stripe-signature'] ?? ''),
          },
          body,
          signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS),
        });
        reply(res, answer.status, await answer.text());
      } catch (error) {
        logger.warn({ err: error }, 'stripe webhook could not reach billing');
        reply(res, 502, JSON.stringify({ error: 'billing_unavailable' }));
      }
    },
  };
}
