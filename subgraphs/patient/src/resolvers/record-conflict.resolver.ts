import type { RequestContext } from '@holovitals/subgraph-kit';
import {
  Arg,
  Ctx,
  FieldResolver,
  ID,
  Mutation,
  registerEnumType,
  Resolver,
  Root,
  UseMiddleware,
} from 'type-graphql';
import { readPatientData } from '../access/record-read';
import { UuidIdArguments } from '../access/uuid-arguments';
import { PatientEntity } from '../entities/patient.entity';
import { RecordConflictEntity } from '../entities/record-conflict.entity';
import { ConflictChoice, openConflicts, resolveConflict } from '../records/record-conflicts';

registerEnumType(ConflictChoice, {
  name: 'ConflictChoice',
  description: 'Which version of a conflicted record to keep.',
  valuesConfig: {
    MINE: { description: 'The patient’s edited version; the EHR’s is recorded as seen.' },
    THEIRS: { description: 'The EHR’s version replaces the patient’s edit.' },
  },
});

/** Conflicts between a patient's edits and their EHR's newer versions: listing them on Patient, resolving one. */
@Resolver(() => PatientEntity)
@UseMiddleware(UuidIdArguments)
export class RecordConflictResolver {
  @FieldResolver(() => [RecordConflictEntity], {
    description: 'Synced records the patient edited that their EHR has since changed, waiting for a choice.',
  })
  async recordConflicts(
    @Root() patient: PatientEntity,
    @Ctx() ctx: RequestContext,
  ): Promise<RecordConflictEntity[]> {
    return readPatientData(ctx, patient.id, 'RecordConflict', () => openConflicts(ctx, patient.id));
  }

  @Mutation(() => RecordConflictEntity, {
    description: 'Resolves a record conflict by keeping the patient’s version (MINE) or the EHR’s (THEIRS).',
  })
  async resolveRecordConflict(
    @Arg('id', () => ID, { description: 'RecordConflict id.' }) id: string,
    @Arg('keep', () => ConflictChoice) keep: ConflictChoice,
    @Ctx() ctx: RequestContext,
  ): Promise<RecordConflictEntity> {
    return resolveConflict(ctx, id, keep);
  }
}
