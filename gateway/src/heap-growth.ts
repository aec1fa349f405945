import { setFlagsFromString } from 'node:v8';
import { z } from 'zod';

/** `GATEWAY_HEAP_GROWING_PERCENT`: 0 leaves the heap's growth to V8. */
export const heapGrowingPercent = z.coerce.number().int().min(0).max(300).default(50);

/**
 * Caps how far V8 lets the old generation grow past what survived the last full collection. Under load the
 * gateway's short-lived request objects outlive two scavenges and are promoted; V8 on a machine with many
 * gigabytes then lets the old space swell to about three times the live set before it collects, which is
 * what the peak RSS was made of (federation bench: 345–362 MB uncapped, 203 MB at 50%, at equal
 * throughput). The flag is read at every full collection. It must be set before the gateway's modules load
 * (set after them, the first cycle still runs to the old limit: 276–288 MB), and NODE_OPTIONS does not
 * accept it, hence `register-heap-growth.ts`, imported first. A bad value is left to `loadGatewayConfig`,
 * which stops the gateway naming it.
 */
export function limitHeapGrowth(env: NodeJS.ProcessEnv): void {
  const percent = heapGrowingPercent.safeParse(env.GATEWAY_HEAP_GROWING_PERCENT);
  if (percent.success && percent.data > 0) setFlagsFromString(`--heap-growing-percent=${percent.data}`);
}
