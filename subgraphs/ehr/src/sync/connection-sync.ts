import type { BlobStore } from '@holovitals/blob-store';
import type { EnvelopeCipher } from '@holovitals/encryption';
import { enqueueEvent } from '@holovitals/events';
import { type AuditActor, recordAudit } from '@holovitals/subgraph-kit';
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import type { DataSource } from 'typeorm';
import { openClientState, sealClientState } from '../connections/connection-state';
import { restoreSmartClient, type SmartClient } from '../connections/smart-client';
import { EhrConnectionStatus } from '../entities/ehr-connection-status';
import { EhrConnectionEntity } from '../entities/ehr-connection.entity';
import { EhrProviderEntity } from '../entities/ehr-provider.entity';
import { SyncRunStatus } from '../entities/sync-run-enums';
import { SyncRunEntity, type SyncTypeCounts } from '../entities/sync-run.entity';
import { type FetchSettings, NeedsReauthError, ProviderFetcher } from './provider-fetch';
import { syncSearches } from './sync-searches';

export interface SyncDependencies {
  dataSource: DataSource;
  cipher: EnvelopeCipher;
  blobStore: BlobStore;
  /** Who the audit trail names: the worker's system actor for this job. */
  actor: AuditActor;
  settings: FetchSettings & { pageSize: number; maxBlobBytes: number };
  signal?: AbortSignal;
  /** Told when the run starts, after each page fetched and when it ends (live progress, `ehrSyncProgress`). */
  progress?: (step: SyncProgressStep) => Promise<void>;
}

/** Where a run is: its phase, the resource type last fetched and the counts so far. */
export interface SyncProgressStep {
  runId: string;
  connectionId: string;
  phase: SyncRunStatus;
  resourceType: string | null;
  counts: Record<string, SyncTypeCounts>;
  resourceCount: number;
}

const emptyCounts = (): SyncTypeCounts => ({
  fetched: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  conflicts: 0,
});

/** The blob key of a run's fetched resources. */
export const syncBlobKey = (connectionId: string, runId: string): string =>
  `ehr-sync/${connectionId}/${runId}.ndjson`;

/** Writes one line, waiting while the blob store catches up, so a large pull never piles up in memory. */
async function writeLine(stream: PassThrough, line: string): Promise<void> {
  if (!stream.write(`${line}\n`)) await once(stream, 'drain');
}

/**
 * Fetches every search of one run, page by page (`link[next]`), straight into an NDJSON blob. Returns the counts
 * per resource type and the provider's clock at the first answer (the next incremental run's cursor).
 */
async function fetchIntoBlob(
  fetcher: ProviderFetcher,
  searches: { url: string }[],
  out: PassThrough,
  onPage: (progress: {
    resourceType: string | null;
    counts: Record<string, SyncTypeCounts>;
    total: number;
  }) => Promise<void>,
): Promise<{ counts: Record<string, SyncTypeCounts>; total: number; serverStart: Date | null }> {
  const counts: Record<string, SyncTypeCounts> = {};
  let total = 0;
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
        const typeCounts = (counts[resource.resourceType] ??= emptyCounts());
        typeCounts.fetched += 1;
        total += 1;
        await writeLine(out, JSON.stringify(resource));
      }
      const last = page.bundle.entry?.at(-1)?.resource as { resourceType?: string } | undefined;
      await onPage({ resourceType: last?.resourceType ?? null, counts, total });
      next = page.bundle.link?.find((link) => link.relation === 'next')?.url;
    }
  }
  return { counts, total, serverStart };
}

/** The connection columns that hold the client state after a run (a refresh may have rotated the tokens). */
function clientStateColumns(
  cipher: EnvelopeCipher,
  connectionId: string,
  client: SmartClient,
  base: { key: string; redirectUri: string },
): Pick<EhrConnectionEntity, 'sealedState' | 'tokenExpiresAt'> {
  return {
    sealedState: sealClientState(cipher, connectionId, {
      ...client.state,
      key: base.key,
      redirectUri: base.redirectUri,
    }),
    tokenExpiresAt: client.state.expiresAt ? new Date(client.state.expiresAt * 1000) : null,
  };
}

/**
 * Runs one queued sync: full when the connection has never synced, else incremental from its cursor. On success
 * the resources are in the blob store and `ehr.sync.completed` is in the outbox (same transaction as the run and
 * the new cursor); on any failure the blob is dropped, nothing is handed on and the cursor stays, so the next run
 * resumes from the same point. A refused refresh marks the connection NEEDS_REAUTH.
 */
