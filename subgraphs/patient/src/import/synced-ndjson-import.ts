import type { BlobStore } from '@holovitals/blob-store';
import { createInterface } from 'node:readline';
import type { EntityManager } from 'typeorm';
import { PatientError, PatientErrorCode } from '../patient-error';
import {
  importBundleIntoPatient,
  type FhirImportLimits,
  type FhirImportSummary,
  type ResourceTypeCounts,
  type SyncOrigin,
} from './fhir-bundle-import';

/** What a whole synced run did: per FHIR resource type, the record kinds that changed, entry errors. */
export interface SyncedImportSummary {
  byResourceType: Record<string, ResourceTypeCounts>;
  changed: string[];
  errors: string[];
}

function addChunk(total: SyncedImportSummary, chunk: FhirImportSummary): void {
  for (const [type, counts] of Object.entries(chunk.byResourceType)) {
    const sum = (total.byResourceType[type] ??= { created: 0, updated: 0, unchanged: 0, conflicts: 0 });
    sum.created += counts.created;
    sum.updated += counts.updated;
    sum.unchanged += counts.unchanged;
    sum.conflicts += counts.conflicts;
  }
  for (const kind of chunk.changed) if (!total.changed.includes(kind)) total.changed.push(kind);
  total.errors.push(
    ...chunk.errors.map(
      (issue) => `${issue.resourceType ?? 'entry'}/${issue.fhirId ?? issue.index}: ${issue.reason}`,
    ),
  );
}

/**
 * Imports a sync's NDJSON blob into the patient's record in chunks of `chunkSize` resources (or half the bundle
 * limit in bytes), streamed from the blob store, so memory stays bounded however large the run. All or nothing:
 * the chunks run under one savepoint of the caller's transaction, and a chunk the importer refuses (or a line that
 * is not JSON) rolls every chunk back and raises a PatientError; the next run fetches from the same cursor.
 */
export async function importSyncedNdjson(
  manager: EntityManager,
  patientId: string,
  source: { blobStore: BlobStore; key: string; origin: SyncOrigin },
  limits: FhirImportLimits & { chunkSize: number },
): Promise<SyncedImportSummary> {
  const total: SyncedImportSummary = { byResourceType: {}, changed: [], errors: [] };
  const blob = await source.blobStore.get(source.key);
  const maxChunkBytes = Math.floor(limits.maxBundleBytes / 2);
  let chunk: { resource: unknown }[] = [];
  let chunkBytes = 0;
  const flush = async (): Promise<void> => {
    if (chunk.length === 0) return;
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      meta: { source: source.origin.syncedFrom },
      entry: chunk,
    };
    chunk = [];
    chunkBytes = 0;
    addChunk(total, await importBundleIntoPatient(manager, patientId, bundle, limits, source.origin));
  };
  await manager.query('SAVEPOINT ehr_sync_import');
  try {
    let lineNumber = 0;
    for await (const line of createInterface({ input: blob.stream, crlfDelay: Infinity })) {
      lineNumber += 1;
      if (!line.trim()) continue;
      chunk.push({ resource: parseLine(line, lineNumber) });
      chunkBytes += Buffer.byteLength(line);
      if (chunk.length >= limits.chunkSize || chunkBytes >= maxChunkBytes) await flush();
    }
    await flush();
  } catch (error) {
    blob.stream.destroy();
    await manager.query('ROLLBACK TO SAVEPOINT ehr_sync_import');
    throw error;
  }
  await manager.query('RELEASE SAVEPOINT ehr_sync_import');
  return total;
}

function parseLine(line: string, lineNumber: number): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    throw new PatientError(
      PatientErrorCode.NOT_A_BUNDLE,
      `Line ${lineNumber} of the synced records is not JSON.`,
    );
  }
}
