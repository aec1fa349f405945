import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType('SyncTypeCount', { description: 'What one sync run did with one FHIR resource type.' })
export class SyncTypeCount {
  @Field(() => String, { description: 'FHIR resource type, e.g. Condition.' })
  resourceType: string;

  @Field(() => Int, { description: 'Resources fetched from the provider.' })
  fetched: number;

  @Field(() => Int, { description: 'New in the patient’s record.' })
  created: number;

  @Field(() => Int, { description: 'Changed in the patient’s record (a newer version from the provider).' })
  updated: number;

  @Field(() => Int, { description: 'Already in the record exactly as fetched.' })
  unchanged: number;

  @Field(() => Int, { description: 'Not applied because the patient had edited the record; to be resolved.' })
  conflicts: number;
}
