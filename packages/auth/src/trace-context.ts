import { randomFillSync } from 'node:crypto';

const TRACEPARENT = /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}$/;

// Ids are cut from a pool filled 4 KiB at a time: one randomBytes call per id (a trace id per request and a
// span id per subgraph call) was 4% of the gateway's CPU under load. The bytes are as random either way.
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let used = 0;

function randomHex(bytes: number): string {
  if (used + bytes > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafe(POOL_BYTES));
    used = 0;
  }
  used += bytes;
  return pool.toString('hex', used - bytes, used);
}

/** The W3C trace id from `traceparent`, or a fresh one when the caller sent none. */
export function traceIdFrom(traceparent: string | undefined): string {
  const match = traceparent ? TRACEPARENT.exec(traceparent.trim()) : null;
  return match?.[1] ?? randomHex(16);
}

/** A child `traceparent` for an outgoing call within the given trace. */
export function childTraceparent(traceId: string): string {
  return `00-${traceId}-${randomHex(8)}-01`;
}
