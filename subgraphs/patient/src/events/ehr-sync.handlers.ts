import type { BlobStore } from '@holovitals/blob-store';
import type { EventHandlers } from '@holovitals/events';
import { enqueueEvent } from '@holovitals/events';
import { eventSystemActor, recordAudit } from '@holovitals/subgraph-kit';
import type { EntityManager } from 'typeorm';
import type { ResourceTypeCounts } from '../import/fhir-bundle-import';
import { importSyncedNdjson } from '../import/synced-ndjson-import';
import { PatientError } from '../patient-error';
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

/** Errors shown on a run are read by a person: the first few, and how many more there were. */
const MAX_REPORTED_ERRORS = 20;

function reportedErrors(errors: string[]): string[] {
  if (errors.length <= MAX_REPORTED_ERRORS) return errors;
  return [
    ...errors.slice(0, MAX_REPORTED_ERRORS),
    `…and ${errors.length - MAX_REPORTED_ERRORS} more entries not imported.`,
  ];
}

/**
 * Applies ehr's synced records to the owner's record through the one FHIR import (mapping stays here), streamed in
 * chunks, audited as the patient service acting on the event, and answers with ehr.sync.applied: per resource type
 * what was created, updated, unchanged or kept as a conflict (the patient had edited it). Runs in the consumer's
 * transaction, so the import, audit and answer commit together; a refused run applies nothing.
 */
export function ehrSyncHandlers(
  service: string,
  deps: { blobStore: BlobStore; fhirImport: { maxBundleBytes: number }; ehrSyncChunk: number },
): EventHandlers {
  return {
    'ehr.sync.completed': async (event, manager) => {
      const { connectionId, syncRunId, ownerUserId, sourceSystem, sourcePatientId, bundleRef } =
        event.payload;
      const actor = eventSystemActor(service, event);
      const patientId = await ownerPatient(manager, { service, traceId: event.traceId }, ownerUserId);
      const counts: Record<string, ResourceTypeCounts> = {};
      const errors: string[] = [];
      try {
        const summary = await importSyncedNdjson(
          manager,
          patientId,
          {
            blobStore: deps.blobStore,
            key: bundleRef,
            origin: { syncedFrom: sourceSystem, sourcePatientId: sourcePatientId ?? null },
          },
          { ...deps.fhirImport, chunkSize: deps.ehrSyncChunk },
        );
        Object.assign(counts, summary.byResourceType);
        errors.push(...summary.errors);
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
        { connectionId, syncRunId, patientId, counts, errors: reportedErrors(errors) },
        { traceId: event.traceId },
      );
    },
  };
}
