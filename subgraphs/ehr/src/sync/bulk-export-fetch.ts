import { createInterface } from 'node:readline';
import { type PassThrough, Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { setTimeout as sleep } from 'node:timers/promises';
import { countFetched, type FetchedRecords, type FetchProgress, writeLine } from './fetched-records';
import { type ProviderFetcher, ProviderResponseError } from './provider-fetch';
import { retryDelayMs } from './retry-policy';

export interface BulkExportSettings {
  /** Wait before the first status request, and between requests when the hospital sends no Retry-After. */
  pollIntervalMs: number;
  /** Longest the whole export may take (kick-off to manifest) before the run fails. */
  maxWaitMs: number;
}

/**
 * The hospital does not do `$export` for this patient or client: its kick-off answered a client error other than
 * 401 (re-authorization) or 429 (retried), or 501 Not Implemented. Nothing was exported, so searches can stand in.
 */
export class BulkExportRefusedError extends ProviderResponseError {}

const refusesExport = (status: number): boolean =>
  (status >= 400 && status < 500 && status !== 401 && status !== 429) || status === 501;

interface Manifest {
  transactionTime: string;
  output: { type: string; url: string }[];
}

/** The plain-words reason an export answer gives (its OperationOutcome), for the run's errors. */
async function outcomeText(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as {
      issue?: { details?: { text?: string }; diagnostics?: string }[];
    };
    const text = body.issue?.map((issue) => issue.details?.text ?? issue.diagnostics).find(Boolean);
    return text ? `: ${text}` : '.';
  } catch {
    return '.';
  }
}

function asManifest(body: unknown): Manifest {
  const manifest = body as Partial<Manifest> | null;
  if (
    !manifest ||
    typeof manifest.transactionTime !== 'string' ||
    Number.isNaN(Date.parse(manifest.transactionTime)) ||
    !Array.isArray(manifest.output) ||
    !manifest.output.every((file) => typeof file?.type === 'string' && typeof file.url === 'string')
  )
    throw new ProviderResponseError('The hospital sent an export manifest HoloVitals cannot read.');
  return manifest as Manifest;
}

/** Kick-off: `Patient/$export` for the token's patient; answers the status URL. */
async function kickOff(fetcher: ProviderFetcher, types: readonly string[], since: string | null) {
  const query = new URLSearchParams({ _type: types.join(','), _outputFormat: 'application/fhir+ndjson' });
  if (since) query.set('_since', since);
  const response = await fetcher.send(`Patient/$export?${query.toString()}`, {
    headers: { accept: 'application/fhir+json', prefer: 'respond-async' },
  });
  const statusUrl = response.headers.get('content-location');
  if (refusesExport(response.status))
    throw new BulkExportRefusedError(
      `The hospital refused the export (${response.status})${await outcomeText(response)}`,
    );
  if (response.status !== 202 || !statusUrl)
    throw new ProviderResponseError(
      `The hospital refused the export (${response.status})${await outcomeText(response)}`,
    );
  await response.body?.cancel();
  return { statusUrl, retryAfter: response.headers.get('retry-after') };
}

/** Polls the status URL, honouring Retry-After within the total wait, until the manifest is ready. */
async function awaitManifest(
  fetcher: ProviderFetcher,
  statusUrl: string,
  firstRetryAfter: string | null,
  settings: BulkExportSettings,
  signal: AbortSignal | undefined,
): Promise<Manifest> {
  const deadline = Date.now() + settings.maxWaitMs;
  let retryAfter = firstRetryAfter;
  for (;;) {
    const waitMs = retryAfter
      ? retryDelayMs(1, retryAfter, { baseMs: settings.pollIntervalMs, maxMs: Number.MAX_SAFE_INTEGER })
      : settings.pollIntervalMs;
    if (Date.now() + waitMs > deadline)
      throw new ProviderResponseError(
        `The hospital's export did not finish within ${Math.round(settings.maxWaitMs / 1000)} s.`,
      );
    await sleep(waitMs, undefined, { signal });
    const response = await fetcher.send(statusUrl, { headers: { accept: 'application/json' } });
    if (response.status === 200) return asManifest(await response.json().catch(() => null));
    if (response.status === 202) {
      await response.body?.cancel();
      retryAfter = response.headers.get('retry-after');
      continue;
    }
    if (response.status === 404 || response.status === 410)
      throw new ProviderResponseError(
        `The hospital cancelled or dropped the export (${response.status})${await outcomeText(response)}`,
      );
    throw new ProviderResponseError(
      `The hospital's export failed (${response.status})${await outcomeText(response)}`,
    );
  }
}

/** Streams one NDJSON file into the run's blob line by line, checking each line is a resource of its type. */
async function downloadFile(
  fetcher: ProviderFetcher,
  file: Manifest['output'][number],
  out: PassThrough,
  fetched: FetchedRecords,
): Promise<void> {
  const response = await fetcher.send(file.url, { headers: { accept: 'application/fhir+ndjson' } });
  if (response.status === 404 || response.status === 410)
    throw new ProviderResponseError(
      `The hospital's ${file.type} export file expired before it was downloaded (${response.status}).`,
    );
  if (response.status !== 200 || !response.body)
    throw new ProviderResponseError(
      `The hospital answered ${response.status} for the ${file.type} export file.`,
    );
  const lines = createInterface({
    input: Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
    crlfDelay: Infinity,
  });
  for await (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    let resource: { resourceType?: unknown };
    try {
      resource = JSON.parse(line) as { resourceType?: unknown };
    } catch {
      throw new ProviderResponseError(`The hospital's ${file.type} export file has a line that is not JSON.`);
    }
    if (resource.resourceType !== file.type)
      throw new ProviderResponseError(`The hospital's ${file.type} export file holds other resources.`);
    countFetched(fetched, file.type);
    await writeLine(out, line);
  }
}

/**
 * One run through FHIR Bulk Data (Patient-level `$export`): kick-off with `_type` (and `_since` for an incremental
 * run), status polling honouring Retry-After within `maxWaitMs`, then every NDJSON file streamed into the run's
 * blob. The cursor is the manifest's transactionTime (the next run's `_since`). The export is deleted at the
 * hospital afterwards, and cancelled there when the run fails after kick-off.
 */
export async function fetchBulkExportIntoBlob(
  fetcher: ProviderFetcher,
  request: { types: readonly string[]; since: string | null },
  out: PassThrough,
  settings: BulkExportSettings,
  signal?: AbortSignal,
  onProgress: FetchProgress = async () => undefined,
): Promise<FetchedRecords> {
  const { statusUrl, retryAfter } = await kickOff(fetcher, request.types, request.since);
  const fetched: FetchedRecords = { counts: {}, total: 0, cursor: null };
  try {
    const manifest = await awaitManifest(fetcher, statusUrl, retryAfter, settings, signal);
    for (const file of manifest.output) {
      await downloadFile(fetcher, file, out, fetched);
      await onProgress(file.type, fetched);
    }
    fetched.cursor = new Date(manifest.transactionTime);
  } finally {
    // Done or failed, the hospital may drop the job and its files; a job already gone answers 404, which is fine.
    await fetcher
      .send(statusUrl, { method: 'DELETE' })
      .then((response) => response.body?.cancel())
      .catch(() => undefined);
  }
  return fetched;
}
