import { createHmac } from 'node:crypto';
import type { StripeEvent } from './stripe-objects';

/** The `Stripe-Signature` header Stripe sends: `t=<unix seconds>,v1=<HMAC-SHA256 of "t.payload">`. */
export function stripeSignature(payload: string, secret: string, timestamp: number): string {
  const signature = createHmac('sha256', secret).update(`${timestamp}.${payload}`).digest('hex');
  return `t=${timestamp},v1=${signature}`;
}

export interface WebhookDelivery {
  eventId: string;
  type: string;
  status: number | null;
  attempts: number;
}

const RETRY_DELAYS_MS = [200, 1000, 3000];

/**
 * Sends events to the configured endpoint one at a time, in the order they happened, signed with the
 * endpoint secret; a failed delivery is retried a few times (Stripe retries for days), then recorded.
 */
export class WebhookSender {
  private queue: Promise<void> = Promise.resolve();
  readonly deliveries: WebhookDelivery[] = [];

  constructor(
    private readonly endpoint: string | undefined,
    private readonly secret: string,
  ) {}

  send(events: StripeEvent[]): void {
    const endpoint = this.endpoint;
    if (!endpoint) return;
    for (const event of events) this.queue = this.queue.then(() => this.deliver(endpoint, event));
  }

  /** Resolves once every event sent so far was delivered or gave up. */
  idle(): Promise<void> {
    return this.queue;
  }

  private async deliver(endpoint: string, event: StripeEvent): Promise<void> {
    const payload = JSON.stringify(event, null, 2);
    const delivery: WebhookDelivery = { eventId: event.id, type: event.type, status: null, attempts: 0 };
    this.deliveries.push(delivery);
    for (const delay of [0, ...RETRY_DELAYS_MS]) {
      if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
      delivery.attempts += 1;
      const status = await fetch(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          'stripe-signature': stripeSignature(payload, this.secret, Math.floor(Date.now() / 1000)),
        },
        body: payload,
        signal: AbortSignal.timeout(10_000),
      }).then(
        (response) => response.status,
        () => null,
      );
      delivery.status = status;
      if (status !== null && status >= 200 && status < 300) return;
    }
  }
}
