import type { BlobStore } from '@holovitals/blob-store';
import type { EnvelopeCipher } from '@holovitals/encryption';
import { enqueueEvent } from '@holovitals/events';
import { type AuditActor, recordAudit } from '@holovitals/subgraph-kit';
import { PassThrough } from 'node:stream';
import type { DataSource } from 'typeorm';
import { openClientState, sealClientState } from '../connections/connection-state';
import { restoreSmartClient, type SmartClient } from '../connections/smart-client';
import { EhrConnectionStatus } from '../entities/ehr-connection-status';
import { EhrConnectionEntity } from '../entities/ehr-connection.entity';
import { EhrProviderEntity } from '../entities/ehr-provider.entity';
import { SyncFetchMethod, SyncRunStatus } from '../entities/sync-run-enums';
import { SyncRunEntity, type SyncTypeCounts } from '../entities/sync-run.entity';
import {
  BulkExportRefusedError,
  type BulkExportSettings,
  fetchBulkExportIntoBlob,
} from './bulk-export-fetch';
import { type FetchSettings, NeedsReauthError, ProviderFetcher } from './provider-fetch';
import type { FetchedRecords } from './fetched-records';
import { fetchSearchesIntoBlob } from './search-fetch';
import { SYNCED_TYPES, syncSearches } from './sync-searches';

export interface SyncDependencies {
  dataSource: DataSource;
  cipher: EnvelopeCipher;
  blobStore: BlobStore;
  /** Who the audit trail names: the worker's system actor for this job. */
  actor: AuditActor;
  settings: FetchSettings & {
    pageSize: number;
    maxBlobBytes: number;
    /** Use Bulk Data `$export` where the provider advertises it (else, or when null, per-type searches). */
    bulkExport: BulkExportSettings | null;
  };
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

/** The blob key of a run's fetched resources. */
export const syncBlobKey = (connectionId: string, runId: string): string =>
  `ehr-sync/${connectionId}/${runId}.ndjson`;

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
 * resumes from the same point. A refused refresh marks the connection NEEDS_REAUTH. A provider that refuses the
 * Bulk Data kick-off is searched instead within the same run (fetchMethod SEARCH, the refusal noted in errors).
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
  const fetchMethod =
    settings.bulkExport && provider.bulkExport ? SyncFetchMethod.BULK : SyncFetchMethod.SEARCH;
  await runs.update(
    { id: runId },
    { status: SyncRunStatus.RUNNING, startedAt, since: connection.syncCursor, fetchMethod },
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
  /** What a run that went on despite a problem (bulk refused) says about it in its errors. */
  const notes: string[] = [];
  const stored$ = blobStore.put(blobKey, out, { maxBytes: settings.maxBlobBytes, overwrite: true });
  try {
    if (connection.status !== EhrConnectionStatus.ACTIVE)
      throw new NeedsReauthError('The connection needs the patient to approve access again.');
    if (!connection.fhirPatientId) throw new Error('The hospital named no patient when access was granted.');
    const since = connection.syncCursor?.toISOString() ?? null;
    const onProgress = (resourceType: string | null, at: FetchedRecords): Promise<void> =>
      step(SyncRunStatus.RUNNING, { resourceType, counts: at.counts, total: at.total });
    const searches = syncSearches(connection.fhirPatientId, since, settings.pageSize);
    const bySearches = (): Promise<FetchedRecords> =>
      fetchSearchesIntoBlob(fetcher, searches, out, onProgress);
    const fetched =
      fetchMethod === SyncFetchMethod.BULK && settings.bulkExport
        ? await fetchBulkExportIntoBlob(
            fetcher,
            { types: SYNCED_TYPES, since },
            out,
            settings.bulkExport,
            deps.signal,
            onProgress,
          ).catch(async (error: unknown) => {
            // A refused kick-off exported nothing: the same run searches instead and says why.
            if (!(error instanceof BulkExportRefusedError)) throw error;
            notes.push(`${error.message} Fetched by searches instead.`);
            await runs.update({ id: runId }, { fetchMethod: SyncFetchMethod.SEARCH });
            return bySearches();
          })
        : await bySearches();
    out.end();
    await stored$;
    const cursor = fetched.cursor ?? new Date(startedAt.getTime() - 1000);
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
          errors: notes,
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
    // The blob store may not be reading yet (an export refused before any line): the error must not go unheard.
    out.on('error', () => undefined);
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
        errors: [message, ...notes],
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
