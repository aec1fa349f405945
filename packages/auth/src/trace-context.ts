import { randomBytes } from 'node:crypto';

const TRACEPARENT = /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}$/;

/** The W3C trace id from `traceparent`, or a fresh one when the caller sent none. */
export function traceIdFrom(traceparent: string | undefined): string {
  const match = traceparent ? TRACEPARENT.exec(traceparent.trim()) : null;
  return match?.[1] ?? randomBytes(16).toString('hex');
}

/** A child `traceparent` for an outgoing call within the given trace. */
export function childTraceparent(traceId: string): string {
  return `00-${traceId}-${randomBytes(8).toString('hex')}-01`;
}
