import { recordAudit, type RequestContext } from '@holovitals/subgraph-kit';
import type { EntityManager, ObjectLiteral } from 'typeorm';
import { auditRead } from '../access/audit-trail';
import { accessDelegation, requirePatientAccess } from '../access/patient-authorization';
import { emitPatientUpdated } from '../events/patient-events';
import { publishPatientRecordChange } from '../live/record-change-publishing';
import type { RecordKind } from '../fhir/record-kinds';
import { recordByIdLoader } from '../loaders/record-by-id.loader';
import { RECORD_LIST_SPECS, type EntityByListKind } from '../loaders/record-list-specs';
import { PatientError, PatientErrorCode } from '../patient-error';
import { rememberDeletion } from './record-deletion';

/** Which record a write is about: its kind, and its GraphQL type name (the audit's entity type). */
export interface RecordType<K extends RecordKind> {
  kind: K;
  typeName: string;
}

type RecordRow = ObjectLiteral & {
  id: string;
  patientId: string;
  version: number;
  sourceFhirId: string | null;
  syncedFrom: string | null;
};

/**
 * Runs a write in a transaction with its audit event (naming the grant used and, for a proxy, the patient acted
 * for) and patient.updated. A refused or failed write is audited too, outside the transaction whose own audit
 * rolled back with it.
 */
export async function writeAudited(
  ctx: RequestContext,
  patientId: string,
  audit: { action: string; entityType: string; kind: RecordKind; recordId?: string },
  write: (manager: EntityManager) => Promise<string>,
): Promise<string> {
  const delegation = await accessDelegation(ctx, patientId, 'write');
  let id: string;
  try {
    id = await ctx.dataSource.transaction(async (manager) => {
      const written = await write(manager);
      await recordAudit(manager, ctx, {
        action: audit.action,
        entityType: audit.entityType,
        entityIds: [written],
        patientIds: [patientId],
        outcome: 'SUCCESS',
        ...delegation,
      });
      await emitPatientUpdated(manager, ctx, patientId, [audit.kind]);
      return written;
    });
  } catch (error) {
    await auditRead(ctx, {
      action: audit.action,
      entityType: audit.entityType,
      entityIds: audit.recordId === undefined ? [patientId] : [audit.recordId],
      patientIds: [patientId],
      outcome: error instanceof PatientError ? 'DENIED' : 'FAILURE',
      ...delegation,
    });
    throw error;
  }
  await publishPatientRecordChange(ctx, patientId, [audit.kind]);
  return id;
}

function staleVersion(typeName: string, id: string): PatientError {
  return new PatientError(
    PatientErrorCode.STALE_VERSION,
    `${typeName} ${id} was changed by someone else; reload and retry.`,
    { id },
  );
}

/** The record, if it exists and the caller may write its patient's record; refusals are audited. */
async function loadForWrite<K extends RecordKind>(
  ctx: RequestContext,
  type: RecordType<K>,
  id: string,
  action: string,
): Promise<RecordRow> {
  const existing = (await recordByIdLoader(ctx, type.kind).load(id)) as RecordRow | null;
  if (existing === null) {
    await auditRead(ctx, {
      action,
      entityType: type.typeName,
      entityIds: [id],
      patientIds: [],
      outcome: 'DENIED',
    });
    throw new PatientError(PatientErrorCode.RECORD_NOT_FOUND, `No ${type.typeName} ${id}.`);
  }
  await requirePatientAccess(ctx, existing.patientId, 'write', {
    action,
    entityType: type.typeName,
    entityIds: [id],
  });
  return existing;
}

async function reload<K extends RecordKind>(
  ctx: RequestContext,
  type: RecordType<K>,
  id: string,
): Promise<EntityByListKind[K]> {
  return (await ctx.dataSource
    .getRepository<RecordRow>(RECORD_LIST_SPECS[type.kind].entity)
    .findOneByOrFail({ id })) as EntityByListKind[K];
}

/** Adds a hand-entered record to a patient's record. */
export async function createRecord<K extends RecordKind>(
  ctx: RequestContext,
  type: RecordType<K>,
  patientId: string,
  fields: object,
): Promise<EntityByListKind[K]> {
  await requirePatientAccess(ctx, patientId, 'write', { action: 'create', entityType: type.typeName });
  const id = await writeAudited(
    ctx,
    patientId,
    { action: 'create', entityType: type.typeName, kind: type.kind },
    async (manager) => {
      const repository = manager.getRepository<RecordRow>(RECORD_LIST_SPECS[type.kind].entity);
      const saved = await repository.save(repository.create({ ...fields, patientId, sourceFhirId: null }));
      return saved.id;
    },
  );
  return reload(ctx, type, id);
}

/** Changes the given fields of a record, if `version` is still the current one. */
export async function updateRecord<K extends RecordKind>(
  ctx: RequestContext,
  type: RecordType<K>,
  id: string,
  version: number,
  fields: object,
): Promise<EntityByListKind[K]> {
  const existing = await loadForWrite(ctx, type, id, 'update');
  await writeAudited(
    ctx,
    existing.patientId,
    { action: 'update', entityType: type.typeName, kind: type.kind, recordId: id },
    async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(RECORD_LIST_SPECS[type.kind].entity)
        // Marks the edit, so a later sync of a synced record keeps it and flags a conflict instead.
        .set({ ...fields, editedAt: () => 'now()' })
        .where('id = :id AND version = :version', { id, version })
        .execute();
      if (result.affected === 0) throw staleVersion(type.typeName, id);
      return id;
    },
  );
  return reload(ctx, type, id);
}

/** Deletes a record, if `version` is still the current one, and remembers the deletion (see rememberDeletion). */
export async function deleteRecord<K extends RecordKind>(
  ctx: RequestContext,
  type: RecordType<K>,
  id: string,
  version: number,
): Promise<string> {
  const existing = await loadForWrite(ctx, type, id, 'delete');
  return writeAudited(
    ctx,
    existing.patientId,
    { action: 'delete', entityType: type.typeName, kind: type.kind, recordId: id },
    async (manager) => {
      const result = await manager.delete(RECORD_LIST_SPECS[type.kind].entity, { id, version });
      if (result.affected === 0) throw staleVersion(type.typeName, id);
      await rememberDeletion(manager, {
        kind: type.kind,
        id,
        patientId: existing.patientId,
        sourceFhirId: existing.sourceFhirId ?? null,
        syncedFrom: existing.syncedFrom ?? null,
        deletedBy: ctx.principal?.id ?? null,
      });
      return id;
    },
  );
}
