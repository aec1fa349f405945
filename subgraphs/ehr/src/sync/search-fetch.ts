import type { PassThrough } from 'node:stream';
import { countFetched, type FetchedRecords, type FetchProgress, writeLine } from './fetched-records';
import type { ProviderFetcher } from './provider-fetch';
import type { SyncSearch } from './sync-searches';

/**
 * Fetches every search of one run, page by page (`link[next]`), straight into an NDJSON blob. The cursor is the
 * provider's clock (Date header) at the first answer less a second, since that header has whole seconds.
 */
export async function fetchSearchesIntoBlob(
  fetcher: ProviderFetcher,
  searches: SyncSearch[],
  out: PassThrough,
  onProgress: FetchProgress = async () => undefined,
): Promise<FetchedRecords> {
  const fetched: FetchedRecords = { counts: {}, total: 0, cursor: null };
  let serverStart: Date | null = null;
  const seen = new Set<string>();
  for (const search of searches) {
    let next: string | undefined = search.url;
    while (next) {
      const page = await fetcher.page(next);
      serverStart ??= page.serverDate;
      for (const entry of page.bundle.entry ?? []) {
        const resource = entry.resource as { resourceType?: string; id?: string } | undefined;
        if (!resource?.resourceType) continue;
        // An Observation in two categories comes back from both searches; hand it on once.
        const key = `${resource.resourceType}/${resource.id ?? ''}`;
        if (resource.id && seen.has(key)) continue;
        seen.add(key);
        countFetched(fetched, resource.resourceType);
        await writeLine(out, JSON.stringify(resource));
      }
      const last = page.bundle.entry?.at(-1)?.resource as { resourceType?: string } | undefined;
      await onProgress(last?.resourceType ?? null, fetched);
      next = page.bundle.link?.find((link) => link.relation === 'next')?.url;
    }
  }
  fetched.cursor = serverStart ? new Date(serverStart.getTime() - 1000) : null;
  return fetched;
}
