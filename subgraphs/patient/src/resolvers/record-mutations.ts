import { DomainError, ErrorCode, recordAudit, type RequestContext } from '@holovitals/subgraph-kit';
import { Arg, Ctx, ID, Int, Mutation, Resolver, UseMiddleware, type ClassType } from 'type-graphql';
import { auditRead } from '../access/audit-trail';
import type { EntityManager, ObjectLiteral } from 'typeorm';
import { requirePatientAccess } from '../access/patient-authorization';
import { UuidIdArguments } from '../access/uuid-arguments';
import { emitPatientUpdated } from '../events/patient-events';
import type { RecordKind } from '../fhir/record-kinds';
import { recordByIdLoader } from '../loaders/record-by-id.loader';
import { RECORD_LIST_SPECS, type EntityByListKind } from '../loaders/record-list-specs';
import { rememberDeletion } from '../records/record-deletion';

export interface RecordMutationOptions<K extends RecordKind> {
  kind: K;
  /** GraphQL type name, e.g. `Condition`: mutations are create<Name>, update<Name>, delete<Name>. */
  typeName: string;
  entity: ClassType<EntityByListKind[K]>;
  input: ClassType<object>;
}

type RecordRow = ObjectLiteral & { id: string; patientId: string; version: number };

async function writeAudited(
  ctx: RequestContext,
  patientId: string,
  options: { action: string; entityType: string; kind: RecordKind; recordId?: string },
  write: (manager: EntityManager) => Promise<string>,
): Promise<string> {
  try {
    return await ctx.dataSource.transaction(async (manager) => {
      const id = await write(manager);
      await recordAudit(manager, ctx, {
        action: options.action,
        entityType: options.entityType,
        entityIds: [id],
        patientIds: [patientId],
        outcome: 'SUCCESS',
      });
      await emitPatientUpdated(manager, ctx, patientId, [options.kind]);
      return id;
    });
  } catch (error) {
    // The transaction's own audit rolled back with it; a refused or failed write is still on the record.
    await auditRead(ctx, {
      action: options.action,
      entityType: options.entityType,
      entityIds: options.recordId === undefined ? [patientId] : [options.recordId],
      patientIds: [patientId],
      outcome: error instanceof DomainError ? 'DENIED' : 'FAILURE',
    });
    throw error;
  }
}

function staleVersion(typeName: string, id: string): DomainError {
  return new DomainError(
    ErrorCode.CONFLICT,
    `${typeName} ${id} was changed by someone else; reload and retry.`,
    {
      id,
    },
  );
}

/**
 * create/update/delete for one record kind. Writes need write access to the patient, are audited and emit
 * patient.updated in the same transaction; update and delete take the version the caller last saw.
 */
export function recordMutationResolver<K extends RecordKind>(options: RecordMutationOptions<K>): ClassType {
  const { kind, typeName, entity, input } = options;
  const entityType = typeName;
  const target = RECORD_LIST_SPECS[kind].entity;

  async function loadForWrite(ctx: RequestContext, id: string, action: string): Promise<RecordRow> {
    const existing = (await recordByIdLoader(ctx, kind).load(id)) as RecordRow | null;
    if (existing === null) {
      await auditRead(ctx, { action, entityType, entityIds: [id], patientIds: [], outcome: 'DENIED' });
      throw new DomainError(ErrorCode.NOT_FOUND, `No ${typeName} ${id}.`);
    }
    await requirePatientAccess(ctx, existing.patientId, 'write', { action, entityType, entityIds: [id] });
    return existing;
  }

  @Resolver()
  @UseMiddleware(UuidIdArguments)
  class RecordMutations {
    @Mutation(() => entity, {
      name: `create${typeName}`,
      description: `Adds a ${typeName} to a patient's record.`,
    })
    async create(
      @Arg('patientId', () => ID, { description: 'The patient record to add to.' }) patientId: string,
      @Arg('input', () => input, { description: `The ${typeName}.` }) fields: object,
      @Ctx() ctx: RequestContext,
    ): Promise<EntityByListKind[K]> {
      await requirePatientAccess(ctx, patientId, 'write', { action: 'create', entityType });
      const id = await writeAudited(
        ctx,
        patientId,
        { action: 'create', entityType, kind },
        async (manager) => {
          const repository = manager.getRepository<RecordRow>(target);
          const saved = await repository.save(
            repository.create({ ...fields, patientId, sourceFhirId: null }),
          );
          return saved.id;
        },
      );
      return (await ctx.dataSource
        .getRepository<RecordRow>(target)
        .findOneByOrFail({ id })) as EntityByListKind[K];
    }

    @Mutation(() => entity, {
      name: `update${typeName}`,
      description: `Corrects a ${typeName}: the given fields change; fails with CONFLICT if \`version\` is stale.`,
    })
    async update(
      @Arg('id', () => ID, { description: `The ${typeName} to change.` }) id: string,
      @Arg('version', () => Int, { description: 'The version you last read.' }) version: number,
      @Arg('input', () => input, { description: 'New values.' }) fields: object,
      @Ctx() ctx: RequestContext,
    ): Promise<EntityByListKind[K]> {
      const existing = await loadForWrite(ctx, id, 'update');
      await writeAudited(
        ctx,
        existing.patientId,
        { action: 'update', entityType, kind, recordId: id },
        async (manager) => {
          const result = await manager
            .createQueryBuilder()
            .update(target)
            .set({ ...fields })
            .where('id = :id AND version = :version', { id, version })
            .execute();
          if (result.affected === 0) throw staleVersion(typeName, id);
          return id;
        },
      );
      return (await ctx.dataSource
        .getRepository<RecordRow>(target)
        .findOneByOrFail({ id })) as EntityByListKind[K];
    }

    @Mutation(() => ID, { name: `delete${typeName}`, description: `Removes a ${typeName}; returns its id.` })
    async delete(
      @Arg('id', () => ID, { description: `The ${typeName} to remove.` }) id: string,
      @Arg('version', () => Int, { description: 'The version you last read.' }) version: number,
      @Ctx() ctx: RequestContext,
    ): Promise<string> {
      const existing = await loadForWrite(ctx, id, 'delete');
      return writeAudited(
        ctx,
        existing.patientId,
        { action: 'delete', entityType, kind, recordId: id },
        async (manager) => {
          const result = await manager.delete(target, { id, version });
          if (result.affected === 0) throw staleVersion(typeName, id);
          await rememberDeletion(manager, {
            kind,
            id,
            patientId: existing.patientId,
            sourceFhirId: (existing.sourceFhirId as string | null) ?? null,
            deletedBy: ctx.principal?.id ?? null,
          });
          return id;
        },
      );
    }
  }
  return RecordMutations;
}
