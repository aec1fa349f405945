import type { RequestContext } from '@holovitals/subgraph-kit';
import { Arg, Ctx, ID, Int, Mutation, Resolver, UseMiddleware, type ClassType } from 'type-graphql';
import { UuidIdArguments } from '../access/uuid-arguments';
import type { RecordKind } from '../fhir/record-kinds';
import type { EntityByListKind } from '../loaders/record-list-specs';
import { createRecord, deleteRecord, updateRecord } from '../records/record-writes';

export interface RecordMutationOptions<K extends RecordKind> {
  kind: K;
  /** GraphQL type name, e.g. `Condition`: mutations are create<Name>, update<Name>, delete<Name>. */
  typeName: string;
  entity: ClassType<EntityByListKind[K]>;
  input: ClassType<object>;
}

/**
 * create/update/delete for one record kind, handing off to records/record-writes: writes need write access to the
 * patient, are audited and emit patient.updated in the same transaction; update and delete take the version the
 * caller last saw.
 */
export function recordMutationResolver<K extends RecordKind>(options: RecordMutationOptions<K>): ClassType {
  const { typeName, entity, input } = options;
  const type = { kind: options.kind, typeName };

  @Resolver()
  @UseMiddleware(UuidIdArguments)
  class RecordMutations {
    @Mutation(() => entity, {
      name: `create${typeName}`,
      description: `Adds a ${typeName} to a patient's record.`,
    })
    create(
      @Arg('patientId', () => ID, { description: 'The patient record to add to.' }) patientId: string,
      @Arg('input', () => input, { description: `The ${typeName}.` }) fields: object,
      @Ctx() ctx: RequestContext,
    ): Promise<EntityByListKind[K]> {
      return createRecord(ctx, type, patientId, fields);
    }

    @Mutation(() => entity, {
      name: `update${typeName}`,
      description: `Corrects a ${typeName}: the given fields change; fails with CONFLICT if \`version\` is stale.`,
    })
    update(
      @Arg('id', () => ID, { description: `The ${typeName} to change.` }) id: string,
      @Arg('version', () => Int, { description: 'The version you last read.' }) version: number,
      @Arg('input', () => input, { description: 'New values.' }) fields: object,
      @Ctx() ctx: RequestContext,
    ): Promise<EntityByListKind[K]> {
      return updateRecord(ctx, type, id, version, fields);
    }

    @Mutation(() => ID, { name: `delete${typeName}`, description: `Removes a ${typeName}; returns its id.` })
    delete(
      @Arg('id', () => ID, { description: `The ${typeName} to remove.` }) id: string,
      @Arg('version', () => Int, { description: 'The version you last read.' }) version: number,
      @Ctx() ctx: RequestContext,
    ): Promise<string> {
      return deleteRecord(ctx, type, id, version);
    }
  }
  return RecordMutations;
}
