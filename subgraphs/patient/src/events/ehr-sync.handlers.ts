import type { BlobStore } from '@holovitals/blob-store';
import type { EventHandlers } from '@holovitals/events';
import { enqueueEvent } from '@holovitals/events';
import { eventSystemActor, recordAudit } from '@holovitals/subgraph-kit';
import { createInterface } from 'node:readline';
import type { EntityManager } from 'typeorm';
import { importBundleIntoPatient } from '../import/fhir-bundle-import';
import { PatientError, PatientErrorCode } from '../patient-error';
import { emitPatientCreated, emitPatientUpdated } from './patient-events';

/** The record of `ownerUserId`, created (with patient.created) when a user's first sync arrives before any import. */
async function ownerPatient(
  manager: EntityManager,
  publisher: { service: string; traceId: string | null },
  ownerUserId: string,
): Promise<string> {
  const created = (await manager.query(
    `INSERT INTO patient (owner_user_id) VALUES ($1) ON CONFLICT (owner_user_id) DO NOTHING RETURNING id`,
    [ownerUserId],
  )) as { id: string }[];
  if (created[0]) {
    await emitPatientCreated(manager, publisher, created[0].id, ownerUserId);
    return created[0].id;
  }
  const existing = (await manager.query(`SELECT id FROM patient WHERE owner_user_id = $1`, [
    ownerUserId,
  ])) as {
    id: string;
  }[];
  return existing[0]?.id ?? '';
}

/** Reads the NDJSON blob line by line into a collection bundle tagged with its source system. */
async function readSyncBundle(blobStore: BlobStore, key: string, sourceSystem: string, maxBytes: number) {
  const blob = await blobStore.get(key);
  if (blob.size > maxBytes) {
    blob.stream.destroy();
    throw new PatientError(
      PatientErrorCode.BUNDLE_TOO_LARGE,
      `The synced records are ${blob.size} bytes; the import limit is ${maxBytes}.`,
    );
  }
  const entry: { resource: unknown }[] = [];
  for await (const line of createInterface({ input: blob.stream, crlfDelay: Infinity }))
    if (line.trim()) entry.push({ resource: JSON.parse(line) as unknown });
  return { resourceType: 'Bundle', type: 'collection', meta: { source: sourceSystem }, entry };
}

/**
 * Applies ehr's synced records to the owner's record through the one FHIR import (mapping stays here), audited as
 * the patient service acting on the event, and answers with ehr.sync.applied: per resource type what was created,
 * updated or unchanged. Runs in the consumer's transaction, so the import, audit and answer commit together.
 */
export function ehrSyncHandlers(
  service: string,
  deps: { blobStore: BlobStore; fhirImport: { maxBundleBytes: number } },
): EventHandlers {
  return {
    'ehr.sync.completed': async (event, manager) => {
      const { connectionId, syncRunId, ownerUserId, sourceSystem, bundleRef } = event.payload;
      const actor = eventSystemActor(service, event);
      const patientId = await ownerPatient(manager, { service, traceId: event.traceId }, ownerUserId);
      const counts: Record<
        string,
        { created: number; updated: number; unchanged: number; conflicts: number }
      > = {};
      const errors: string[] = [];
      try {
        const bundle = await readSyncBundle(
          deps.blobStore,
          bundleRef,
          sourceSystem,
          deps.fhirImport.maxBundleBytes,
        );
        const summary = await importBundleIntoPatient(manager, patientId, bundle, deps.fhirImport);
        for (const [type, typeCounts] of Object.entries(summary.byResourceType))
          counts[type] = { ...typeCounts, conflicts: 0 };
        errors.push(
          ...summary.errors.map(
            (issue) => `${issue.resourceType ?? 'entry'}/${issue.fhirId ?? issue.index}: ${issue.reason}`,
          ),
        );
        await emitPatientUpdated(manager, { service, traceId: event.traceId }, patientId, summary.changed);
      } catch (error) {
        if (!(error instanceof PatientError)) throw error;
        errors.push(error.message);
      }
      await recordAudit(manager, actor, {
        action: 'import',
        entityType: 'FhirResource',
        entityIds: [syncRunId],
        patientIds: [patientId],
        outcome: errors.length === 0 ? 'SUCCESS' : 'FAILURE',
      });
      await enqueueEvent(
        manager,
        service,
        'ehr.sync.applied',
        { connectionId, syncRunId, patientId, counts, errors },
        { traceId: event.traceId },
      );
    },
  };
}
