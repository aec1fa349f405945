import type { RequestContext } from '@holovitals/subgraph-kit';
import type { Resource } from '@medplum/fhirtypes';
import { IsNull, type EntityManager } from 'typeorm';
import { auditRead } from '../access/audit-trail';
import { requirePatientAccess } from '../access/patient-authorization';
import { RecordConflictEntity } from '../entities/record-conflict.entity';
import { recordFromFhir, type RecordKind } from '../fhir/record-kinds';
import { upsertFhirResources } from '../import/fhir-resource-upsert';
import { upsertRecords } from '../import/record-upsert';
import { PatientError, PatientErrorCode } from '../patient-error';
import { RECORD_TYPES, recordTable } from './record-types';
import { writeAudited } from './record-writes';

/** Which version of a conflicted record the patient keeps. */
export enum ConflictChoice {
  MINE = 'MINE',
  THEIRS = 'THEIRS',
}

/** A conflict as the API shows it: the row plus the GraphQL type name of its record. */
export function withRecordType(conflict: RecordConflictEntity): RecordConflictEntity {
  conflict.recordType = RECORD_TYPES[conflict.recordKind as RecordKind].typeName;
  return conflict;
}

/** Open conflicts of one patient's record, oldest first (the caller has checked read access). */
export async function openConflicts(ctx: RequestContext, patientId: string): Promise<RecordConflictEntity[]> {
  const rows = await ctx.dataSource
    .getRepository(RecordConflictEntity)
    .find({ where: { patientId, resolvedAt: IsNull() }, order: { detectedAt: 'ASC', id: 'ASC' } });
  return rows.map(withRecordType);
}

/** Writes the EHR's version over the record (and its raw copy): the record is the EHR's again, not edited. */
async function takeTheirs(
  manager: EntityManager,
  conflict: RecordConflictEntity,
  kind: RecordKind,
): Promise<void> {
  const resource = conflict.incomingResource as unknown as Resource;
  const record = recordFromFhir(resource);
  if (record === null)
    throw new Error(`record_conflict ${conflict.id} holds an unmapped ${resource.resourceType}`);
  await manager.query(`UPDATE ${recordTable(kind).table} SET edited_at = NULL WHERE id = $1`, [
    conflict.recordId,
  ]);
  await upsertRecords(manager, kind, conflict.patientId, [
    {
      index: 0,
      sourceFhirId: conflict.fhirId,
      syncedFrom: conflict.syncedFrom,
      contentHash: conflict.incomingHash,
      lastUpdated: conflict.incomingLastUpdated,
      record,
    },
  ]);
}

/**
 * Resolves an open conflict. MINE keeps the patient's version and records the EHR's as seen, so only a later
 * change at the EHR raises a new conflict; THEIRS puts the EHR's version in the record. Either way the raw copy
 * becomes the EHR's version. Audited with the record's patient, like any record write.
 */
export async function resolveConflict(
  ctx: RequestContext,
  conflictId: string,
  keep: ConflictChoice,
): Promise<RecordConflictEntity> {
  const conflict = await ctx.dataSource.getRepository(RecordConflictEntity).findOneBy({ id: conflictId });
  if (conflict === null || conflict.resolvedAt !== null) {
    await auditRead(ctx, {
      action: 'resolve',
      entityType: 'RecordConflict',
      entityIds: [conflictId],
      patientIds: conflict === null ? [] : [conflict.patientId],
      outcome: 'DENIED',
    });
    throw new PatientError(PatientErrorCode.RECORD_NOT_FOUND, `No open record conflict ${conflictId}.`);
  }
  await requirePatientAccess(ctx, conflict.patientId, 'write', {
    action: 'resolve',
    entityType: 'RecordConflict',
    entityIds: [conflictId],
  });
  const kind = conflict.recordKind as RecordKind;
  await writeAudited(
    ctx,
    conflict.patientId,
    { action: 'resolve', entityType: 'RecordConflict', kind, recordId: conflictId },
    async (manager) => {
      const claimed = (await manager.query(
        `UPDATE record_conflict SET resolved_at = now(), resolution = $2, resolved_by = $3
          WHERE id = $1 AND resolved_at IS NULL RETURNING id`,
        [conflictId, keep, ctx.principal?.id ?? null],
      )) as [unknown[], number];
      if (claimed[1] === 0)
        throw new PatientError(
          PatientErrorCode.STALE_VERSION,
          `Record conflict ${conflictId} was just resolved.`,
        );
      if (keep === ConflictChoice.THEIRS) await takeTheirs(manager, conflict, kind);
      else
        await manager.query(`UPDATE ${recordTable(kind).table} SET content_hash = $2 WHERE id = $1`, [
          conflict.recordId,
          conflict.incomingHash,
        ]);
      await upsertFhirResources(manager, conflict.patientId, [
        {
          index: 0,
          resourceType: conflict.resourceType,
          fhirId: conflict.fhirId,
          resource: conflict.incomingResource as unknown as Resource,
          contentHash: conflict.incomingHash,
          sourceSystem: conflict.syncedFrom,
          syncedFrom: conflict.syncedFrom,
          versionId: (conflict.incomingResource as unknown as Resource).meta?.versionId ?? null,
          lastUpdated: conflict.incomingLastUpdated,
        },
      ]);
      return conflictId;
    },
  );
  return withRecordType(
    await ctx.dataSource.getRepository(RecordConflictEntity).findOneByOrFail({ id: conflictId }),
  );
}
