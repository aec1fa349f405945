import { BodyTooLargeError, type RouteHandler, sendJson } from '@holovitals/http-server';
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { handleStripeWebhook, type WebhookDependencies } from './stripe-webhook';

/** Stripe's own events stay well under this; anything larger is not a Stripe webhook. */
export const MAX_WEBHOOK_BYTES = 512 * 1024;

function rawBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_WEBHOOK_BYTES) {
        req.pause();
        reject(new BodyTooLargeError(`Webhook body exceeds ${MAX_WEBHOOK_BYTES} bytes.`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** `POST /webhooks/stripe`: the raw body (byte for byte, as signed) goes to the webhook handler. */
export function stripeWebhookRoute(deps: WebhookDependencies, logger: Logger): Record<string, RouteHandler> {
  return {
    'POST /webhooks/stripe': async (req, res) => {
      let body: Buffer;
      try {
        body = await rawBody(req);
      } catch (error) {
        if (!(error instanceof BodyTooLargeError)) throw error;
        return sendJson(res, 413, { error: error.message });
      }
      try {
        const outcome = await handleStripeWebhook(
          deps,
          body,
          req.headers['stripe-signature'] as string | undefined,
        );
        if (outcome.status === 400) {
          logger.warn({ reason: outcome.message }, 'stripe webhook refused');
          return sendJson(res, 400, { error: 'invalid_signature' });
        }
        return sendJson(res, 200, { received: true, result: outcome.result });
      } catch (error) {
        logger.error({ err: error }, 'stripe webhook failed; Stripe will retry');
        return sendJson(res, 500, { error: 'processing_failed' });
      }
    },
  };
}
