import { CHANGE_KINDS, type ChangeKind } from '@holovitals/live-changes';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { PatientEntity } from '../entities/patient.entity';

/** The enum type-graphql declares, with the kinds the live-changes contract names. */
export const RecordChangeKind = Object.fromEntries(CHANGE_KINDS.map((kind) => [kind, kind])) as {
  [K in ChangeKind]: K;
};

registerEnumType(RecordChangeKind, {
  name: 'RecordChangeKind',
  description: 'What happened to the watched record.',
  valuesConfig: {
    CREATED: { description: 'It was created.' },
    UPDATED: { description: 'Something in it was added, changed or removed.' },
    DELETED: { description: 'It was deleted.' },
  },
});

@ObjectType({
  description:
    "One change to a patient's record, delivered by the gateway's `patientRecordChanged` subscription; `patient` is read with the subscriber's own token.",
})
export class PatientRecordChange {
  @Field(() => ID, { description: 'The patient whose record changed.' })
  patientId!: string;

  @Field(() => RecordChangeKind, { description: 'What happened.' })
  kind!: ChangeKind;

  @Field(() => [String], { description: 'The record kinds that changed (`observation`, `demographics`...).' })
  changed!: string[];

  @Field(() => String, { description: 'When the owning subgraph published the change (ISO 8601).' })
  at!: string;

  @Field(() => PatientEntity, { description: 'The patient as it is now, with any fields from any subgraph.' })
  patient!: PatientEntity;
}
