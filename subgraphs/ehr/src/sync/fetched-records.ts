import { once } from 'node:events';
import type { PassThrough } from 'node:stream';
import type { SyncTypeCounts } from '../entities/sync-run.entity';

/** What one run fetched into its blob, whichever way it fetched, and where the next incremental run starts. */
export interface FetchedRecords {
  counts: Record<string, SyncTypeCounts>;
  total: number;
  /** The provider's clock before which everything is fetched; null when the provider gave no clock. */
  cursor: Date | null;
}

/** Told after each page or file fetched: the resource type it held and the counts so far (live progress). */
export type FetchProgress = (resourceType: string | null, fetched: FetchedRecords) => Promise<void>;

export const emptyCounts = (): SyncTypeCounts => ({
  fetched: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  conflicts: 0,
});

/** Counts one fetched resource of `resourceType`. */
export function countFetched(fetched: FetchedRecords, resourceType: string): void {
  (fetched.counts[resourceType] ??= emptyCounts()).fetched += 1;
  fetched.total += 1;
}

/** Writes one line, waiting while the blob store catches up, so a large pull never piles up in memory. */
export async function writeLine(stream: PassThrough, line: string): Promise<void> {
  if (!stream.write(`${line}\n`)) await once(stream, 'drain');
}
