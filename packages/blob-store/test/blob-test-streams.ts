import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';

/**
 * A stream of `size` pseudo-random bytes produced chunk by chunk (never held whole), with the sha256
 * the store should report.
 */
export function generatedStream(size: number, seed = 1): { stream: Readable; sha256: () => string } {
  const hash = createHash('sha256');
  let produced = 0;
  let state = seed;
  const stream = new Readable({
    read() {
      if (produced >= size) {
        this.push(null);
        return;
      }
      const chunk = Buffer.alloc(Math.min(64 * 1024, size - produced));
      for (let i = 0; i < chunk.length; i += 1) {
        state = (state * 1_103_515_245 + 12_345) & 0x7fffffff;
        chunk[i] = state >> 16;
      }
      produced += chunk.length;
      hash.update(chunk);
      this.push(chunk);
    },
  });
  return { stream, sha256: () => hash.digest('hex') };
}

export async function sha256Of(stream: Readable): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    hash.update(chunk as Buffer);
  }
  return { sha256: hash.digest('hex'), size };
}