export async function runConnectionSync(
  deps: SyncDependencies,
  runId: string,
): Promise<SyncRunEntity | null> {
  const { dataSource, cipher, blobStore, settings } = deps;
  const runs = dataSource.getRepository(SyncRunEntity);
  const connections = dataSource.getRepository(EhrConnectionEntity);
  const run = await runs.findOneBy({ id: runId });
  if (!run || (run.status !== SyncRunStatus.QUEUED && run.status !== SyncRunStatus.RUNNING)) return run;
  const connection = await connections.findOneByOrFail({ id: run.connectionId });
  const provider = await dataSource
    .getRepository(EhrProviderEntity)
    .findOneByOrFail({ id: connection.providerId });
  const startedAt = new Date();
  await runs.update(
    { id: runId },
    { status: SyncRunStatus.RUNNING, startedAt, since: connection.syncCursor },
  );
  const step = async (
    phase: SyncRunStatus,
    at: { resourceType: string | null; counts: Record<string, SyncTypeCounts>; total: number },
  ): Promise<void> =>
    deps.progress?.({
      runId,
      connectionId: connection.id,
      phase,
      resourceType: at.resourceType,
      counts: at.counts,
      resourceCount: at.total,
    });
  await step(SyncRunStatus.RUNNING, { resourceType: null, counts: {}, total: 0 });

  const stored = openClientState(cipher, connection.id, connection.sealedState);
  const client = restoreSmartClient(stored);
  const fetcher = new ProviderFetcher(client, settings, deps.signal);
  const blobKey = syncBlobKey(connection.id, runId);
  const out = new PassThrough();
  const stored$ = blobStore.put(blobKey, out, { maxBytes: settings.maxBlobBytes, overwrite: true });
  try {
    if (connection.status !== EhrConnectionStatus.ACTIVE)
      throw new NeedsReauthError('The connection needs the patient to approve access again.');
    if (!connection.fhirPatientId) throw new Error('The hospital named no patient when access was granted.');
    const since = connection.syncCursor?.toISOString() ?? null;
    const fetched = await fetchIntoBlob(
      fetcher,
      syncSearches(connection.fhirPatientId, since, settings.pageSize),
      out,
      (at) => step(SyncRunStatus.RUNNING, at),
    );
    out.end();
    await stored$;
    // The provider's clock decides what "updated after" means; a second of margin covers its rounding.
    const cursor = new Date((fetched.serverStart ?? startedAt).getTime() - 1000);
    await dataSource.transaction(async (manager) => {
      const handedOn = fetched.total > 0;
      await manager.getRepository(SyncRunEntity).update(
        { id: runId },
        {
          status: handedOn ? SyncRunStatus.FETCHED : SyncRunStatus.APPLIED,
          finishedAt: new Date(),
          resourceCount: fetched.total,
          httpRequests: fetcher.requests,
          counts: fetched.counts,
          blobKey: handedOn ? blobKey : null,
          errors: [],
        },
      );
      await manager.getRepository(EhrConnectionEntity).update(
        { id: connection.id },
        {
          syncCursor: cursor,
          lastSyncAt: new Date(),
          lastError: null,
          ...clientStateColumns(cipher, connection.id, client, stored),
        },
      );
      if (handedOn)
        await enqueueEvent(
          manager,
          deps.actor.service,
          'ehr.sync.completed',
          {
            connectionId: connection.id,
            syncRunId: runId,
            ownerUserId: connection.userId,
            sourceSystem: provider.fhirBaseUrl,
            sourcePatientId: connection.fhirPatientId ?? undefined,
            bundleRef: blobKey,
            resourceCount: fetched.total,
          },
          { traceId: deps.actor.traceId },
        );
      await recordAudit(manager, deps.actor, {
        action: 'import',
        entityType: 'EhrSyncRun',
        entityIds: [runId],
        patientIds: [],
        outcome: 'SUCCESS',
      });
    });
    if (fetched.total === 0) await blobStore.delete(blobKey);
    await step(fetched.total > 0 ? SyncRunStatus.FETCHED : SyncRunStatus.APPLIED, {
      resourceType: null,
      counts: fetched.counts,
      total: fetched.total,
    });
  } catch (error) {
    out.destroy(error instanceof Error ? error : new Error(String(error)));
    await stored$.catch(() => undefined);
    await blobStore.delete(blobKey);
    const message = error instanceof Error ? error.message : String(error);
    await runs.update(
      { id: runId },
      {
        status: SyncRunStatus.FAILED,
        finishedAt: new Date(),
        httpRequests: fetcher.requests,
        errors: [message],
      },
    );
    await connections.update(
      { id: connection.id },
      {
        ...clientStateColumns(cipher, connection.id, client, stored),
        lastSyncAt: new Date(),
        lastError: message,
        ...(error instanceof NeedsReauthError ? { status: EhrConnectionStatus.NEEDS_REAUTH } : {}),
      },
    );
    await recordAudit(dataSource.manager, deps.actor, {
      action: 'import',
      entityType: 'EhrSyncRun',
      entityIds: [runId],
      patientIds: [],
      outcome: 'FAILURE',
    });
    await step(SyncRunStatus.FAILED, { resourceType: null, counts: {}, total: 0 });
  }
  return runs.findOneBy({ id: runId });
}
